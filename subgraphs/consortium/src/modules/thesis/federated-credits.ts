import { DomainError, ErrorCode } from '@pioneer/shared/errors';

/**
 * Where the consortium learns a student's earned credits for a decision such as a thesis topic
 * (§10 (3)): never from the client's input, always from the universities' live records.
 */
export interface CreditSource {
  creditsEarned(studentId: string): Promise<number>;
}

/**
 * Asks the gateway, like any client, for the student's joint progression, which the gateway
 * computes from the three universities' records (@requires). If any university's record is
 * missing, progression is null with SOURCE_UNAVAILABLE, and so is this answer: no decision is
 * taken on partial data. (The request will carry a service identity once issue 6 adds
 * authentication.)
 */
export class GatewayCreditSource implements CreditSource {
  constructor(private readonly gatewayUrl: string) {}

  async creditsEarned(studentId: string): Promise<number> {
    let body: { data?: { student?: { progression?: { totalCredits: number } | null } | null }; errors?: { extensions?: { code?: string; details?: unknown } }[] };
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium' },
        body: JSON.stringify({ query: 'query($id: String!) { student(id: $id) { progression { totalCredits } } }', variables: { id: studentId } }),
      });
      body = (await res.json()) as typeof body;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
    const credits = body.data?.student?.progression?.totalCredits;
    if (typeof credits !== 'number') {
      const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The student’s credits could not be established from all three universities', {
        ...(missing && typeof missing === 'object' ? missing : {}),
      });
    }
    return credits;
  }
}
