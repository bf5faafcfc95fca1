import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { SCOPES, type TokenIssuer } from '@pioneer/shared/auth';
import { creditsEarnedOn } from '@pioneer/shared/regulations';

/** Who the consortium is when it reads the federated record. */
export const CONSORTIUM_SERVICE_CLAIMS = { sub: 'service:consortium', name: 'Consortium subgraph', scope: SCOPES.recordReader };

/**
 * Where the consortium learns a student's earned credits for a decision such as a thesis topic
 * (§10 (3)): never from the client's input, always from the universities' live records.
 */
export interface CreditSource {
  /** §10 (3): the credits earned on or before `on` (courses completed or recognised by then). */
  creditsEarned(studentId: string, on: string): Promise<number>;
}

/** What a dashboard needs of each student of a cohort, from the federated record. */
export interface CohortRecord {
  id: string;
  progression: { status: string; totalCredits: number; coursesFailed: number; permanentlyFailed: boolean } | null;
  overallGrade: { points: number; grade: string; label: string } | null;
  /** Courses with an outstanding fail and one attempt left: the next fail is permanent (§15 (4)). */
  lastChanceCourses: number;
}

export interface CohortSource {
  /** The federated records of these students, however many: read a page of STUDENT_PAGE at a time. */
  recordsOf(studentIds: readonly string[]): Promise<CohortRecord[]>;
}

/** The most `students(ids:)` answers at once (its limit). */
export const STUDENT_PAGE = 500;
/** Pages of a whole intake read at once (recordsOf). */
export const PAGES_IN_FLIGHT = 2;

/** The consortium's own bearer token: two minutes, renewed after one, signed with its service key. */
export class ServiceIdentity {
  private token: { value: string; until: number } | null = null;

  constructor(private readonly issuer: TokenIssuer) {}

  async bearer(): Promise<string> {
    if (!this.token || this.token.until < Date.now()) {
      this.token = { value: await this.issuer.mint(CONSORTIUM_SERVICE_CLAIMS, { expiresIn: '2m' }), until: Date.now() + 60_000 };
    }
    return `Bearer ${this.token.value}`;
  }
}

type GraphQLBody<T> = { data?: T; errors?: { message: string; extensions?: { code?: string; details?: unknown } }[] };

const COURSES = 'courses { hasFailedAttempt attemptsLeft permanentlyFailed }';

/**
 * Asks the gateway, like any client, for the federated record, which the gateway assembles from
 * the three universities (@requires). If a university's record is missing the answer carries
 * SOURCE_UNAVAILABLE, and so does this: no decision or dashboard on partial data.
 *
 * It asks as the consortium itself (scope `record-reader`: results and progressions, read-only,
 * no personal data), with a short-lived token it signs with its service key; the caller's own
 * right to the decision or dashboard is checked before (an examiner may assign a topic, §10 (3),
 * without being allowed to read the student's grades).
 */
export class GatewayRecordClient implements CreditSource, CohortSource {
  constructor(
    private readonly gatewayUrl: string,
    private readonly identity: ServiceIdentity,
    /** A hung gateway costs a call at most this long (then SOURCE_UNAVAILABLE); see docs/operations.md. */
    private readonly timeoutMs = 20_000,
  ) {}

  private async query<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLBody<T>> {
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', authorization: await this.identity.bearer() },
        signal: AbortSignal.timeout(this.timeoutMs),
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLBody<T>;
    } catch (e) {
      if ((e as Error | null)?.name === 'TimeoutError') {
        throw new DomainError(ErrorCode.SOURCE_TIMEOUT, `The federated record could not be read within ${this.timeoutMs} ms`, { source: 'gateway', timeoutMs: this.timeoutMs });
      }
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
  }

  private unavailable(body: GraphQLBody<unknown>, what: string): DomainError {
    // A record the engine cannot read is not a missing university: say which student and rule.
    const unreadable = body.errors?.find((e) => e.extensions?.code === ErrorCode.RECORD_UNREADABLE);
    if (unreadable) return new DomainError(ErrorCode.RECORD_UNREADABLE, unreadable.message, (unreadable.extensions?.details as Record<string, unknown>) ?? {});
    const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
    return new DomainError(ErrorCode.SOURCE_UNAVAILABLE, `${what} could not be established from all three universities`, {
      ...(missing && typeof missing === 'object' ? missing : {}),
    });
  }

