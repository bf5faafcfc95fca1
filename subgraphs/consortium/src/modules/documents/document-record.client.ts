import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import type { UniversityCode } from '@pioneer/shared/regulations';
import type { LiveRecord, RecordSnapshot } from './document.snapshot.js';
import type { ServiceIdentity } from '../thesis/federated-credits.js';

/** What issuing needs from the federated record: the three university records and the engine's verdict. */
export interface LiveDocumentRecord {
  records: Record<UniversityCode, LiveRecord>;
  progression: RecordSnapshot['progression'];
  overall: { points: number; grade: string; label: string } | null;
}

export interface DocumentRecordSource {
  /** The students' records in one gateway request; a student whose record cannot be read gets its error. */
  liveRecords(studentIds: readonly string[]): Promise<Map<string, LiveDocumentRecord | DomainError>>;
  /** The passing grades of an intake, per scale: the reference group of the supplement's ECTS grading tables. */
  gradeDistribution(intake: number): Promise<GradeDistribution>;
}

/** How often each passing local grade was given (ECTS Users' Guide 2015, 4.2.2: grading tables from the distribution of passing grades). */
export interface GradeDistribution {
  intake: number;
  /** Students of the intake whose records were counted. */
  students: number;
  /** Per scale, every passing grade given with its count; OVERALL: the final overall grades of the intake's graduates. */
  grades: Record<'LEUVEN' | 'MUENSTER' | 'TTU' | 'OVERALL', Record<string, number>>;
}

/** How long an intake's grade distribution is reused (ten minutes). */
export const DISTRIBUTION_TTL_MS = 10 * 60 * 1000;

/** One page of the students query; the gateway's `students` takes at most 500 at a time. */
export const STUDENT_PAGE = 500;

/** The record fields a document shows, besides those progression needs: one list for the gateway query and @requires. */
export const DOCUMENT_COURSE_FIELDS =
  'university code title semester credits overallWeight state completed recognised permanentlyFailed score localGrade label attempts { examinationKey examinationTitle attempt status points localGrade label outcome examinedOn } recognition { decisionReference decidedOn }';
export const DOCUMENT_RECORD_FIELDS = `university universityName enrolled studentNumber courses { ${DOCUMENT_COURSE_FIELDS} }`;

const STUDENT_RECORD = `progression { status totalCredits masterExaminationPassed permanentlyFailed permanentFailureReason }
  overallGrade { points grade label }
  leuven { ${DOCUMENT_RECORD_FIELDS} } muenster { ${DOCUMENT_RECORD_FIELDS} } ttu { ${DOCUMENT_RECORD_FIELDS} }`;

type Item = { progression: LiveDocumentRecord['progression'] | null; overallGrade: LiveDocumentRecord['overall'] } & Record<'leuven' | 'muenster' | 'ttu', LiveRecord | null>;

type Body = {
  data?: { students?: { items: (Item & { id: string })[] } | null };
  errors?: { message: string; extensions?: { code?: string; details?: unknown } }[];
};

/**
 * Reads the federated record through the gateway like any client, as the consortium's service
 * identity (as GatewayRecordClient does for credits), once the caller's right to the document is
 * checked: a document is never made from numbers a caller sends. Any missing university
 * record makes this fail with SOURCE_UNAVAILABLE: no document from partial data.
 */
export class GatewayDocumentRecordClient implements DocumentRecordSource {
  constructor(
    private readonly gatewayUrl: string,
    private readonly identity: ServiceIdentity,
    /** A hung gateway costs a call at most this long (then SOURCE_UNAVAILABLE); see docs/operations.md. */
    private readonly timeoutMs = 20_000,
  ) {}

  private async post(query: string, variables: Record<string, unknown>): Promise<Body & { data?: any }> {
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', authorization: await this.identity.bearer() },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as Body;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
  }

  private readonly distributions = new Map<number, { at: number; value: Promise<GradeDistribution> }>();

