/**
 * `npm run bench`: measures the hub on this machine and writes the "gateways" section of
 * docs/benchmarks.md: Hive Gateway (the hub's gateway) and Apollo Gateway over the same supergraph
 * and the same subgraph processes, alternated twice, on one student's record (a different student
 * per request, and apart the same request repeated) and on a cohort page. `npm run bench:scale`
 * measures the hub at 10,000 students.
 * Uses the PostgreSQL server at BENCH_DATABASE_URL (default 127.0.0.1:5432) with throwaway
 * databases, seeded with the demo cohort. Numbers are for reading, never asserted in tests.
 */
import { cpus, totalmem } from 'node:os';
import { dropDatabase, ensureDatabase } from '@pioneer/shared/persistence';
import { withDatabase } from '@pioneer/shared/config';
import { startHub } from './lib/hub.js';
import { planDemoCohort } from './lib/demo-cohort.js';
import { loadBenchConfig } from './bench-config.js';
import { load, rssMiB, startApolloPeer, writeBenchmarkSection } from './lib/bench-support.js';

const config = loadBenchConfig();
const prefix = `pioneer_bench_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };
const ports = { gateway: 4700, leuven: 4701, muenster: 4702, ttu: 4703, consortium: 4704 };

// Every request asks for another student of the demo cohort: Hive Gateway merges identical
// requests in flight, so one repeated query would measure that merging, not the hub.
const students = planDemoCohort().map((p) => p.id);
const RECORD = `query($id: String!) { student(id: $id) { givenName leuven { courses { code score localGrade } } muenster { courses { code score localGrade } } ttu { courses { code score localGrade } } progression { totalCredits status } overallGrade { points grade } } }`;
const OPERATIONS: Record<string, object | ((n: number) => object)> = {
  'one student, all four subgraphs (a different student per request)': (n: number) => ({ query: RECORD, variables: { id: students[n % students.length] } }),
  'one student, all four subgraphs (the same request repeated)': { query: RECORD, variables: { id: students[0] } },
  'cohort of 12 with progression': { query: `{ students(cohort: 2024, limit: 12) { items { familyName progression { totalCredits status } overallGrade { points } } } }`, variables: {} },
};

for (const url of Object.values(databases)) await ensureDatabase(url);
console.log('starting the hub (seeding the demo cohort) …');
const hub = await startHub({ databases, ports, seed: 'demo', mode: 'production' });
// As a member of the Academic Committee: every request carries a token the gateway verifies.
const authorization = `Bearer ${await hub.token('committee')}`;
let apollo: Awaited<ReturnType<typeof startApolloPeer>>;
try {
  apollo = await startApolloPeer(hub, ports.gateway + 10);
} catch (e) {
  // Nothing may outlive a failed run: the hub's processes hold the bench ports.
  await hub.stop();
  for (const url of Object.values(databases)) await dropDatabase(url);
  throw e;
}
const apolloUrl = apollo.url;

const rows: string[] = [];
const memoryRows = () =>
  Object.entries({ ...hub.pids(), 'apollo-gateway (comparison)': apollo.pid }).map(([name, pid]) => `| ${name} | ${rssMiB(pid)} |`);
const memoryBefore = memoryRows();
let memoryAfter: string[] = [];
try {
  for (const [name, body] of Object.entries(OPERATIONS)) {
    // Same answer from both gateways before measuring anything.
    const first = typeof body === 'function' ? body(0) : body;
    const answers = await Promise.all(
      [hub.gatewayUrl, apolloUrl].map(async (u) => (await fetch(u, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify(first) })).json()),
    );
    if (JSON.stringify(answers[0]) !== JSON.stringify(answers[1])) throw new Error(`${name}: the gateways disagree`);
    const targets = [
      ['Hive Gateway', hub.gatewayUrl],
      ['Apollo Gateway', apolloUrl],
    ] as const;
    for (let round = 1; round <= 2; round++) {
      for (const [gateway, url] of targets) {
        const r = await load({ url, headers: { authorization }, connections: config.connections, seconds: config.seconds, body });
        console.log(`${name} | ${gateway} | round ${round}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
        rows.push(`| ${name} | ${gateway} | ${round} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
      }
    }
  }
  memoryAfter = memoryRows();
} finally {
  apollo.stop();
  await hub.stop();
  for (const url of Object.values(databases)) await dropDatabase(url);
}

const report = `## Gateways (\`npm run bench\`)

Written by \`npm run bench\` (scripts/bench.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}.
Everything (PostgreSQL, four subgraph processes, the gateway under test and the load generator) shares the same cores, so the numbers compare the gateways with each other, not with production hardware.
autocannon, ${config.connections} connections, ${config.seconds} s per run; each gateway in its own process, the two alternated twice over the same supergraph and the same subgraph processes; both answers checked equal first. "A different student per request" cycles through the 36 demo students; "the same request repeated" is reported apart (Hive Gateway could merge identical requests in flight; the hub switches that off, docs/architecture.md). Both gateways sign every subgraph request (HMAC, docs/security.md) and forward the caller's bearer token (a committee member's), which every subgraph verifies; Hive Gateway also verifies it itself and enforces \`@authenticated\` / \`@requiresScopes\`, which Apollo Gateway cannot: it refuses a supergraph with these \`for: SECURITY\` features, so it runs the same supergraph without them and does a little less work per request here.

### Hive Gateway vs Apollo Gateway

The hub uses Hive Gateway (MIT, maintained, enforces \`@authenticated\`/\`@requiresScopes\`, can sign subgraph requests); these runs are why it stays so. Apollo Gateway (Elastic-2.0, in maintenance) is installed only as a dev dependency for this comparison.

| operation | gateway | round | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|---|
${rows.join('\n')}

### Memory (resident set, MiB)

After start (demo cohort seeded) and after all the load above:

| process | after start |
|---|---|
${memoryBefore.join('\n')}

| process | after load |
|---|---|
${memoryAfter.join('\n')}
`;
writeBenchmarkSection('gateways', report);
console.log('wrote docs/benchmarks.md');
