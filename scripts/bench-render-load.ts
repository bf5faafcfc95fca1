/**
 * `npm run bench:render-load` (issue 12 item 6): other users' query latency while one staff user
 * renders documents as fast as the limits allow, side by side with the same load without
 * rendering, in one run. Fresh databases with generated students (the volume generator), the hub
 * in production mode with the consortium's default render limits; then alternating rounds of
 *  - "quiet": RENDER_LOAD_USERS students, each reading their own one-student record (the three
 *    universities, progression, overall grade) one request after the other;
 *  - "rendering": the same, while KU Leuven's staff user asks for current records as PDFs with
 *    as many requests at once as the limits let run and wait, waiting `retryAfter` when refused.
 * Reports p50/p95 and requests per second of the readers, and the renders done and refused.
 * Writes the "render-load" section of docs/benchmarks.md. Numbers are for reading, never asserted.
 */
import { cpus, loadavg, totalmem } from 'node:os';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { withDatabase, readInteger } from '@pioneer/shared/config';
import { dropDatabase, ensureDatabase } from '@pioneer/shared/persistence';
import { loadBenchConfig } from './bench-config.js';
import { percentile, writeBenchmarkSection } from './lib/bench-support.js';
import { startHub } from './lib/hub.js';
import { freePort } from './lib/ports.js';
import { loadVolume } from './lib/volume.js';

const config = loadBenchConfig();
const { users: USERS, seconds: SECONDS, rounds: ROUNDS } = config.renderLoad;
const prefix = `pioneer_renderload_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };
const ports = { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() };
const began = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - began) / 1000).toFixed(1).padStart(6)} s] ${line}`);

const RECORD = `query($id: String!) { student(id: $id) { givenName leuven { courses { code score localGrade } } muenster { courses { code score localGrade } } ttu { courses { code score localGrade } } progression { totalCredits status } overallGrade { points grade } } }`;
const RENDER = `query($id: String!) { student(id: $id) { currentRecord(asOf: "2026-11-22") { pdfBase64 } } }`;
// The consortium's defaults (config.ts): 2 running and 4 waiting per caller, a bucket of 6 refilled at 20 a minute.
const RENDER_CONCURRENCY = readInteger(process.env, 'RENDER_LOAD_RENDERER_REQUESTS', 6, 1, 64);

type Body = { data?: any; errors?: { message: string; extensions?: { code?: string; details?: { retryAfter?: number } } }[] };
async function post(url: string, authorization: string, query: string, variables: Record<string, unknown>): Promise<Body> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as Body;
}