  /**
   * The distribution of an intake, read at most once per DISTRIBUTION_TTL_MS: a cohort's
   * supplements issued together share one reference group (and one read of the whole intake).
   */
  gradeDistribution(intake: number): Promise<GradeDistribution> {
    const cached = this.distributions.get(intake);
    if (cached && Date.now() - cached.at < DISTRIBUTION_TTL_MS) return cached.value;
    const value = this.readDistribution(intake);
    this.distributions.set(intake, { at: Date.now(), value });
    value.catch(() => this.distributions.delete(intake));
    return value;
  }

  /** Pages through the whole intake (no silent cap): every course grade of every student. */
  private async readDistribution(intake: number): Promise<GradeDistribution> {
    const COURSES = 'courses { completed recognised localGrade }';
    const grades: GradeDistribution['grades'] = { LEUVEN: {}, MUENSTER: {}, TTU: {}, OVERALL: {} };
    let students = 0;
    for (let offset = 0; ; offset += STUDENT_PAGE) {
      const body = await this.post(
        `query($c: Int!, $o: Int!, $l: Int!) { students(cohort: $c, offset: $o, limit: $l) { total items { leuven { ${COURSES} } muenster { ${COURSES} } ttu { ${COURSES} } overallGrade { grade } } } }`,
        { c: intake, o: offset, l: STUDENT_PAGE },
      );
      const page = body.data?.students as { total: number; items: ({ overallGrade: { grade: string } | null } & Record<'leuven' | 'muenster' | 'ttu', { courses: { completed: boolean; recognised: boolean; localGrade: string | null }[] } | null>)[] } | undefined;
      if (!page) throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The intake’s grades could not be read', { intake });
      for (const item of page.items) {
        if (!item.leuven || !item.muenster || !item.ttu) throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The intake’s grades could not be read from all three universities', { intake });
        students += 1;
        for (const [scale, record] of [['LEUVEN', item.leuven], ['MUENSTER', item.muenster], ['TTU', item.ttu]] as const) {
          // Earned here and passed: recognised credits (§13) were graded elsewhere.
          for (const c of record.courses) if (c.completed && !c.recognised && c.localGrade) grades[scale][c.localGrade] = (grades[scale][c.localGrade] ?? 0) + 1;
        }
        if (item.overallGrade) grades.OVERALL[item.overallGrade.grade] = (grades.OVERALL[item.overallGrade.grade] ?? 0) + 1;
      }
      if (offset + STUDENT_PAGE >= page.total || page.items.length === 0) break;
    }
    return { intake, students, grades };
  }

  async liveRecords(studentIds: readonly string[]): Promise<Map<string, LiveDocumentRecord | DomainError>> {
    let body: Body;
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', authorization: await this.identity.bearer() },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({ query: `query($ids: [String!]!) { students(ids: $ids, limit: 500) { items { id ${STUDENT_RECORD} } } }`, variables: { ids: studentIds } }),
      });
      body = (await res.json()) as Body;
    } catch (e) {
      if ((e as Error | null)?.name === 'TimeoutError') {
        throw new DomainError(ErrorCode.SOURCE_TIMEOUT, `The federated record could not be read within ${this.timeoutMs} ms`, { source: 'gateway', timeoutMs: this.timeoutMs });
      }
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
    const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
    const items = new Map((body.data?.students?.items ?? []).map((s) => [s.id, s]));
    return new Map<string, LiveDocumentRecord | DomainError>(
      studentIds.map((id): [string, LiveDocumentRecord | DomainError] => {
        const s = items.get(id);
        if (!s || !s.progression || !s.leuven || !s.muenster || !s.ttu) {
          return [
            id,
            new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The student’s record could not be read from all three universities; no document is made from partial data', {
              ...(missing && typeof missing === 'object' ? missing : {}),
            }),
          ];
        }
        return [id, { records: { LEUVEN: s.leuven, MUENSTER: s.muenster, TTU: s.ttu }, progression: s.progression, overall: s.overallGrade }];
      }),
    );
  }
}
