import { DomainError, ErrorCode } from '@pioneer/shared/errors';

/** What a university must know of the consortium's own records before it writes (issue 11). */
export interface ConsortiumRegister {
  /** The consortium's admission of the student (§4 (1)): its date, or null when there is none. */
  admission(studentId: string): Promise<{ decidedOn: string } | null>;
  /** The Academic Committee decisions about the student (§13 (3) recognitions among them). */
  decisions(studentId: string): Promise<ConsortiumDecision[]>;
}

export interface ConsortiumDecision {
  id: string;
  kind: string;
  decidedOn: string;
  university: string | null;
  courseCode: string | null;
}

type Body = {
  data?: { student?: { admission: { decidedOn: string } | null; decisions: ConsortiumDecision[] } | null } | null;
  errors?: { message: string; extensions?: { code?: string } }[];
};

const QUERY = 'query($id: String!) { student(id: $id) { admission { decidedOn } decisions { id kind decidedOn university courseCode } } }';

/**
 * Asks the consortium through the gateway, like any client, with the caller's own bearer token:
 * the examinations office that enrols a student or records a recognition may read the student's
 * admission and decisions (docs/security.md), so no further key or identity is needed and the
 * university learns nothing its caller could not. A student the consortium does not know reads as
 * not admitted; a gateway or consortium that does not answer is SOURCE_UNAVAILABLE (nothing is
 * written on partial knowledge).
 */
export class GatewayConsortiumRegister implements ConsortiumRegister {
  private readonly cache = new Map<string, Promise<NonNullable<NonNullable<Body['data']>['student']> | null>>();

  constructor(
    private readonly gatewayUrl: string,
    private readonly authorization: string | null,
  ) {}

  private student(studentId: string) {
    let pending = this.cache.get(studentId);
    if (!pending) {
      pending = this.fetchStudent(studentId);
      this.cache.set(studentId, pending);
    }
    return pending;
  }

  private async fetchStudent(studentId: string) {
    let body: Body;
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'university', ...(this.authorization ? { authorization: this.authorization } : {}) },
        body: JSON.stringify({ query: QUERY, variables: { id: studentId } }),
        signal: AbortSignal.timeout(15_000),
      });
      body = (await res.json()) as Body;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, "The consortium's admissions could not be read (gateway unreachable)", { source: 'consortium' });
    }
    const codes = (body.errors ?? []).map((e) => e.extensions?.code);
    if (codes.includes(ErrorCode.FORBIDDEN) || codes.includes(ErrorCode.UNAUTHENTICATED)) {
      throw new DomainError(ErrorCode.FORBIDDEN, "Not allowed to read the student's admission at the consortium");
    }
    if (body.data?.student) return body.data.student;
    if (codes.length === 0 || codes.every((c) => c === ErrorCode.NOT_FOUND || c === ErrorCode.UNKNOWN_STUDENT)) return null;
    throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, "The consortium's admissions could not be read", { source: 'consortium' });
  }

  async admission(studentId: string): Promise<{ decidedOn: string } | null> {
    return (await this.student(studentId))?.admission ?? null;
  }

  async decisions(studentId: string): Promise<ConsortiumDecision[]> {
    return (await this.student(studentId))?.decisions ?? [];
  }
}
