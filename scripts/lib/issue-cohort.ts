/**
 * Issues the diploma and the Diploma Supplement of every graduate of a cohort through the
 * gateway as a job (startCohortIssue): the consortium reads the whole intake, renders and signs
 * on every core, and reports each student it did not issue with the reason. This follows the job
 * until it ends, reporting progress with an estimate of the time left.
 */
export interface CohortEntry {
  studentId: string;
  name: string;
  kind: string;
  outcome: 'ISSUED' | 'SKIPPED' | 'FAILED';
  reason: string | null;
  detail: string | null;
  number: string | null;
}

export interface CohortProgress {
  jobId: string;
  state: 'RUNNING' | 'DONE' | 'CANCELLED' | 'FAILED';
  total: number;
  issued: number;
  skipped: number;
  failed: number;
  etaSeconds: number | null;
  elapsedSeconds: number;
}

/** Where the run's time went, in seconds (CohortIssueStages). */
export interface CohortStages {
  readSeconds: number;
  renderSeconds: number;
  signSeconds: number;
  storeSeconds: number;
  renderWallSeconds: number;
}

export interface CohortResult extends CohortProgress {
  /** Every document not issued, with its reason. */
  report: CohortEntry[];
  stages: CohortStages;
  msPerDocument: number | null;
}

/** A failure the CLI prints as one line, without a stack trace. */
export class CohortIssueError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

const JOB_FIELDS = 'id state total issued skipped failed etaSeconds error';
const REPORT = 'report { studentId name kind outcome reason detail number } stages { readSeconds renderSeconds signSeconds storeSeconds renderWallSeconds }';

export async function issueCohortDocuments(options: {
  gatewayUrl: string;
  cohort: number;
  issuedOn: string;
  authorization?: string;
  pollMs?: number;
  onProgress?: (p: CohortProgress) => void;
}): Promise<CohortResult> {
  const call = async (query: string, variables: Record<string, unknown>) => {
    let res: Response;
    try {
      res = await fetch(options.gatewayUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code ?? 'no answer';
      throw new CohortIssueError(`Cannot reach the gateway at ${options.gatewayUrl} (${cause})`, 'GATEWAY_UNREACHABLE');
    }
    let body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new CohortIssueError(`${options.gatewayUrl} did not answer like the hub's gateway (HTTP ${res.status})`, 'NOT_A_GATEWAY');
    }
    const error = body.errors?.[0];
    if (error) throw new CohortIssueError(error.message, error.extensions?.code ?? 'UNKNOWN');
    return body.data;
  };
  const started = Date.now();
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  const first = (await call(`mutation($i: StartCohortIssueInput!) { startCohortIssue(input: $i) { ${JOB_FIELDS} } }`, { i: { cohort: options.cohort, issuedOn: options.issuedOn } })).startCohortIssue;
  let job = first;
  let lastDone = -1;
  while (job.state === 'RUNNING') {
    const done = job.issued + job.skipped + job.failed;
    if (done !== lastDone) options.onProgress?.({ jobId: first.id, ...job, elapsedSeconds: elapsed() });
    lastDone = done;
    await new Promise((r) => setTimeout(r, options.pollMs ?? 1000));
    job = (await call(`query($id: String!) { cohortIssueJob(id: $id) { ${JOB_FIELDS} } }`, { id: first.id })).cohortIssueJob;
  }
  const final = (await call(`query($id: String!) { cohortIssueJob(id: $id) { ${JOB_FIELDS} ${REPORT} } }`, { id: first.id })).cohortIssueJob;
  const progress = { jobId: first.id, ...final, etaSeconds: 0, elapsedSeconds: elapsed() };
  options.onProgress?.(progress);
  if (final.state === 'FAILED') throw new CohortIssueError(`The cohort run stopped: ${final.error ?? 'unknown error'}`, final.error ?? 'UNKNOWN');
  return { ...progress, msPerDocument: final.issued ? Math.round((Date.now() - started) / final.issued) : null };
}
