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
  liveRecord(studentId: string): Promise<LiveDocumentRecord>;
  /** Many students in one gateway request (a list of documents with their status); a failure per student is its error. */
  liveRecords(studentIds: readonly string[]): Promise<Map<string, LiveDocumentRecord | DomainError>>;
}

/** The record fields a document shows, besides those progression needs: one list for the gateway query and @requires. */
export const DOCUMENT_COURSE_FIELDS = 'university code title semester credits state completed recognised permanentlyFailed score localGrade label';
export const DOCUMENT_RECORD_FIELDS = `university universityName enrolled studentNumber courses { ${DOCUMENT_COURSE_FIELDS} }`;

const STUDENT_RECORD = `progression { status totalCredits masterExaminationPassed permanentlyFailed permanentFailureReason }
  overallGrade { points grade label }
  leuven { ${DOCUMENT_RECORD_FIELDS} } muenster { ${DOCUMENT_RECORD_FIELDS} } ttu { ${DOCUMENT_RECORD_FIELDS} }`;

type Item = { progression: LiveDocumentRecord['progression'] | null; overallGrade: LiveDocumentRecord['overall'] } & Record<'leuven' | 'muenster' | 'ttu', LiveRecord | null>;

type Body = {
  data?: { student?: Item | null };
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
  ) {}

  private async ask<T>(query: string, variables: Record<string, unknown>): Promise<T> {
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', authorization: await this.identity.bearer() },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as T;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
  }

  async liveRecords(studentIds: readonly string[]): Promise<Map<string, LiveDocumentRecord | DomainError>> {
    if (studentIds.length === 1) {
      const id = studentIds[0]!;
      return new Map([[id, await this.liveRecord(id).catch((e: unknown) => (e instanceof DomainError ? e : Promise.reject(e)))]]);
    }
    type ListBody = { data?: { students?: { items: (Item & { id: string })[] } | null }; errors?: Body['errors'] };
    const body = await this.ask<ListBody>(`query($ids: [String!]!) { students(ids: $ids, limit: 500) { items { id ${STUDENT_RECORD} } } }`, { ids: studentIds });
    const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
    const items = new Map((body.data?.students?.items ?? []).map((s) => [s.id, s]));
    return new Map<string, LiveDocumentRecord | DomainError>(
      studentIds.map((id): [string, LiveDocumentRecord | DomainError] => {
        const s = items.get(id);
        if (!s || !s.progression || !s.leuven || !s.muenster || !s.ttu) {
          return [id, new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The student’s record could not be read from all three universities', { ...(missing && typeof missing === 'object' ? missing : {}) })];
        }
        return [id, { records: { LEUVEN: s.leuven, MUENSTER: s.muenster, TTU: s.ttu }, progression: s.progression, overall: s.overallGrade }];
      }),
    );
  }

  async liveRecord(studentId: string): Promise<LiveDocumentRecord> {
    const body = await this.ask<Body>(`query($id: String!) { student(id: $id) { ${STUDENT_RECORD} } }`, { id: studentId });
    const s = body.data?.student;
    const passOn = body.errors?.find((e) => e.extensions?.code && e.extensions.code !== ErrorCode.SOURCE_UNAVAILABLE);
    if (!s && passOn?.extensions?.code === ErrorCode.UNKNOWN_STUDENT) throw new DomainError(ErrorCode.UNKNOWN_STUDENT, passOn.message, { id: studentId });
    if (!s && passOn && (passOn.extensions?.code === ErrorCode.FORBIDDEN || passOn.extensions?.code === ErrorCode.UNAUTHENTICATED)) {
      throw new DomainError(passOn.extensions.code as ErrorCode, passOn.message);
    }
    if (!s || !s.progression || !s.leuven || !s.muenster || !s.ttu) {
      const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The student’s record could not be read from all three universities; no document is made from partial data', {
        ...(missing && typeof missing === 'object' ? missing : {}),
      });
    }
    return { records: { LEUVEN: s.leuven, MUENSTER: s.muenster, TTU: s.ttu }, progression: s.progression, overall: s.overallGrade };
  }
}
