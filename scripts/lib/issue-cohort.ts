/**
 * Issues the diploma and the Diploma Supplement of every graduate of a cohort, one request per
 * document through the gateway (the same mutation, checks and access rules as a single issue),
 * reporting progress as it goes. A document that already has a valid version is skipped; a
 * refusal is counted as failed with its code, and the run goes on.
 */
export interface CohortProgress {
  total: number;
  done: number;
  skipped: number;
  failed: number;
  last: { studentId: string; name: string; kind: string; outcome: 'ISSUED' | 'SKIPPED' | 'FAILED'; code?: string; ms: number };
}

const KINDS = ['DIPLOMA', 'DIPLOMA_SUPPLEMENT'] as const;

export async function issueCohortDocuments(options: {
  gatewayUrl: string;
  cohort: number;
  issuedOn: string;
  authorization?: string;
  onProgress?: (p: CohortProgress) => void;
}): Promise<Omit<CohortProgress, 'last'> & { msPerDocument: number | null }> {
  const call = async (query: string, variables: Record<string, unknown>) => {
    const res = await fetch(options.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(options.authorization ? { authorization: options.authorization } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] };
  };
  const list = await call(
    `query($c: Int!) { students(cohort: $c, limit: 500) { items { id givenName familyName progression { masterExaminationPassed } documents { kind status } } } }`,
    { c: options.cohort },
  );
  if (!list.data?.students) throw new Error(`The cohort could not be read: ${list.errors?.map((e) => e.extensions?.code ?? e.message).join(', ')}`);
  type Item = { id: string; givenName: string; familyName: string; progression: { masterExaminationPassed: boolean } | null; documents: { kind: string; status: string }[] };
  const graduates = (list.data.students.items as Item[]).filter((s) => s.progression?.masterExaminationPassed);
  const progress: Omit<CohortProgress, 'last'> = { total: graduates.length * KINDS.length, done: 0, skipped: 0, failed: 0 };
  let issuingMs = 0;
  for (const s of graduates) {
    for (const kind of KINDS) {
      const started = performance.now();
      let outcome: CohortProgress['last']['outcome'];
      let code: string | undefined;
      if (s.documents.some((d) => d.kind === kind && d.status !== 'REVOKED')) {
        outcome = 'SKIPPED';
        progress.skipped += 1;
      } else {
        const r = await call(`mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id version } }`, { i: { studentId: s.id, kind, issuedOn: options.issuedOn } });
        if (r.errors?.length) {
          outcome = 'FAILED';
          code = r.errors[0]!.extensions?.code ?? 'UNKNOWN';
          progress.failed += 1;
        } else {
          outcome = 'ISSUED';
          progress.done += 1;
          issuingMs += performance.now() - started;
        }
      }
      options.onProgress?.({ ...progress, last: { studentId: s.id, name: `${s.familyName}, ${s.givenName}`, kind, outcome, ...(code ? { code } : {}), ms: Math.round(performance.now() - started) } });
    }
  }
  return { ...progress, msPerDocument: progress.done ? Math.round(issuingMs / progress.done) : null };
}
