/**
 * `npm run soak -- [seconds=600] [connections=8]`: the hub under steady mixed load for a bounded
 * time (its own databases on BENCH_DATABASE_URL, dropped at the end; its own free ports). Reports
 * requests, errors by code, latency percentiles per operation and overall, supervisor restarts,
 * and the resident memory of every process at the start and at the end. Prints a Markdown report
 * for docs/benchmarks.md. Numbers are for reading, never asserted in tests.
 */
import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dropDatabase, ensureDatabase } from '@pioneer/shared/persistence';
import { withDatabase } from '@pioneer/shared/config';
import { startHub } from './lib/hub.js';
import { planDemoCohort } from './lib/demo-cohort.js';
import { loadSoakConfig } from './bench-config.js';
import { freePort } from './lib/ports.js';

const config = loadSoakConfig(process.argv.slice(2));
const prefix = `pioneer_soak_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };

const plans = planDemoCohort();
const pick = <T>(xs: readonly T[]) => xs[Math.floor(Math.random() * xs.length)]!;
/** A mix of reads (varied variables: the gateway merges identical in-flight requests) and a write. */
const OPERATIONS: Record<string, () => { query: string; variables: Record<string, unknown> }> = {
  'student, four subgraphs': () => ({
    query: `query($id: String!) { student(id: $id) { givenName leuven { courses { code score } } muenster { courses { code score } } ttu { courses { code score } } progression { totalCredits status } overallGrade { points } } }`,
    variables: { id: pick(plans).id },
  }),
  'intake page with progression': () => ({
    query: `query($c: Int!, $o: Int!) { students(cohort: $c, limit: 6, offset: $o) { items { familyName progression { status totalCredits } } } }`,
    variables: { c: pick([2024, 2025, 2026]), o: pick([0, 3, 6]) },
  }),
  'catalogue': () => ({ query: `query($c: String!) { leuvenCourse(code: $c) { code title credits } }`, variables: { c: pick(['LEU-BIS', 'LEU-IMPS', 'LEU-PASI', 'LEU-PDBM', 'LEU-RSEM']) } }),
  'dashboard': () => ({ query: `query($c: Int!) { cohortDashboard(cohort: $c, asOf: "2026-11-22", limit: 5) { total } }`, variables: { c: pick([2024, 2025]) } }),
};

function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

for (const url of Object.values(databases)) await ensureDatabase(url);
console.log(`soak: ${config.seconds} s, ${config.connections} connections; starting the hub (seeding the demo cohort) …`);
const ports = { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() };
const restartLines: string[] = [];
const dropAll = async () => {
  for (const url of Object.values(databases)) await dropDatabase(url);
};
const hub = await startHub({ databases, ports, seed: 'demo', mode: 'production', env: { LOG_LEVEL: 'warn' }, log: (l) => /died|killed|exited|back up|giving up/.test(l) && restartLines.push(l) }).catch(async (e) => {
  await dropAll();
  throw e;
});
try {
  const authorization = `Bearer ${await hub.token('committee')}`;
  const memoryAtStart = Object.fromEntries(Object.entries(hub.pids()).map(([n, pid]) => [n, rssMiB(pid)]));
  const latencies = new Map<string, number[]>(Object.keys(OPERATIONS).map((k) => [k, []]));
  const errors: Record<string, number> = {};
  let requests = 0;
  const began = Date.now();
  const end = began + config.seconds * 1000;
  let lastReport = began;
  const worker = async () => {
    while (Date.now() < end) {
      const name = pick(Object.keys(OPERATIONS));
      const body = JSON.stringify(OPERATIONS[name]!());
      const t0 = performance.now();
      try {
        const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body, signal: AbortSignal.timeout(60_000) });
        const json = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
        for (const e of json.errors ?? []) errors[e.extensions?.code ?? `HTTP_${res.status}`] = (errors[e.extensions?.code ?? `HTTP_${res.status}`] ?? 0) + 1;
        if (!res.ok && !json.errors) errors[`HTTP_${res.status}`] = (errors[`HTTP_${res.status}`] ?? 0) + 1;
      } catch (e) {
        const key = (e as Error).name === 'TimeoutError' ? 'CLIENT_TIMEOUT' : 'NETWORK';
        errors[key] = (errors[key] ?? 0) + 1;
      }
      latencies.get(name)!.push(performance.now() - t0);
      requests += 1;
      if (Date.now() - lastReport > 60_000) {
        lastReport = Date.now();
        console.log(`  ${Math.round((Date.now() - began) / 1000)} s: ${requests} requests, ${Object.values(errors).reduce((a, b) => a + b, 0)} errors`);
      }
    }
  };
  await Promise.all(Array.from({ length: config.connections }, worker));
  const seconds = (Date.now() - began) / 1000;
  const memoryAtEnd = Object.fromEntries(Object.entries(hub.pids()).map(([n, pid]) => [n, rssMiB(pid)]));
  const all = [...latencies.values()].flat().sort((a, b) => a - b);
  const row = (name: string, xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    return `| ${name} | ${s.length} | ${percentile(s, 50).toFixed(0)} | ${percentile(s, 90).toFixed(0)} | ${percentile(s, 99).toFixed(0)} | ${(s.at(-1) ?? 0).toFixed(0)} |`;
  };
  const report = [
    `### Soak: ${Math.round(seconds)} s, ${config.connections} connections (${new Date().toISOString().slice(0, 16)} UTC)`,
    '',
    `Machine: ${cpus().length} cores, load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (shared with other work). Command: \`npm run soak -- ${config.seconds} ${config.connections}\`.`,
    '',
    `Requests: ${requests} (${(requests / seconds).toFixed(1)}/s); errors: ${Object.keys(errors).length ? Object.entries(errors).map(([c, n]) => `${c} ${n}`).join(', ') : 'none'}; supervisor restarts: ${Object.values(hub.restarts()).reduce((a, b) => a + b, 0)}.`,
    '',
    '| operation | requests | p50 ms | p90 ms | p99 ms | max ms |',
    '|---|---:|---:|---:|---:|---:|',
    ...[...latencies].map(([n, xs]) => row(n, xs)),
    row('all', all),
    '',
    '| process | RSS at start (MiB) | RSS at end (MiB) |',
    '|---|---:|---:|',
    ...Object.keys(memoryAtStart).map((n) => `| ${n} | ${memoryAtStart[n]} | ${memoryAtEnd[n]} |`),
    ...(restartLines.length ? ['', 'Supervisor:', ...restartLines.map((l) => `- ${l}`)] : []),
  ].join('\n');
  console.log(`\n${report}\n`);
} finally {
  await hub.stop();
  await dropAll();
}
