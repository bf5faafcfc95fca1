/**
 * `npm run bench:documents`: how long the documents take to make, in process, from synthetic
 * snapshots (the real catalogue, every grade from the engine): the Diploma Supplement (model,
 * PDF, ELMO XML, SHA-256), the diploma and the transcript, one after the other as a cohort run
 * does. Writes the "Documents" section of docs/benchmarks.md (between its markers; `npm run bench`
 * keeps it). DOCUMENTS_BENCH_COUNT sets the number of supplements (default 1000).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './lib/repo-root.js';
import { syntheticSnapshot } from './lib/synthetic-documents.js';
import { loadBenchConfig } from './bench-config.js';
import { availableParallelism } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { RenderPool } from '../subgraphs/consortium/src/modules/documents/cohort/render-pool.js';
import { renderIssuedDocument } from '../subgraphs/consortium/src/modules/documents/document.render.js';
import { DocumentKind, sha256Hex } from '../subgraphs/consortium/src/modules/documents/document.snapshot.js';
import { createDemoIdentityPem, parseIdentityPem } from '../subgraphs/consortium/src/modules/documents/signing/signing-identity.js';

export const DOCUMENTS_SECTION = { start: '<!-- documents:start -->', end: '<!-- documents:end -->' };

const count = loadBenchConfig().documents;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function measure(label: string, n: number, make: (i: number) => Promise<number>) {
  for (let i = 0; i < 5; i++) await make(100000 + i); // warm-up: fonts, JIT
  const times: number[] = [];
  let bytes = 0;
  const started = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    bytes += await make(i);
    times.push(performance.now() - t);
    if ((i + 1) % 100 === 0 || i + 1 === n) process.stdout.write(`\r${label}: ${i + 1}/${n}`);
  }
  const total = performance.now() - started;
  process.stdout.write('\n');
  times.sort((a, b) => a - b);
  return { label, n, totalS: total / 1000, mean: total / n, p50: percentile(times, 50), p95: percentile(times, 95), kb: bytes / n / 1024 };
}

const identity = parseIdentityPem(createDemoIdentityPem());
console.log(`${availableParallelism()} cores available`);
const rss0 = process.memoryUsage().rss;
const results = [
  await measure('Diploma Supplement: model, signed PDF, signed ELMO with the PDF, SHA-256', count, async (i) => {
    const { pdf, xml } = await renderIssuedDocument(syntheticSnapshot(i, DocumentKind.DIPLOMA_SUPPLEMENT), identity);
    sha256Hex(pdf);
    sha256Hex(xml!);
    return pdf.length + xml!.length;
  }),
  await measure('Diploma: model, signed PDF, SHA-256', Math.max(1, Math.round(count / 5)), async (i) => {
    const { pdf } = await renderIssuedDocument(syntheticSnapshot(i, DocumentKind.DIPLOMA), identity);
    sha256Hex(pdf);
    return pdf.length;
  }),
  await measure('Transcript (permanent failure): model, signed PDF, signed ELMO, SHA-256', Math.max(1, Math.round(count / 5)), async (i) => {
    const { pdf, xml } = await renderIssuedDocument(syntheticSnapshot(i, DocumentKind.TRANSCRIPT_OF_RECORDS, { failed: true }), identity);
    sha256Hex(pdf);
    sha256Hex(xml!);
    return pdf.length + xml!.length;
  }),
];
const rss1 = process.memoryUsage().rss;

// The cohort job's way: every core (worker threads), documents submitted together; the main
// thread's event-loop delay meanwhile is what the other requests of a subgraph would wait.
const pool = new RenderPool(identity);
await Promise.all(Array.from({ length: pool.threads * 2 }, (_, i) => pool.render(syntheticSnapshot(200000 + i, DocumentKind.DIPLOMA_SUPPLEMENT)))); // warm-up
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
const poolStarted = performance.now();
let poolBytes = 0;
await Promise.all(
  Array.from({ length: count }, async (_, i) => {
    const { pdf, xml } = await pool.render(syntheticSnapshot(i, DocumentKind.DIPLOMA_SUPPLEMENT));
    sha256Hex(pdf);
    sha256Hex(xml!);
    poolBytes += pdf.length + xml!.length;
  }),
);
const poolSeconds = (performance.now() - poolStarted) / 1000;
loop.disable();
await pool.close();
const parallel = { threads: pool.threads, seconds: poolSeconds, perSecond: count / poolSeconds, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, kb: poolBytes / count / 1024 };
console.log(parallel);

const supplement = results[0]!;
const section = `${DOCUMENTS_SECTION.start}
## Documents (diploma, Diploma Supplement, transcript)

Written by \`npm run bench:documents\` (scripts/bench-documents.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; first one process, one document after the other, then the worker pool, from synthetic snapshots (the §7 (3) catalogue, grades from the engine). This is the rendering cost of an issue; an issue through the gateway adds one read of the federated record and one database write (the cohort script prints its own time per document). The cores are shared with everything else running on the machine, so p50 is the steadier figure.

| document | documents | total s | mean ms | p50 ms | p95 ms | size KiB |
|---|---|---|---|---|---|---|
${results.map((r) => `| ${r.label} | ${r.n} | ${r.totalS.toFixed(1)} | ${r.mean.toFixed(1)} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.kb.toFixed(0)} |`).join('\n')}

On the worker pool (the cohort job's renderer, ${parallel.threads} threads = \`availableParallelism()\`), ${count} supplements rendered and signed in **${parallel.seconds.toFixed(1)} s** (${parallel.perSecond.toFixed(1)} per second); meanwhile the main thread's event-loop delay stayed at p99 ${parallel.loopP99.toFixed(1)} ms (max ${parallel.loopMax.toFixed(1)} ms): a subgraph rendering on the pool keeps answering other requests.

One after the other on one thread, 1,000 Diploma Supplements (signed PDF and signed ELMO): **${((supplement.mean * 1000) / 1000).toFixed(0)} s** at the measured mean (${supplement.mean.toFixed(0)} ms each); a whole cohort's diploma and supplement together cost about ${(supplement.mean + results[1]!.mean).toFixed(0)} ms per graduate. Resident memory grew by ${Math.round((rss1 - rss0) / 2 ** 20)} MiB over the run.
${DOCUMENTS_SECTION.end}`;

const file = join(repoRoot, 'docs', 'benchmarks.md');
const current = readFileSync(file, 'utf8');
const a = current.indexOf(DOCUMENTS_SECTION.start);
const b = current.indexOf(DOCUMENTS_SECTION.end);
const next = a >= 0 && b > a ? current.slice(0, a) + section + current.slice(b + DOCUMENTS_SECTION.end.length) : `${current.trimEnd()}\n\n${section}\n`;
writeFileSync(file, next);
console.log(section);
