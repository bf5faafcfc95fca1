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
}

/** The record fields a document shows, besides those progression needs: one list for the gateway query and @requires. */
export const DOCUMENT_COURSE_FIELDS = 'university code title semester credits state completed recognised permanentlyFailed score localGrade label';
export const DOCUMENT_RECORD_FIELDS = `university universityName enrolled studentNumber courses { ${DOCUMENT_COURSE_FIELDS} }`;

type Body = {
  data?: { student?: ({ progression: LiveDocumentRecord['progression'] | null; overallGrade: LiveDocumentRecord['overall'] } & Record<'leuven' | 'muenster' | 'ttu', LiveRecord | null>) | null };
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

  async liveRecord(studentId: string): Promise<LiveDocumentRecord> {
    let body: Body;
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', authorization: await this.identity.bearer() },
        body: JSON.stringify({
          query: `query($id: String!) { student(id: $id) {
            progression { status totalCredits masterExaminationPassed permanentlyFailed permanentFailureReason }
            overallGrade { points grade label }
            leuven { ${DOCUMENT_RECORD_FIELDS} } muenster { ${DOCUMENT_RECORD_FIELDS} } ttu { ${DOCUMENT_RECORD_FIELDS} } } }`,
          variables: { id: studentId },
        }),
      });
      body = (await res.json()) as Body;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
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
