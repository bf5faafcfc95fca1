/**
 * `npm run bench:scale`: the hub at volume, against a direct baseline, in one run on this machine.
 * Loads SCALE_STUDENTS generated students in one intake (2024) and a tenth of that in another
 * (2023) into throwaway databases (npm run seed:volume's generator), starts the hub in production
 * mode, then, alternating rounds:
 *  - a whole intake (1,000 and 10,000) with progression and overall grade through the gateway, a
 *    page of 500 at a time, against one SQL pass per database computing the same numbers (whose
 *    answers are first checked equal to the hub's, student by student); the small intake three
 *    times a round (its median take counts), since one take of it is under a second;
 *  - the same intake from KU Leuven's subgraph alone (`_entities`, signed as the gateway would);
 *  - the committee's dashboard of the intake, unfiltered and filtered;
 *  - one student's record with a different student per request, through Hive Gateway and Apollo
 *    Gateway, against each university subgraph alone for its part, and the identical request;
 *  - resident memory of every process at start and after paging through the large intake.
 * Writes the "scale" section of docs/benchmarks.md. Numbers are for reading, never asserted.
 */
import { cpus, totalmem } from 'node:os';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { withDatabase } from '@pioneer/shared/config';
import { dropDatabase, ensureDatabase } from '@pioneer/shared/persistence';
import { signedSubgraphRequest, subgraphSigningKey } from '@pioneer/shared/signature';
import { loadBenchConfig } from './bench-config.js';
import { cpuMs, load, percentile, postgresCpuMs, rssMiB, startApolloPeer, startGatewayPeer, writeBenchmarkSection, type LoadResult } from './lib/bench-support.js';
import { openDirect } from './lib/direct-sql.js';
import { startHub } from './lib/hub.js';
import { loadVolume } from './lib/volume.js';

const config = loadBenchConfig();
const prefix = `pioneer_scale_${process.pid}_`;
const db = (n: string) => withDatabase(config.databaseServer, `${prefix}${n}`);
const databases = { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') };
const ports = { gateway: 4800, leuven: 4801, muenster: 4802, ttu: 4803, consortium: 4804 };
const LARGE = config.scaleStudents;
const SMALL = Math.max(1, Math.round(LARGE / 10));
const SMALL_TAKES = 3;
const INTAKES = [
  { cohort: 2023, students: SMALL },
  { cohort: 2024, students: LARGE },
];
const log = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const seconds = (ms: number) => (ms / 1000).toFixed(2);

for (const url of Object.values(databases)) await ensureDatabase(url);
const expectations = new Map<string, { totalCredits: number; overallPoints: number | null }>();
for (const { cohort, students } of INTAKES) {
  log(`loading ${students} students into intake ${cohort} …`);
  const loaded = await loadVolume(databases, { leuven, muenster, ttu }, { students, intakes: 1, firstIntake: cohort, seed: cohort }, log);
  for (const [id, e] of loaded.expectations) expectations.set(id, e);
}
log('starting the hub …');
const hub = await startHub({ databases, ports, seed: false, mode: 'production' });
const authorization = `Bearer ${await hub.token('committee')}`;
const apollo = await startApolloPeer(hub, ports.gateway + 10);
// The same gateway with Hive Router's Rust query planner, over the same subgraphs.
const rust = await startGatewayPeer(hub, ports.gateway + 20, { GATEWAY_QUERY_PLANNER: 'rust' }, authorization);
const direct = await openDirect(databases);

async function gql<T>(url: string, query: string, variables: Record<string, unknown>, request?: { body: string; headers: Record<string, string> }): Promise<T> {
  const res = await fetch(url, { method: 'POST', ...(request ?? { headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query, variables }) }) });
  const body = (await res.json()) as { data?: T; errors?: { message: string; extensions?: { code?: string } }[] };
  if (body.errors?.length) throw new Error(`${body.errors[0]!.extensions?.code ?? ''} ${body.errors[0]!.message}`);
  return body.data!;
}
/** A request straight to a subgraph, signed as the gateway signs it (the bench plays the gateway). */
const signingKeys = { leuven: subgraphSigningKey(hub.signingSecret, 'leuven'), muenster: subgraphSigningKey(hub.signingSecret, 'muenster'), ttu: subgraphSigningKey(hub.signingSecret, 'ttu') };
const signed = (subgraph: keyof typeof signingKeys, query: string, variables: Record<string, unknown>) => signedSubgraphRequest(signingKeys[subgraph], subgraph, { query, variables, authorization });

