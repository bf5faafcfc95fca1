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
}

/** The record fields a document shows, besides those progression needs: one list for the gateway query and @requires. */
export const DOCUMENT_COURSE_FIELDS = 'university code title semester credits state completed recognised permanentlyFailed score localGrade label';
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