  /**
   * §10 (3) on a date: each completed course counts from the day it was completed (its last
   * examination, or the recognition decision), so a topic dated in the past is judged by the
   * credits of that day (dates.ts, `creditsEarnedOn`). The progression is asked for too: if the
   * record cannot be evaluated (a university missing, a record unreadable) nothing is decided.
   */
  async creditsEarned(studentId: string, on: string): Promise<number> {
    type Course = { credits: number; completed: boolean; attempts: { examinedOn: string }[]; recognition: { decidedOn: string } | null };
    const record = `courses { credits completed attempts { examinedOn } recognition { decidedOn } }`;
    const body = await this.query<{ student?: ({ progression?: { totalCredits: number } | null } & Record<'leuven' | 'muenster' | 'ttu', { courses: Course[] } | null>) | null }>(
      `query($id: String!) { student(id: $id) { progression { totalCredits } leuven { ${record} } muenster { ${record} } ttu { ${record} } } }`,
      { id: studentId },
    );
    const student = body.data?.student;
    if (!student || typeof student.progression?.totalCredits !== 'number' || !student.leuven || !student.muenster || !student.ttu) {
      throw this.unavailable(body, 'The student’s credits');
    }
    const courses = [student.leuven, student.muenster, student.ttu].flatMap((r) => r.courses);
    return creditsEarnedOn(
      courses.map((c) => ({ credits: c.credits, completed: c.completed, recognisedOn: c.recognition?.decidedOn ?? null, examinedOn: c.attempts.map((a) => a.examinedOn) })),
      on,
    );
  }

  async recordsOf(studentIds: readonly string[]): Promise<CohortRecord[]> {
    type Course = { hasFailedAttempt: boolean; attemptsLeft: number; permanentlyFailed: boolean };
    type Item = Omit<CohortRecord, 'lastChanceCourses'> & Record<'leuven' | 'muenster' | 'ttu', { courses: Course[] } | null>;
    const pages: string[][] = [];
    for (let start = 0; start < studentIds.length; start += STUDENT_PAGE) pages.push(studentIds.slice(start, start + STUDENT_PAGE));
    const read: CohortRecord[][] = new Array(pages.length);
    // Page by page, an intake of any size, never a silent cap at the list's limit; two pages in
    // flight, so that one page's university reads overlap the other's progression (the hub's
    // processes take turns on a page: one page at a time left a quarter of two cores idle, issue 16).
    let next = 0;
    const reader = async () => {
      for (let page = next++; page < pages.length; page = next++) {
        const ids = pages[page]!;
        const body = await this.query<{ students: { items: Item[] } }>(
          `query($ids: [String!], $limit: Int!) { students(ids: $ids, limit: $limit) { items { id
            progression { status totalCredits coursesFailed permanentlyFailed } overallGrade { points grade label }
            leuven { ${COURSES} } muenster { ${COURSES} } ttu { ${COURSES} } } } }`,
          { ids, limit: STUDENT_PAGE },
        );
        const items = body.data?.students?.items;
        if (!items || body.errors?.length || items.length !== ids.length || items.some((s) => !s.progression || !s.leuven || !s.muenster || !s.ttu)) {
          next = pages.length;
          throw this.unavailable(body, 'The cohort’s records');
        }
        read[page] = items.map((s) => ({
          id: s.id,
          progression: s.progression,
          overallGrade: s.overallGrade,
          lastChanceCourses: [s.leuven!, s.muenster!, s.ttu!].flatMap((r) => r.courses).filter((c) => c.hasFailedAttempt && !c.permanentlyFailed && c.attemptsLeft === 1).length,
        }));
      }
    };
    await Promise.all(Array.from({ length: Math.min(PAGES_IN_FLIGHT, pages.length) }, reader));
    return read.flat();
  }
}
