/**
 * Usage: npm run seed:volume -- --students 10000 [--intakes N] [--first-intake YYYY] [--today YYYY-MM-DD] [--seed N] [--graduates] [--check N]
 *
 * Loads generated, rule-consistent students (every stage, retakes, failures, recognitions,
 * theses) into the hub's four databases with bulk inserts: the databases `npm start` uses (its
 * embedded PostgreSQL, started here when the hub is not running, or DATABASE_URL). With --check N
 * it then asks the running hub's gateway for the progression of N of them and compares it with
 * the generator's own expectation.
 */
import { parseArgs } from 'node:util';
import { withDatabase } from '@pioneer/shared/config';
import { ensureDatabase, isServerReachable } from '@pioneer/shared/persistence';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { loadDocumentsScriptConfig, loadStartConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './lib/embedded-postgres.js';
import { checkSample, loadVolume, type HubDatabases } from './lib/volume.js';
import { demoIssuer, loadOrCreateSigningKey, mintDemoToken } from './lib/tokens.js';

const usage = 'usage: npm run seed:volume -- --students N [--intakes N] [--first-intake YYYY] [--today YYYY-MM-DD] [--seed N] [--graduates] [--check N]';
function fail(message: string): never {
  console.error(`${message}\n${usage}`);
  process.exit(2);
}
function wholeNumber(value: string | undefined, name: string, fallback?: number): number {
  if (value === undefined) {
    if (fallback === undefined) fail(`--${name} is required`);
    return fallback;
  }
  if (!/^\d+$/.test(value)) fail(`--${name} takes a whole number, got "${value}"`);
  return Number(value);
}

let args;
try {
  args = parseArgs({
    options: {
      students: { type: 'string' },
      intakes: { type: 'string' },
      'first-intake': { type: 'string' },
      today: { type: 'string' },
      seed: { type: 'string' },
      graduates: { type: 'boolean' },
      check: { type: 'string' },
    },
  }).values;
} catch (e) {
  fail(e instanceof Error ? e.message : String(e));
}
const students = wholeNumber(args.students, 'students');
const intakes = wholeNumber(args.intakes, 'intakes', Math.max(1, Math.ceil(students / 5000)));
const firstIntake = args['first-intake'] === undefined ? undefined : wholeNumber(args['first-intake'], 'first-intake');
if (args.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(args.today)) fail(`--today takes a date YYYY-MM-DD, got "${args.today}"`);
const check = args.check === undefined ? 0 : wholeNumber(args.check, 'check');

const config = loadStartConfig();
const started = Date.now();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(1).padStart(6)} s] ${line}`);
let embedded: EmbeddedServer | null = null;
let databases: HubDatabases = config.databases;
try {
  if (!config.external) {
    const server = `postgres://postgres:postgres@127.0.0.1:${config.embedded.port}/postgres`;
    // The hub may be running on its embedded server; otherwise start that server for this load.
    if (!(await isServerReachable(server))) {
      log(`starting embedded PostgreSQL (data in ${config.embedded.dataDir}) …`);
      embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port);
    }
    databases = { leuven: withDatabase(server, 'pioneer_leuven'), muenster: withDatabase(server, 'pioneer_muenster'), ttu: withDatabase(server, 'pioneer_ttu'), consortium: withDatabase(server, 'pioneer_consortium') };
  }
  for (const url of Object.values(databases)) await ensureDatabase(url);
  const result = await loadVolume(databases, { leuven, muenster, ttu }, { students, intakes, firstIntake, today: args.today, seed: args.seed === undefined ? undefined : wholeNumber(args.seed, 'seed'), graduates: args.graduates === true }, log);
  log(`done: ${result.students} students in intake(s) ${result.intakes.join(', ')}`);
  for (const [table, n] of Object.entries(result.rows)) console.log(`  ${table.padEnd(28)} ${String(n).padStart(9)} rows`);
  const statuses = new Map<string, number>();
  for (const e of result.expectations.values()) statuses.set(e.status, (statuses.get(e.status) ?? 0) + 1);
  console.log('  expected statuses: ' + [...statuses].sort().map(([s, n]) => `${s} ${n}`).join(', '));
  if (check > 0) {
    const scripts = loadDocumentsScriptConfig();
    const authorization = scripts.authorization || `Bearer ${await mintDemoToken(await demoIssuer(await loadOrCreateSigningKey(scripts.tokenKeyFile)), 'committee')}`;
    log(`checking ${check} students against the hub at ${scripts.gatewayUrl} …`);
    const { checked, mismatches } = await checkSample(scripts.gatewayUrl, authorization, result.expectations, check).catch((e: unknown) =>
      fail(`the hub did not answer at ${scripts.gatewayUrl} (${e instanceof Error ? e.message : String(e)}); start it with npm start, or set GATEWAY_URL`),
    );
    for (const m of mismatches.slice(0, 10)) console.log(`  MISMATCH ${m.id}: expected ${JSON.stringify(m.expected)}, hub ${JSON.stringify(m.actual)}`);
    log(`${checked - mismatches.length} of ${checked} students agree with the hub`);
    if (mismatches.length) process.exitCode = 1;
  }
} catch (e) {
  console.error(`the volume load failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  await embedded?.stop();
}
