/**
 * `npm run bench:cohort` (COHORT_STUDENTS=1000 by default): issue 13 item 7, the diplomas and
 * Diploma Supplements of an intake of graduates issued end to end through the hub — federated
 * read, render, sign, store — on fresh throwaway databases:
 *  1. loads COHORT_STUDENTS generated students of intake 2023 who all graduated (the volume
 *     generator's `graduates` option, npm run seed:volume -- --graduates);
 *  2. starts the hub in production mode and runs the cohort job exactly as
 *     `npm run documents:issue-cohort` does (startCohortIssue, followed until it ends);
 *  3. reports documents per second, the time, where the time went (the job's stages) and the CPU
 *     each process used;
 *  4. checks every document: one valid diploma and supplement per graduate, stored SHA-256 equal
 *     to the bytes, the ELMO's XML-DSig signature (xml-crypto) of every supplement, the status
 *     ISSUED through the gateway, and poppler's pdfsig on a sample of the PDFs.
 * Writes the "cohort" section of docs/benchmarks.md. Exits 1 when a check fails.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { withDatabase } from '@pioneer/shared/config';
import { dropDatabase, ensureDatabase, withClient } from '@pioneer/shared/persistence';
import { loadBenchConfig } from './bench-config.js';
import { writeBenchmarkSection } from './lib/bench-support.js';
import { startHub } from './lib/hub.js';
import { issueCohortDocuments } from './lib/issue-cohort.js';
import { freePort } from './lib/ports.js';
import { loadVolume } from './lib/volume.js';
import { sha256Hex } from '../subgraphs/consortium/src/modules/documents/document.snapshot.js';
import { verifyElmo } from '../subgraphs/consortium/src/modules/documents/signing/elmo-signature.js';
import { pdfsig } from '../test/support/documents.js';

const config = loadBenchConfig();
const N = config.cohortStudents;
const COHORT = 2023;
const ISSUED_ON = '2026-11-23';
const prefix = `pioneer_cohort_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };
// Free ports of their own, so a run never meets another hub (npm start, tests) on fixed ones.
const ports = { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() };
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);

/** CPU seconds (user + system, every thread) a process has used so far (Linux /proc). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime are fields 14 and 15 of stat, in clock ticks (100 per second on Linux).
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

const failures: string[] = [];
const check = (ok: boolean, what: string) => {
  if (!ok) failures.push(what);
};

let hub: Awaited<ReturnType<typeof startHub>> | null = null;
try {
  for (const url of Object.values(databases)) await ensureDatabase(url);
  log(`loading ${N} graduates of intake ${COHORT} …`);
  const loaded = await loadVolume(databases, { leuven, muenster, ttu }, { students: N, intakes: 1, firstIntake: COHORT, seed: COHORT, graduates: true }, log);
  const graduates = [...loaded.expectations.values()].filter((e) => e.status === 'GRADUATED').length;
  log(`${graduates} of ${N} generated students graduated`);
  log('starting the hub (production mode) …');
  hub = await startHub({ databases, ports, seed: false, mode: 'production', log });
  const authorization = `Bearer ${await hub.token('committee')}`;
  const pids = hub.pids();
  const cpu0 = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid)]));

  log(`issuing the diploma and supplement of every graduate of ${COHORT} (the cohort job) …`);
  const load0 = loadavg()[0]!;
  const t0 = performance.now();
  const result = await issueCohortDocuments({
    gatewayUrl: hub.gatewayUrl,
    cohort: COHORT,
    issuedOn: ISSUED_ON,
    authorization,
    pollMs: 2000,
    onProgress: (p) => log(`  ${p.issued + p.skipped + p.failed}/${p.total}: issued ${p.issued}, skipped ${p.skipped}, failed ${p.failed}, ~${p.etaSeconds ?? '?'} s left`),
  });
  const seconds = (performance.now() - t0) / 1000;
  const load1 = loadavg()[0]!;
  const cpu = Object.fromEntries(Object.entries(pids).map(([name, pid]) => [name, cpuSeconds(pid) - cpu0[name]!]));
  log(`${result.issued} documents in ${seconds.toFixed(1)} s (${(result.issued / seconds).toFixed(2)} per second); stages ${JSON.stringify(result.stages)}; CPU ${JSON.stringify(cpu)}`);
  check(result.failed === 0, `${result.failed} documents failed: ${result.report.filter((e) => e.outcome === 'FAILED').slice(0, 3).map((e) => e.detail).join(', ')}`);
  check(result.issued === graduates * 2, `${result.issued} issued, expected ${graduates * 2} (a diploma and a supplement per graduate)`);

  log('checking every document …');
  const v0 = performance.now();
  const rows = await withClient(databases.consortium, async (c) =>
    (await c.query<{ student_id: string; kind: string; number: string; pdf: Buffer; pdf_sha256: string; xml: string | null; xml_sha256: string | null; snapshot: { issue: { diplomaNumber?: string | null } } }>(
      `select student_id, kind, number, pdf, pdf_sha256, xml, xml_sha256, snapshot from issued_document where revoked_on is null order by number`,
    )).rows,
  );
  check(rows.length === result.issued, `${rows.length} stored documents, ${result.issued} reported issued`);
  const diplomas = new Map(rows.filter((r) => r.kind === 'DIPLOMA').map((r) => [r.student_id, r.number]));
  let elmoChecked = 0;
  for (const r of rows) {
    check(sha256Hex(r.pdf) === r.pdf_sha256, `${r.number}: the stored PDF's SHA-256 differs`);
    if (r.kind === 'DIPLOMA_SUPPLEMENT') {
      check(r.xml !== null && sha256Hex(Buffer.from(r.xml, 'utf8')) === r.xml_sha256, `${r.number}: the stored ELMO's SHA-256 differs`);
      check(r.xml !== null && verifyElmo(r.xml), `${r.number}: the ELMO signature does not verify`);
      check(r.snapshot.issue.diplomaNumber === diplomas.get(r.student_id), `${r.number}: names diploma ${r.snapshot.issue.diplomaNumber}, issued ${diplomas.get(r.student_id)}`);
      elmoChecked += 1;
    }
  }
  check(new Set(rows.map((r) => r.number)).size === rows.length, 'document numbers are not unique');
  // An independent tool on a sample (pdfsig takes a while per file): every 50th PDF, first and last included.
  const sample = rows.filter((_, i) => i % 50 === 0 || i === rows.length - 1);
  for (const r of sample) {
    const report = await pdfsig(r.pdf);
    check(report.valid && report.whole, `${r.number}: pdfsig does not accept the signature`);
  }
  // Through the gateway: every document of the intake ISSUED against the live record (§21).
  let issuedStatus = 0;
  for (let offset = 0, total = 1; offset < total; offset += 100) {
    const res = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify({ query: 'query($c: Int!, $o: Int!) { students(cohort: $c, offset: $o, limit: 100) { total items { documents { kind status } } } }', variables: { c: COHORT, o: offset } }),
    });
    const body = (await res.json()) as { data?: { students: { total: number; items: { documents: { status: string }[] }[] } }; errors?: { message: string }[] };
    if (!body.data) throw new Error(`the documents' status could not be read: ${body.errors?.[0]?.message}`);
    total = body.data.students.total;
    issuedStatus += body.data.students.items.flatMap((s) => s.documents).filter((d) => d.status === 'ISSUED').length;
  }
  check(issuedStatus === result.issued, `${issuedStatus} documents ISSUED through the gateway, ${result.issued} issued`);
  const checkSeconds = (performance.now() - v0) / 1000;
  log(failures.length ? `${failures.length} checks failed:\n  ${failures.slice(0, 20).join('\n  ')}` : `all ${rows.length} documents valid (${elmoChecked} ELMO signatures, ${sample.length} PDFs by pdfsig) in ${checkSeconds.toFixed(0)} s`);

  const s = result.stages;
  const worker = s.renderSeconds + s.signSeconds;
  const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
  const perDoc = (x: number) => ((x * 1000) / Math.max(1, result.issued)).toFixed(0);
  writeBenchmarkSection(
    'cohort',
    `## Issuing a cohort's documents through the hub (issue 13 item 7)

Written by \`npm run bench:cohort\` (scripts/bench-cohort.ts, COHORT_STUDENTS=${N}) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; fresh databases, ${N} generated students of intake ${COHORT} who all graduated, the hub in production mode, the cohort job started and followed through the gateway as \`npm run documents:issue-cohort\` does. Every document checked afterwards: ${failures.length === 0 ? 'all valid' : `**${failures.length} checks failed**`} (stored SHA-256 of every PDF and ELMO, the XML-DSig signature of every supplement with xml-crypto, each supplement naming its diploma, unique numbers, status ISSUED through the gateway for all, poppler's pdfsig on ${sample.length} PDFs).

| graduates | documents issued | time | documents/s | ms per document |
|---|---|---|---|---|
| ${graduates} | ${result.issued} (diploma + supplement each) | **${seconds.toFixed(1)} s** | ${(result.issued / seconds).toFixed(2)} | ${perDoc(seconds)} |

Where the time went (the job's own stages, CohortIssueJob.stages):

| stage | seconds | ms per document | |
|---|---|---|---|
| federated read (gateway + 3 universities, chunks of 24) | ${s.readSeconds.toFixed(1)} | ${perDoc(s.readSeconds)} | duration of the reads; each overlaps the previous chunk's rendering |
| render (text and PDF, pdfmake) | ${s.renderSeconds.toFixed(1)} | ${perDoc(s.renderSeconds)} | worker time summed over the pool (on a busy machine it includes waiting for a core) |
| sign (PAdES PDF, ELMO with the PDF, XML-DSig) | ${s.signSeconds.toFixed(1)} | ${perDoc(s.signSeconds)} | worker time summed over the pool (idem) |
| store (locks, numbers, inserts, commit) | ${s.storeSeconds.toFixed(1)} | ${perDoc(s.storeSeconds)} | wall time on the main thread |
| waiting for the worker pool | ${s.renderWallSeconds.toFixed(1)} | ${perDoc(s.renderWallSeconds)} | wall time (the pool's ${(worker / Math.max(0.001, s.renderWallSeconds)).toFixed(2)} threads on average were busy) |

CPU seconds per process during the run (user + system, all threads; PostgreSQL not included): ${Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')}; total ${cpuTotal.toFixed(1)} s over ${seconds.toFixed(1)} s of wall time: the hub had ${(cpuTotal / seconds).toFixed(2)} of the ${cpus().length} cores (load average ${load0.toFixed(1)} at the start, ${load1.toFixed(1)} at the end). The hub's CPU per document is ${perDoc(cpuTotal)} ms, almost all of it the consortium's rendering and signing; 2,000 documents (1,000 graduates) need about ${((cpuTotal / Math.max(1, result.issued)) * 2000).toFixed(0)} CPU seconds, that is about ${((cpuTotal / Math.max(1, result.issued)) * 2000 / cpus().length / 60).toFixed(1)} min when the hub gets every core (a projection, not a measurement).${
      N < 1000 ? ` At this run's pace, 2,000 documents would take about ${((seconds / Math.max(1, result.issued)) * 2000 / 60).toFixed(1)} min.` : ''
    }

The target: 1,000 Diploma Supplements (with their diplomas) in ≤ 5 minutes on this 2-core machine: ${N >= 1000 ? (seconds <= 300 ? `**met**, ${result.issued} documents of ${N} graduates in ${seconds.toFixed(1)} s` : `not met, ${seconds.toFixed(1)} s`) : `not measured at this size (COHORT_STUDENTS=${N})`} (\`npm run bench:cohort\`; COHORT_STUDENTS defaults to 1000).`,
  );
  log('docs/benchmarks.md: cohort section written');
} finally {
  await hub?.stop();
  for (const url of Object.values(databases)) await dropDatabase(url).catch(() => {});
}
if (failures.length) process.exitCode = 1;