let hub: Awaited<ReturnType<typeof startHub>> | null = null;
try {
  for (const url of Object.values(databases)) await ensureDatabase(url);
  log('loading 400 generated students (intakes 2023, 2024) …');
  const loaded = await loadVolume(databases, { leuven, muenster, ttu }, { students: 400, intakes: 2, firstIntake: 2023, seed: 12 }, log);
  const ids = [...loaded.expectations.keys()];
  log('starting the hub (production mode) …');
  hub = await startHub({ databases, ports, seed: false, mode: 'production', log });
  const url = hub.gatewayUrl;
  const readers = await Promise.all(ids.slice(0, USERS).map(async (id) => ({ id, authorization: `Bearer ${await hub!.token('student', id)}` })));
  const staff = `Bearer ${await hub.token('leuven-staff')}`;
  // Warm-up: every reader once, and one render (the workers start, fonts load).
  for (const r of readers) await post(url, r.authorization, RECORD, { id: r.id });
  await post(url, staff, RENDER, { id: ids[USERS]! });

  async function readLoop(until: number, reader: (typeof readers)[number], times: number[], errors: { n: number }) {
    while (Date.now() < until) {
      const t = performance.now();
      const body = await post(url, reader.authorization, RECORD, { id: reader.id });
      times.push(performance.now() - t);
      if (body.errors?.length || !body.data?.student) errors.n += 1;
    }
  }
  async function renderLoop(until: number, counts: { rendered: number; refused: number; failed: number }, offset: number) {
    let n = offset;
    while (Date.now() < until) {
      const id = ids[USERS + (n++ % (ids.length - USERS))]!;
      const body = await post(url, staff, RENDER, { id });
      if (body.data?.student?.currentRecord?.pdfBase64) counts.rendered += 1;
      else {
        const error = body.errors?.[0];
        if (error?.extensions?.code === 'RATE_LIMITED') {
          counts.refused += 1;
          // As a well-behaved client: wait what the refusal says (never past the round).
          const wait = Math.min((error.extensions.details?.retryAfter ?? 1) * 1000, Math.max(0, until - Date.now()));
          await new Promise((r) => setTimeout(r, wait));
        } else counts.failed += 1;
      }
    }
  }

  const rounds: { kind: 'quiet' | 'rendering'; times: number[]; errors: number; seconds: number; rendered: number; refused: number; failed: number }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const kind of ['quiet', 'rendering'] as const) {
      const times: number[] = [];
      const errors = { n: 0 };
      const counts = { rendered: 0, refused: 0, failed: 0 };
      const t0 = Date.now();
      const until = t0 + SECONDS * 1000;
      await Promise.all([
        ...readers.map((r) => readLoop(until, r, times, errors)),
        ...(kind === 'rendering' ? Array.from({ length: RENDER_CONCURRENCY }, (_, i) => renderLoop(until, counts, round * 1000 + i * 97)) : []),
      ]);
      const seconds = (Date.now() - t0) / 1000;
      rounds.push({ kind, times, errors: errors.n, seconds, ...counts });
      log(`${kind}: ${times.length} reads, p50 ${percentile(times, 50).toFixed(0)} ms, p95 ${percentile(times, 95).toFixed(0)} ms${kind === 'rendering' ? `; ${counts.rendered} renders, ${counts.refused} refused (RATE_LIMITED), ${counts.failed} failed` : ''}`);
    }
  }
  const summary = (kind: 'quiet' | 'rendering') => {
    const rs = rounds.filter((r) => r.kind === kind);
    const times = rs.flatMap((r) => r.times);
    const seconds = rs.reduce((a, r) => a + r.seconds, 0);
    return {
      reads: times.length,
      p50: percentile(times, 50),
      p95: percentile(times, 95),
      rps: times.length / seconds,
      errors: rs.reduce((a, r) => a + r.errors, 0),
      rendered: rs.reduce((a, r) => a + r.rendered, 0),
      refused: rs.reduce((a, r) => a + r.refused, 0),
      failed: rs.reduce((a, r) => a + r.failed, 0),
      perMinute: (rs.reduce((a, r) => a + r.rendered, 0) / seconds) * 60,
    };
  };
  const quiet = summary('quiet');
  const rendering = summary('rendering');
  const row = (label: string, s: ReturnType<typeof summary>, renders: string) => `| ${label} | ${s.reads} | ${s.p50.toFixed(0)} | ${s.p95.toFixed(0)} | ${s.rps.toFixed(1)} | ${s.errors} | ${renders} |`;
  writeBenchmarkSection(
    'render-load',
    `## Other users while documents are rendered (issue 12 item 6)

Written by \`npm run bench:render-load\` (scripts/bench-render-load.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, load average ${loadavg()[0]!.toFixed(1)} at the end; fresh databases with 400 generated students, the hub in production mode with the consortium's default render limits (2 running and 4 waiting per caller, a token bucket of 6 refilled at 20 a minute). ${USERS} students each read their own one-student record (three universities, progression, overall grade) one request after the other, for ${SECONDS} s per round, ${ROUNDS} rounds of each kind alternated; in the "rendering" rounds KU Leuven's staff user meanwhile asks for current records as PDFs with ${RENDER_CONCURRENCY} requests at once, waiting \`retryAfter\` whenever refused, that is as fast as the limits allow.

| readers' load | reads | p50 ms | p95 ms | reads/s | errors | renders by the staff user |
|---|---|---|---|---|---|---|
${row('quiet (no rendering)', quiet, '–')}
${row('while one staff user renders', rendering, `${rendering.rendered} done (${rendering.perMinute.toFixed(1)} per minute), ${rendering.refused} refused with RATE_LIMITED, ${rendering.failed} failed`)}

Rendering runs on the consortium's worker pool, off the request thread, and one caller has at most 2 renders running, so the readers share the cores with at most two renders at a time; past the per-minute budget the renderer is told to wait (\`RATE_LIMITED\`, \`retryAfter\`) and costs nothing. Before these limits one read-only request rendered 1,080 PDFs and other users' queries went from 0.18 s to 25–50 s (issue 12).`,
  );
  log('docs/benchmarks.md: render-load section written');
} finally {
  await hub?.stop();
  for (const url of Object.values(databases)) await dropDatabase(url).catch(() => {});
}
