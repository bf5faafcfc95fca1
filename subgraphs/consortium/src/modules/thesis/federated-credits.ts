import { DomainError, ErrorCode } from '@pioneer/shared/errors';

/**
 * Where the consortium learns a student's earned credits for a decision such as a thesis topic
 * (§10 (3)): never from the client's input, always from the universities' live records.
 */
export interface CreditSource {
  creditsEarned(studentId: string): Promise<number>;
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
  cohortRecords(cohort: number): Promise<CohortRecord[]>;
}

type GraphQLBody<T> = { data?: T; errors?: { message: string; extensions?: { code?: string; details?: unknown } }[] };

const COURSES = 'courses { hasFailedAttempt attemptsLeft permanentlyFailed }';

/**
 * Asks the gateway, like any client, for the federated record, which the gateway assembles from
 * the three universities (@requires). If a university's record is missing the answer carries
 * SOURCE_UNAVAILABLE, and so does this: no decision or dashboard on partial data. It asks on
 * behalf of the caller, with the caller's own bearer token: the consortium never reads more of
 * the record than the person who asked may see.
 */
export class GatewayRecordClient implements CreditSource, CohortSource {
  constructor(
    private readonly gatewayUrl: string,
    private readonly authorization: string | null = null,
  ) {}

  /** The same client, asking on behalf of the holder of `authorization`. */
  onBehalfOf(authorization: string | null): GatewayRecordClient {
    return new GatewayRecordClient(this.gatewayUrl, authorization);
  }

  private async query<T>(query: string, variables: Record<string, unknown>): Promise<GraphQLBody<T>> {
    try {
      const res = await fetch(this.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-pioneer-caller': 'consortium', ...(this.authorization ? { authorization: this.authorization } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLBody<T>;
    } catch {
      throw new DomainError(ErrorCode.SOURCE_UNAVAILABLE, 'The federated record could not be read (gateway unreachable)', { source: 'gateway' });
    }
  }

  private unavailable(body: GraphQLBody<unknown>, what: string): DomainError {
    const missing = body.errors?.find((e) => e.extensions?.code === ErrorCode.SOURCE_UNAVAILABLE)?.extensions?.details;
    return new DomainError(ErrorCode.SOURCE_UNAVAILABLE, `${what} could not be established from all three universities`, {
      ...(missing && typeof missing === 'object' ? missing : {}),
    });
  }

  async creditsEarned(studentId: string): Promise<number> {
    const body = await this.query<{ student?: { progression?: { totalCredits: number } | null } | null }>(
      'query($id: String!) { student(id: $id) { progression { totalCredits } } }',
      { id: studentId },
    );
    const credits = body.data?.student?.progression?.totalCredits;
    if (typeof credits !== 'number') throw this.unavailable(body, 'The student’s credits');
    return credits;
  }

  async cohortRecords(cohort: number): Promise<CohortRecord[]> {
    type Course = { hasFailedAttempt: boolean; attemptsLeft: number; permanentlyFailed: boolean };
    type Item = Omit<CohortRecord, 'lastChanceCourses'> & Record<'leuven' | 'muenster' | 'ttu', { courses: Course[] } | null>;
    const body = await this.query<{ students: { items: Item[] } }>(
      `query($cohort: Int!) { students(cohort: $cohort, limit: 500) { items { id
        progression { status totalCredits coursesFailed permanentlyFailed } overallGrade { points grade label }
        leuven { ${COURSES} } muenster { ${COURSES} } ttu { ${COURSES} } } } }`,
      { cohort },
    );
    const items = body.data?.students?.items;
    if (!items || body.errors?.length || items.some((s) => !s.progression || !s.leuven || !s.muenster || !s.ttu)) throw this.unavailable(body, 'The cohort’s records');
    return items.map((s) => ({
      id: s.id,
      progression: s.progression,
      overallGrade: s.overallGrade,
      lastChanceCourses: [s.leuven!, s.muenster!, s.ttu!].flatMap((r) => r.courses).filter((c) => c.hasFailedAttempt && !c.permanentlyFailed && c.attemptsLeft === 1).length,
    }));
  }
}
