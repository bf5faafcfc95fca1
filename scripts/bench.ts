/**
 * `npm run bench`: measures the hub on this machine and writes docs/benchmarks.md.
 *  1. Gateway comparison (issue "walking skeleton"): Hive Gateway (the hub's gateway) and Apollo
 *     Gateway over the same supergraph and the same subgraph processes, alternated twice.
 *  2. The same operations straight at the consortium subgraph, for scale.
 * Uses the PostgreSQL server at BENCH_DATABASE_URL (default 127.0.0.1:5432) with throwaway
 * databases, seeded with the demo cohort. Numbers are for reading, never asserted in tests.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { composeSupergraph, repoRoot, SUBGRAPHS, readSubgraphSdl } from '@pioneer/gateway';
import { dropDatabase, ensureDatabase } from '@pioneer/shared/persistence';
import { withDatabase } from '@pioneer/shared/config';
import { startHub } from './lib/hub.js';
import { planDemoCohort } from './lib/demo-cohort.js';
import { loadBenchConfig } from './bench-config.js';

const config = loadBenchConfig();
const prefix = `pioneer_bench_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };
const ports = { gateway: 4700, leuven: 4701, muenster: 4702, ttu: 4703, consortium: 4704 };

const student = planDemoCohort().find((p) => p.cohort === 2024)!;
const OPERATIONS = {
  'one student, all four subgraphs': {
    query: `query($id: String!) { student(id: $id) { givenName leuven { courses { code score localGrade } } muenster { courses { code score localGrade } } ttu { courses { code score localGrade } } progression { totalCredits status } overallGrade { points grade } } }`,
    variables: { id: student.id },
  },
  'cohort of 12 with progression': {
    query: `{ students(cohort: 2024, limit: 12) { items { familyName progression { totalCredits status } overallGrade { points } } } }`,
    variables: {},
  },
};

async function load(url: string, body: object): Promise<{ rps: number; p50: number; p99: number; errors: number }> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization },
    body: JSON.stringify(body),
    connections: config.connections,
    duration: config.seconds,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}

for (const url of Object.values(databases)) await ensureDatabase(url);
console.log('starting the hub (seeding the demo cohort) …');
const hub = await startHub({ databases, ports, seed: 'demo', mode: 'production' });
// As a member of the Academic Committee: every request carries a token the gateway verifies.
const authorization = `Bearer ${await hub.token('committee')}`;
const supergraphSdl = composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: hub.subgraphUrls[s.name], sdl: readSubgraphSdl(s.name) })));
// Apollo Gateway in its own process, like the hub's gateway: the load generator runs here.
const supergraphPath = join(mkdtempSync(join(tmpdir(), 'pioneer-bench-')), 'supergraph.graphql');
// Apollo Gateway refuses a supergraph with `for: SECURITY` features (@authenticated,
// @requiresScopes: "unsupported"); it gets the same supergraph without those links, so it does not
// enforce them. The subgraphs still verify every token and apply their rules.
writeFileSync(supergraphPath, supergraphSdl.replace(/ @link\(url: "https:\/\/specs\.apollo\.dev\/(requiresScopes|authenticated)\/v0\.1", for: SECURITY\)/g, ''));
const apolloPort = ports.gateway + 10;
const apollo = spawn(process.execPath, ['--import', createRequire(import.meta.url).resolve('tsx'), join(repoRoot, 'scripts/apollo-gateway.ts')], {
  env: { ...process.env, SUPERGRAPH_PATH: supergraphPath, APOLLO_GATEWAY_PORT: String(apolloPort), SUBGRAPH_SIGNING_SECRET: hub.signingSecret, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  await new Promise<void>((resolve, reject) => {
    apollo.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    apollo.once('exit', (code) => reject(new Error(`Apollo Gateway exited with ${code}`)));
  });
} catch (e) {
  // Nothing may outlive a failed run: the hub's processes hold the bench ports.
  await hub.stop();
  for (const url of Object.values(databases)) await dropDatabase(url);
  throw e;
}
const apolloUrl = `http://127.0.0.1:${apolloPort}/`;

const rows: string[] = [];
/** Resident memory of a process (Linux /proc), in MiB. */
const rssMiB = (pid: number) => {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
};
const memoryRows = () =>
  Object.entries({ ...hub.pids(), 'apollo-gateway (comparison)': apollo.pid ?? 0 }).map(([name, pid]) => `| ${name} | ${rssMiB(pid)} |`);
const memoryBefore = memoryRows();
let memoryAfter: string[] = [];
try {
  for (const [name, body] of Object.entries(OPERATIONS)) {
    // Same answer from both gateways before measuring anything.
    const answers = await Promise.all(
      [hub.gatewayUrl, apolloUrl].map(async (u) => (await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(body) })).json()),
    );
    if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) throw new Error(`${name}: the gateways disagree`);
    const targets = [
      ['Hive Gateway', hub.gatewayUrl],
      ['Apollo Gateway', apolloUrl],
    ] as const;
    for (let round = 1; round <= 2; round++) {
      for (const [gateway, url] of targets) {
        const r = await load(url, body);
        console.log(`${name} | ${gateway} | round ${round}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
        rows.push(`| ${name} | ${gateway} | ${round} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
      }
    }
  }
  memoryAfter = memoryRows();
} finally {
  apollo.kill('SIGTERM');
  await hub.stop();
  for (const url of Object.values(databases)) await dropDatabase(url);
}

const report = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Everything (PostgreSQL, four subgraph processes, the gateway under test and the load generator) shares the same cores, so the numbers compare the gateways with each other, not with production hardware.
autocannon, ${config.connections} connections, ${config.seconds} s per run; each gateway in its own process, the two alternated twice over the same supergraph and the same subgraph processes; both answers checked equal first. Both gateways sign every subgraph request (HMAC, docs/security.md) and forward the caller's bearer token (a committee member's), which every subgraph verifies; Hive Gateway also verifies it itself and enforces \`@authenticated\` / \`@requiresScopes\`, which Apollo Gateway cannot: it refuses a supergraph with these \`for: SECURITY\` features, so it runs the same supergraph without them and does a little less work per request here.

## Gateway comparison: Hive Gateway vs Apollo Gateway

The hub uses Hive Gateway (MIT, maintained, enforces \`@authenticated\`/\`@requiresScopes\`, can sign subgraph requests); these runs are why it stays so. Apollo Gateway (Elastic-2.0, in maintenance) is installed only as a dev dependency for this comparison.

| operation | gateway | round | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|---|
${rows.join('\n')}

## Memory (resident set, MiB)

After start (demo cohort seeded) and after all the load above:

| process | after start |
|---|---|
${memoryBefore.join('\n')}

| process | after load |
|---|---|
${memoryAfter.join('\n')}
`;
const previous = (() => {
  try {
    return readFileSync(join(repoRoot, 'docs', 'benchmarks.md'), 'utf8');
  } catch {
    return '';
  }
})();
// Sections written by other commands (bench:documents, bench:web; soak and first-start figures) are kept.
const kept = ['documents', 'operations', 'web'].map((name) => {
  const [start, end] = [`<!-- ${name}:start -->`, `<!-- ${name}:end -->`];
  return previous.includes(start) && previous.includes(end) ? previous.slice(previous.indexOf(start), previous.indexOf(end) + end.length) : '';
});
writeFileSync(join(repoRoot, 'docs', 'benchmarks.md'), [report, ...kept.filter(Boolean)].join('\n') + '\n');
console.log('wrote docs/benchmarks.md');