type Item = { id: string; progression: { totalCredits: number } | null; overallGrade: { points: number } | null };
const INTAKE_PAGE = `query($cohort: Int!, $offset: Int!) { students(cohort: $cohort, limit: 500, offset: $offset) { total items { id progression { totalCredits status } overallGrade { points } } } }`;
async function intakeThroughHub(cohort: number, gateway = hub.gatewayUrl): Promise<Item[]> {
  const items: Item[] = [];
  for (let offset = 0, total = 1; offset < total; offset += 500) {
    const page = await gql<{ students: { total: number; items: Item[] } }>(gateway, INTAKE_PAGE, { cohort, offset });
    total = page.students.total;
    items.push(...page.students.items);
  }
  return items;
}
const LEUVEN_PART = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { leuven { university enrolled creditsEarned courses { code credits state score completed attemptsUsed } } } } }`;
async function intakeFromLeuvenAlone(ids: readonly string[]): Promise<number> {
  let n = 0;
  for (let start = 0; start < ids.length; start += 500) {
    const variables = { r: ids.slice(start, start + 500).map((id) => ({ __typename: 'Student', id })) };
    n += (await gql<{ _entities: unknown[] }>(hub.subgraphUrls.leuven, LEUVEN_PART, variables, signed('leuven', LEUVEN_PART, variables)))._entities.length;
  }
  return n;
}
const DASHBOARD = `query($cohort: Int!, $offset: Int!, $status: StudentStatus, $snapshot: String) { cohortDashboard(cohort: $cohort, limit: 500, offset: $offset, status: $status, snapshot: $snapshot, asOf: "2026-11-22") { total snapshot items { student { id } status totalCredits flags } } }`;
async function dashboardThroughHub(cohort: number, status: string | null): Promise<number> {
  let snapshot: string | null = null;
  let seen = 0;
  for (let offset = 0, total = 1; offset < total; offset += 500) {
    const page: { cohortDashboard: { total: number; snapshot: string | null; items: unknown[] } } = await gql(hub.gatewayUrl, DASHBOARD, { cohort, offset, status, snapshot });
    total = page.cohortDashboard.total;
    snapshot = page.cohortDashboard.snapshot;
    seen += page.cohortDashboard.items.length;
  }
  return seen;
}

const memory = () => Object.fromEntries(Object.entries({ ...hub.pids(), 'apollo-gateway (peer)': apollo.pid, 'gateway, Rust planner (peer)': rust.pid }).map(([n, pid]) => [n, rssMiB(pid)])) as Record<string, number>;
const memoryAtStart = memory();
const timed = async <T>(fn: () => Promise<T>): Promise<[number, T]> => {
  const t = performance.now();
  const value = await fn();
  return [performance.now() - t, value];
};

/** CPU time each hub process (and PostgreSQL, all its processes) used while `fn` ran, in ms. */
async function cpuDuring<T>(fn: () => Promise<T>, peers: Record<string, number> = {}): Promise<[Record<string, number>, T]> {
  const pids = { ...hub.pids(), ...peers };
  const before = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuMs(pid)]));
  const pg = postgresCpuMs();
  const value = await fn();
  const cpu = Object.fromEntries(Object.entries(pids).map(([n, pid]) => [n, cpuMs(pid) - before[n]!]));
  cpu.postgres = postgresCpuMs() - pg;
  return [cpu, value];
}
let intakeCpu: Record<string, number> = {};
let intakeMs = 0;
let recordCpu: Record<string, number> = {};
let recordRequests = 0;
let apolloCpu: Record<string, number> = {};
let apolloRequests = 0;
const partCpu: Record<string, number[]> = {};

const intakeRows: string[] = [];
const ratios: Record<number, { hub: number[]; sql: number[]; leuven: number[]; rust: number[] }> = {};
let memoryAfterLarge: Record<string, number> = {};
let memoryAfterDashboards: Record<string, number> = {};
const dashboardRows: string[] = [];
const studentRows: string[] = [];
let agreement = '';
try {
  // The direct pass computes what the hub computes: checked student by student before timing.
  for (const { cohort, students } of INTAKES) {
    const [viaHub, viaSql] = [await intakeThroughHub(cohort), await direct.intake(cohort)];
    const differ = viaHub.filter((i) => {
      const d = viaSql.get(i.id);
      return !d || d.totalCredits !== i.progression?.totalCredits || d.overallPoints !== (i.overallGrade?.points ?? null);
    });
    const unexpected = viaHub.filter((i) => expectations.get(i.id)?.totalCredits !== i.progression?.totalCredits);
    agreement += `intake ${cohort}: ${viaHub.length} of ${students} students through the hub, ${viaHub.length - differ.length} agree with the direct SQL pass, ${viaHub.length - unexpected.length} with the generator. `;
    log(agreement);
    if (viaHub.length !== students || differ.length || unexpected.length) throw new Error(`the hub and the baseline disagree: ${agreement}`);
  }
  for (let round = 1; round <= config.scaleRounds; round++) {
    for (const { cohort, students } of INTAKES) {
      const r = (ratios[students] ??= { hub: [], sql: [], leuven: [], rust: [] });
      const ids = [...(await direct.intake(cohort)).keys()];
      // The small intake takes well under a second, where one hiccup of a busy machine is a large
      // share of one take: it is read SMALL_TAKES times in a round, the runners interleaved, and
      // the round keeps each runner's median take. The large one takes seconds: one take a round.
      const takes = { hub: [] as number[], rust: [] as number[], sql: [] as number[], leuven: [] as number[] };
      for (let take = 0; take < (students === LARGE ? 1 : SMALL_TAKES); take++) {
        const [cpu, [hubMs]] = await cpuDuring(() => timed(() => intakeThroughHub(cohort)));
        if (students === LARGE && round === 1) [intakeCpu, intakeMs] = [cpu, hubMs];
        takes.hub.push(hubMs);
        takes.rust.push((await timed(() => intakeThroughHub(cohort, rust.url)))[0]);
        takes.sql.push((await timed(() => direct.intake(cohort)))[0]);
        takes.leuven.push((await timed(() => intakeFromLeuvenAlone(ids)))[0]);
      }
      const [hubMs, rustMs, sqlMs, leuvenMs] = [takes.hub, takes.rust, takes.sql, takes.leuven].map((t) => percentile(t, 50)) as [number, number, number, number];
      const takesNote = takes.hub.length > 1 ? ` (median of ${takes.hub.length} takes: hub ${takes.hub.map(seconds).join(', ')}; SQL ${takes.sql.map(seconds).join(', ')})` : '';
      r.hub.push(hubMs);
      r.sql.push(sqlMs);
      r.leuven.push(leuvenMs);
      r.rust.push(rustMs);
      log(`round ${round}, intake of ${students}: hub ${seconds(hubMs)} s, Rust planner ${seconds(rustMs)} s, direct SQL ${seconds(sqlMs)} s, KU Leuven alone ${seconds(leuvenMs)} s${takesNote}`);
      intakeRows.push(`| ${students} | ${round} | ${seconds(hubMs)} | ${seconds(rustMs)} | ${seconds(sqlMs)} | ${(hubMs / sqlMs).toFixed(1)}× | ${seconds(leuvenMs)} |`);
      if (students === LARGE && round === 1) memoryAfterLarge = memory();
    }
  }
  for (const { cohort, students } of INTAKES) {
    for (const status of [null, 'GRADUATED']) {
      // A reading that passes the gateway's deadline is a result too (SOURCE_TIMEOUT), not a crash.
      const [ms, n] = await timed(() => dashboardThroughHub(cohort, status).catch((e: Error) => e.message));
      dashboardRows.push(`| ${students} | ${status ?? '(none)'} | ${n} | ${seconds(ms)} |`);
      log(`dashboard, intake of ${students}, status ${status ?? '(none)'}: ${n} in ${seconds(ms)} s`);
    }
  }
  // The dashboard computes and holds a whole intake in the consortium: its memory is reported too.
  memoryAfterDashboards = memory();

  // One student's record, a different student per request (and the same one repeated, reported apart).
  const ids = [...expectations.keys()];
  const RECORD = `query($id: String!) { student(id: $id) { givenName leuven { courses { code score localGrade } } muenster { courses { code score localGrade } } ttu { courses { code score localGrade } } progression { totalCredits status } overallGrade { points grade } } }`;
  const distinct = (n: number) => ({ query: RECORD, variables: { id: ids[(n * 7919) % ids.length] } });
  const runs: [string, () => Promise<LoadResult>][] = [
    ['Hive Gateway, distinct students', () => load({ url: hub.gatewayUrl, headers: { authorization }, connections: config.connections, seconds: config.seconds, body: distinct })],
    ['Apollo Gateway, distinct students', () => load({ url: apollo.url, headers: { authorization }, connections: config.connections, seconds: config.seconds, body: distinct })],
    ['Hive Gateway with the Rust planner, distinct students', () => load({ url: rust.url, headers: { authorization }, connections: config.connections, seconds: config.seconds, body: distinct })],
    ['Hive Gateway, one student repeated', () => load({ url: hub.gatewayUrl, headers: { authorization }, connections: config.connections, seconds: config.seconds, body: distinct(0) })],
  ];
  const PART = (u: string) => `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { ${u} { courses { code score localGrade } } } } }`;
  for (const u of ['leuven', 'muenster', 'ttu'] as const) {
    runs.push([
      `${u} subgraph alone, its part, distinct students`,
      () =>
        load({
          url: hub.subgraphUrls[u],
          headers: { authorization },
          connections: config.connections,
          seconds: config.seconds,
          body: (n) => {
            const variables = { r: [{ __typename: 'Student', id: ids[(n * 7919) % ids.length] }] };
            return signed(u, PART(u), variables);
          },
        }),
    ]);
  }
  // Every runner's answer is checked before it is timed: the same record through the three
  // gateways, and each university's part alone equal to that university's part of it. A refused
  // or failing request (a 200 with errors, which the load generator counts as a success) would
  // otherwise be timed as an answer.
  {
    const student = ids[1]!;
    const through = async (url: string) => gql<{ student: Record<string, unknown> }>(url, RECORD, { id: student });
    const [ours, theirs, rusts] = [await through(hub.gatewayUrl), await through(apollo.url), await through(rust.url)];
    if (JSON.stringify(theirs) !== JSON.stringify(ours) || JSON.stringify(rusts) !== JSON.stringify(ours)) throw new Error('The gateways answer one record differently');
    for (const u of ['leuven', 'muenster', 'ttu'] as const) {
      const variables = { r: [{ __typename: 'Student', id: student }] };
      const alone = await gql<{ _entities: Record<string, unknown>[] }>(hub.subgraphUrls[u], PART(u), variables, signed(u, PART(u), variables));
      if (JSON.stringify(alone._entities[0]?.[u]) !== JSON.stringify(ours.student[u])) throw new Error(`${u} alone answers its part of the record differently`);
    }
    log(`one record (student ${student}): the same answer through Hive Gateway, Apollo Gateway and the Rust planner, and each university's part alone`);
  }
  const rates: Record<string, number[]> = {};
  for (let round = 1; round <= config.scaleRounds; round++) {
    for (const [name, run] of runs) {
      const [cpu, r] = await cpuDuring(run, name.startsWith('Apollo') ? { 'apollo-gateway': apollo.pid } : {});
      if (name === 'Hive Gateway, distinct students' && round === 1) [recordCpu, recordRequests] = [cpu, r.requests];
      if (name === 'Apollo Gateway, distinct students' && round === 1) [apolloCpu, apolloRequests] = [cpu, r.requests];
      const alone = /^(leuven|muenster|ttu) subgraph alone/.exec(name)?.[1];
      // A university's part alone: its process and PostgreSQL, per request (not the load generator's).
      if (alone && r.requests) (partCpu[alone] ??= []).push(((cpu[alone] ?? 0) + (cpu.postgres ?? 0)) / r.requests);
      (rates[name] ??= []).push(r.rps);
      log(`${name}, round ${round}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, errors ${r.errors}`);
      studentRows.push(`| ${name} | ${round} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} |`);
    }
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const hubDistinct = mean(rates['Hive Gateway, distinct students']!);
  const apolloDistinct = mean(rates['Apollo Gateway, distinct students']!);
  const slowest = Math.min(...(['leuven', 'muenster', 'ttu'] as const).map((u) => mean(rates[`${u} subgraph alone, its part, distinct students`]!)));
  const median = (xs: number[]) => percentile(xs, 50);
  const ratio = (n: number) => median(ratios[n]!.hub) / median(ratios[n]!.sql);
  // What no gateway could pass on these cores. Through any gateway a record needs all three
  // universities' parts, each at least as costly as alone (it asks for more): were nothing else
  // to cost anything, records would come at (cores × 1000) / Σ (ms of CPU per part).
  const partsMs = (['leuven', 'muenster', 'ttu'] as const).map((u) => mean(partCpu[u] ?? [0]));
  const partsCeiling = (cpus().length * 1000) / partsMs.reduce((a, b) => a + b, 0) / slowest;
  // Against Apollo Gateway: the same subgraphs do the same work under either gateway, so a
  // gateway that cost nothing would be (all CPU per record) / (all but Apollo's own) times faster.
  const sumOf = (cpu: Record<string, number>, except = '') => Object.entries(cpu).reduce((sum, [n, ms]) => (n === except ? sum : sum + ms), 0);
  const apolloCeiling = apolloRequests ? sumOf(apolloCpu) / sumOf(apolloCpu, 'apollo-gateway') : 0;
  const memoryNames = Object.keys(memoryAtStart);
  // The large target as CPU: within 3× of the direct pass, on these cores, every process together
  // (PostgreSQL too) may spend at most this much per student, whatever the code.
  const budgetPerStudent = (3 * median(ratios[LARGE]!.sql) * cpus().length) / LARGE;
  const spentPerStudent = sumOf(intakeCpu) / LARGE;
  const busyShare = intakeMs ? (100 * sumOf(intakeCpu)) / (cpus().length * intakeMs) : 0;
  const section = `## Scale: 10,000 students (\`npm run bench:scale\`)

Written by \`npm run bench:scale\` (scripts/bench-scale.ts) on ${new Date().toISOString().slice(0, 10)}: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}; everything (PostgreSQL, the five hub processes, Apollo Gateway and the load generator) on the same cores. ${LARGE + SMALL} generated students (\`npm run seed:volume\`'s generator) in two intakes: ${SMALL} in 2023 and ${LARGE} in 2024. Loaded in bulk, then analyzed (PostgreSQL's statistics; this machine's server runs without autovacuum). Hub in production mode (each process from its esbuild bundle with its heap bound: scripts/lib/hub.ts), as the Academic Committee. ${agreement}

### Targets

| target | measured | met |
|---|---|---|
| whole intake of ${SMALL} with progression and overall grade ≤ 3× the direct SQL pass | ${ratio(SMALL).toFixed(2)}× (median of ${config.scaleRounds} rounds, each the median of ${SMALL_TAKES} takes) | ${ratio(SMALL) <= 3 ? 'yes' : 'no'} |
| whole intake of ${LARGE} ≤ 3× the direct SQL pass | ${ratio(LARGE).toFixed(2)}×; 3× the direct pass leaves ${budgetPerStudent.toFixed(2)} ms of CPU per student for everything on ${cpus().length} cores, the hub spent ${spentPerStudent.toFixed(2)} (its processes busy ${busyShare.toFixed(0)} % of the cores while it read: below) | ${ratio(LARGE) <= 3 ? 'yes' : 'no'} |
| ${LARGE} within 11× the ${SMALL} time | ${(median(ratios[LARGE]!.hub) / median(ratios[SMALL]!.hub)).toFixed(2)}× | ${median(ratios[LARGE]!.hub) / median(ratios[SMALL]!.hub) <= 11 ? 'yes' : 'no'} |
| one student's record, distinct students: ≥ 35 % of the slowest university subgraph's own rate | ${((100 * hubDistinct) / slowest).toFixed(0)} % (${hubDistinct.toFixed(0)} of ${slowest.toFixed(0)} req/s); no gateway could pass ${(100 * partsCeiling).toFixed(0)} % here (below) | ${hubDistinct >= 0.35 * slowest ? 'yes' : 'no'} |
| the same, ≥ 2.5× Apollo Gateway on the same traffic | ${(hubDistinct / apolloDistinct).toFixed(1)}× (${hubDistinct.toFixed(0)} vs ${apolloDistinct.toFixed(0)} req/s); a gateway costing nothing would be ${apolloCeiling.toFixed(1)}× (below) | ${hubDistinct >= 2.5 * apolloDistinct ? 'yes' : 'no'} |
| memory after paging through ${LARGE}: gateway ≤ 300 MiB, each subgraph ≤ 300 MiB | ${memoryNames.filter((n) => !n.includes('(peer)')).map((n) => `${n} ${memoryAfterLarge[n]}`).join(', ')} MiB | ${memoryNames.filter((n) => !n.includes('(peer)')).every((n) => (memoryAfterLarge[n] ?? 0) <= 300) ? 'yes' : 'no'} |

### A whole intake: hub against one SQL pass per database

Through the gateway (and through a second Hive Gateway with the Rust query planner over the same subgraphs, which the hub does not use: docs/architecture.md): \`students(cohort:)\` a page of 500 at a time with \`progression { totalCredits status }\` and \`overallGrade { points }\`. Direct: one statement to the consortium's database and one to each university's, in parallel (scripts/lib/direct-sql.ts). KU Leuven alone: its part of every student's record (\`_entities\`), pages of 500, straight to its subgraph.

| students | round | hub s | hub with the Rust planner s | direct SQL s | hub / SQL | KU Leuven alone s |
|---|---|---|---|---|---|---|
${intakeRows.join('\n')}

### The committee's dashboard of an intake (pages of 500)

| students | status filter | entries | s |
|---|---|---|---|
${dashboardRows.join('\n')}

### One student's record

autocannon, ${config.connections} connections, ${config.seconds} s per run, rounds alternated; every runner's answer for one student was first checked equal (the gateways' whole records, each subgraph's part). "Distinct students" asks for a different one of the ${ids.length} students in every request; "repeated" asks for the same one every time (the hub switches off Hive Gateway's merging of identical in-flight subgraph requests, which deep-copied every answer: docs/architecture.md). "Subgraph alone" is that university's part of the record straight from its subgraph, signed as the gateway signs.

| run | round | req/s | p50 ms | p99 ms | errors |
|---|---|---|---|---|---|
${studentRows.join('\n')}

### Where the CPU goes

CPU time (user and system, from /proc) of each process while the hub read the intake of ${LARGE} (round 1) and while it answered one student's record with distinct students (round 1, ${recordRequests} requests); PostgreSQL is all its processes, the four databases together. The direct SQL pass used PostgreSQL alone.

| process | intake of ${LARGE}: ms per student | one student's record: ms per request |
|---|---|---|
${Object.keys(intakeCpu).map((n) => `| ${n} | ${(intakeCpu[n]! / LARGE).toFixed(3)} | ${recordRequests ? (recordCpu[n]! / recordRequests).toFixed(2) : '-'} |`).join('\n')}
| all | ${(Object.values(intakeCpu).reduce((a, b) => a + b, 0) / LARGE).toFixed(3)} | ${recordRequests ? (Object.values(recordCpu).reduce((a, b) => a + b, 0) / recordRequests).toFixed(2) : '-'} |

The same record through Apollo Gateway (round 1, ${apolloRequests} requests), ms of CPU per request: ${Object.entries(apolloCpu).map(([n, ms]) => `${n} ${(ms / Math.max(1, apolloRequests)).toFixed(2)}`).join(', ')}.

**Ceilings on these cores.** Every record through any gateway needs all three universities' parts, each costing at least what it costs alone: ${partsMs.map((ms) => ms.toFixed(2)).join(', ')} ms of CPU per request (leuven, muenster, ttu: the subgraph and PostgreSQL, mean of the rounds, the load generator not counted). Were the gateway, the consortium and everything else free, ${cpus().length} cores would give at most ${(partsCeiling * slowest).toFixed(0)} records a second, ${(100 * partsCeiling).toFixed(0)} % of the slowest subgraph's rate. Apollo Gateway's own process took ${apolloRequests ? ((apolloCpu['apollo-gateway'] ?? 0) / sumOf(apolloCpu)).toFixed(2) : '-'} of all the CPU its records cost; the rest is the subgraphs' and PostgreSQL's, the same under any gateway, so a gateway costing nothing would answer at most ${apolloCeiling.toFixed(1)}× Apollo Gateway's rate.

### Memory (resident set, MiB)

| process | at start | after paging through ${LARGE} | after the dashboards above |
|---|---|---|---|
${memoryNames.map((n) => `| ${n} | ${memoryAtStart[n]} | ${memoryAfterLarge[n] ?? '-'} | ${memoryAfterDashboards[n] ?? '-'} |`).join('\n')}
`;
  writeBenchmarkSection('scale', section);
  log('wrote the scale section of docs/benchmarks.md');
} finally {
  apollo.stop();
  rust.stop();
  await direct.close();
  await hub.stop();
  for (const url of Object.values(databases)) await dropDatabase(url);
}
