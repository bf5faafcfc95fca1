/**
 * Starts the whole hub: the databases (created, migrated, seeded when empty), the four subgraphs
 * and the gateway as separate processes, as in production, each kept running by the supervisor
 * (restarted with backoff when it crashes). Used by `npm start` and by the end-to-end tests.
 */
import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
// Only light modules here: npm start loads this before anything else happens, and the gateway is
// spawned before the database work (whose modules, the ORM and the subgraphs' code, take two
// seconds to load) is imported.
import { signedSubgraphRequest, subgraphSigningKey } from '@pioneer/shared/signature';
import type { DatabaseRoles } from '@pioneer/shared/persistence';
import { universityAppendOnlyTables } from '@pioneer/university-kit/append-only';
import { consortiumAppendOnlyTables, consortiumDatabaseExtensions } from '@pioneer/consortium/append-only';
import { repoRoot } from './repo-root.js';
import type { JWK } from 'jose';
import { generateSigningJwk, publicJwkOf } from '@pioneer/shared/auth';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoIssuer, mintDemoToken, type DemoRole } from './tokens.js';
import { Supervisor, type SupervisorOptions } from './supervisor.js';
import { buildProcessBundles, bundleOf } from './process-bundles.js';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx');

export const SUBGRAPH_NAMES = ['leuven', 'muenster', 'ttu', 'consortium'] as const;
export type SubgraphName = (typeof SUBGRAPH_NAMES)[number];
export type ProcessName = SubgraphName | 'gateway';

export interface HubOptions {
  /** Per-subgraph database URLs. */
  databases: Record<SubgraphName, string>;
  /** `metrics`: the gateway's Prometheus port (GATEWAY_METRICS_PORT); none when absent. */
  ports: { gateway: number; leuven: number; muenster: number; ttu: number; consortium: number; metrics?: number };
  /** 'demo': catalogue and demo cohort when empty; 'catalogue': the catalogues only; false: nothing. */
  seed: 'demo' | 'catalogue' | false;
  mode?: 'development' | 'production' | 'test';
  /** Shared by the gateway and the subgraphs; a fresh random one per start when not given. */
  signingSecret?: string;
  /** The consortium's service key; a fresh one per start when not given. */
  serviceKey?: JWK;
  /** The demo identity provider's private key; a fresh one per start when not given. */
  tokenKey?: JWK;
  /** Extra environment for every process (deadlines, metrics ports, OpenTelemetry endpoint, …). */
  env?: Record<string, string>;
  /** Restart policy and event lines of the supervisor. */
  supervision?: Omit<SupervisorOptions, 'output' | 'log'>;
  /** Progress and supervision lines, meant for a person. */
  log?: (line: string) => void;
  /** Every line a process prints (its JSON log), with the process's name. */
  output?: (name: ProcessName, line: string) => void;
}

export interface RunningHub {
  gatewayUrl: string;
  signingSecret: string;
  /** A bearer token for a demo role, signed with the hub's demo key. */
  token(role: DemoRole, arg?: string): Promise<string>;
  subgraphUrls: Record<SubgraphName, string>;
  /** Each database's owner and serving roles (the subgraphs connect as the serving role). */
  databaseRoles: Record<SubgraphName, DatabaseRoles>;
  /** Process ids by name, for measurements. */
  pids(): Record<string, number>;
  /** How often the supervisor restarted each process. */
  restarts(): Record<string, number>;
  /** Sends a signal as a fault would: SIGKILL (the supervisor restarts it), SIGSTOP / SIGCONT. */
  signal(name: ProcessName, signal: NodeJS.Signals): void;
  /** Stops one process on purpose (the partial-failure tests use it); it stays down. */
  stopProcess(name: ProcessName): Promise<void>;
  /** Starts a process stopped with stopProcess again, and waits until it serves. */
  startProcess(name: ProcessName): Promise<void>;
  /** The environment the gateway process was started with (a benchmark starts a second gateway with it). */
  gatewayEnv: Record<string, string>;
  stop(): Promise<void>;
}

/** tsx, for the scripts a test runs as a user would (`node --import tsx scripts/…`). */
export const TSX_LOADER = TSX;

export interface ProcessEnvInput {
  databases: Record<SubgraphName, string>;
  ports: HubOptions['ports'];
  signingSecret: string;
  serviceKey: JWK;
  /** The public keys every process trusts (the identity provider's and the consortium's service key). */
  jwks: { keys: JWK[] };
  mode: 'development' | 'production' | 'test';
  /** The demo identity provider's private key: the web app's demo sign-in mints with it (never in production). */
  tokenKey?: JWK;
}

/**
 * The documented environment of one process (README, "Ports and configuration"): what a
 * university sets to run only its own subgraph, and what npm start sets for each of the five.
 */
export function processEnv(name: 'gateway', input: Omit<ProcessEnvInput, 'databases'>): Record<string, string>;
export function processEnv(name: ProcessName, input: ProcessEnvInput): Record<string, string>;
export function processEnv(name: ProcessName, input: Omit<ProcessEnvInput, 'databases'> & Partial<Pick<ProcessEnvInput, 'databases'>>): Record<string, string> {
  const common = {
    NODE_ENV: input.mode,
    AUTH_JWKS: JSON.stringify(input.jwks),
    AUTH_JWT_ISSUER: DEMO_ISSUER,
    AUTH_JWT_AUDIENCE: DEMO_AUDIENCE,
  };
  const url = (n: SubgraphName) => `http://127.0.0.1:${input.ports[n]}/`;
  if (name === 'gateway') {
    return {
      ...common,
      // The gateway holds the secret every subgraph's key is derived from (docs/security.md).
      SUBGRAPH_SIGNING_SECRET: input.signingSecret,
      SUBGRAPH_SIGNING_KEY: '',
      // The web app's demo sign-in mints with the demo key; never in production (the gateway refuses it there).
      ...(input.mode !== 'production' && input.tokenKey ? { DEMO_TOKEN_KEY: JSON.stringify(input.tokenKey) } : {}),
      ...(input.ports.metrics !== undefined ? { GATEWAY_METRICS_PORT: String(input.ports.metrics) } : {}),
      GATEWAY_PORT: String(input.ports.gateway), LEUVEN_URL: url('leuven'), MUENSTER_URL: url('muenster'), TTU_URL: url('ttu'), CONSORTIUM_URL: url('consortium') };
  }
  const upper = name.toUpperCase();
  return {
    ...common,
    [`${upper}_DATABASE_URL`]: input.databases![name],
    [`${upper}_PORT`]: String(input.ports[name]),
    // Each subgraph gets only its own key, never the gateway's secret (docs/security.md).
    SUBGRAPH_SIGNING_KEY: subgraphSigningKey(input.signingSecret, name),
    SUBGRAPH_SIGNING_SECRET: '',
    ...(name === 'consortium'
      ? {
          // The consortium asks the gateway for federated credits (thesis eligibility, §10 (3)) and documents.
          CONSORTIUM_GATEWAY_URL: `http://127.0.0.1:${input.ports.gateway}/graphql`,
          CONSORTIUM_SERVICE_KEY: JSON.stringify(input.serviceKey),
        }
      : // Universities ask it for admissions and decisions before enrolling or recognising (issue 11).
        { [`${upper}_GATEWAY_URL`]: `http://127.0.0.1:${input.ports.gateway}/graphql` }),
  };
}

async function waitForGraphQL(url: string, child: ChildProcess, signer: { key: string; subgraph: SubgraphName } | null, timeoutMs = 120_000): Promise<void> {
  const query = '{ __typename }';
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${url}: process exited (${child.signalCode ?? child.exitCode})`);
    // A fresh nonce each time: the subgraph refuses a signature it has seen.
    const { body, headers } = signer ? signedSubgraphRequest(signer.key, signer.subgraph, { query }) : { body: JSON.stringify({ query }), headers: { 'content-type': 'application/json' } };
    try {
      const res = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5_000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

/**
 * How a process is run, in every mode: from its bundle (process-bundles.ts), rebuilt at every
 * start, so an edit applies at the next start as it did under tsx. Under tsx each process spent
 * about two seconds compiling at every start and the gateway held twice the memory (issue 16).
 * Development adds source maps, so a stack trace in the log points into the TypeScript.
 */
export function processArgs(name: ProcessName, mode: HubOptions['mode']): string[] {
  return [...(mode === 'development' ? ['--enable-source-maps'] : []), ...HEAP_BOUNDS[name], HEAP_GROWING, bundleOf(repoRoot, name)];
}

/**
 * Each process's heap bound, in MiB (issue 16: at most 300 MiB resident after paging through an
 * intake of 10,000 students), and how far V8 lets the heap grow below it.
 *
 * Unbounded, V8 lets a heap grow to four times what survived its last full collection before the
 * next, and gives back little: the gateway stood at 430–650 MiB after the intake, a university
 * once at 311 MiB, the consortium at 266–315 MiB after five intakes of 5,000. Bounded (any bound
 * below 2 GiB), V8 also grows the heap by only 1.3–2× between full collections, so it collects
 * far more often: the gateway, bounded alone at 256, spent a fifth more CPU; a university bounded
 * at 160 or at 256, a third more. `--heap-growing-percent=300` keeps the factor of four below
 * the bound, which then only caps. Side by side (5,000 students, four intakes each, alternated,
 * twice): the gateway 0.23–0.27 ms of CPU per student against 0.26–0.34 bounded at 256 alone,
 * the others unchanged; resident afterwards, gateway 266 MiB (244–248), universities 165–176
 * (196–207), consortium 189–195 (266). A page of 500 students is a few MiB, far below any bound;
 * a process that passed one would be restarted by the supervisor. The consortium's render
 * workers are started without these flags (a worker refuses them; V8's flags are the process's).
 */
const HEAP_BOUNDS: Record<ProcessName, string[]> = {
  gateway: ['--max-old-space-size=240'],
  leuven: ['--max-old-space-size=192'],
  muenster: ['--max-old-space-size=192'],
  ttu: ['--max-old-space-size=192'],
  consortium: ['--max-old-space-size=224'],
};
const HEAP_GROWING = '--heap-growing-percent=300';

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? (() => {});
  const bundled = buildProcessBundles(repoRoot);
  // Awaited before the processes start; a build error is reported there, not as an unhandled rejection.
  bundled.catch(() => {});
  const signingSecret = options.signingSecret ?? randomBytes(32).toString('base64url');
  const tokenKey = options.tokenKey ?? (await generateSigningJwk());
  const issuer = await demoIssuer(tokenKey);
  // The consortium's service identity: its own key, trusted beside the demo IdP's.
  const serviceKey = options.serviceKey ?? (await generateSigningJwk('consortium-service'));
  const mode = options.mode ?? 'development';
  const gatewayInput: Omit<ProcessEnvInput, 'databases'> = {
    ports: options.ports,
    signingSecret,
    serviceKey,
    jwks: { keys: [...issuer.publicJwks.keys, publicJwkOf(serviceKey)] },
    mode,
    tokenKey,
  };
  const supervisor = new Supervisor({ ...options.supervision, log, output: (name, line) => options.output?.(name as ProcessName, line) });
  const spec = (name: ProcessName, env: Record<string, string>, ready: (child: ChildProcess) => Promise<void>) => ({
    name,
    command: process.execPath,
    args: processArgs(name, mode),
    cwd: repoRoot,
    env: { ...process.env, ...options.env, ...env },
    ready,
  });
  const subgraphUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, `http://127.0.0.1:${options.ports[n]}/`])) as RunningHub['subgraphUrls'];
  const gatewayUrl = `http://127.0.0.1:${options.ports.gateway}/graphql`;
  const began = Date.now();
  const up = (name: string) => log(`${name} up (pid ${supervisor.pid(name)}) after ${((Date.now() - began) / 1000).toFixed(1)} s`);
  // The gateway composes from the committed schemas and needs neither a database nor a subgraph
  // to start, so it starts loading first, while the databases are prepared (issue 16: a restart
  // ≤ 10 s; the gateway's modules are the longest to load). It is ready when it answers, the hub
  // when all five do.
  const gatewayUp = bundled.then(async () => {
    await supervisor.start(spec('gateway', processEnv('gateway', gatewayInput), (child) => waitForGraphQL(gatewayUrl, child, null)));
    up('gateway');
  });
  gatewayUp.catch(() => {});
  const roles = {} as RunningHub['databaseRoles'];
  try {
    const { ensureDatabase, grantServingRole, prepareDatabaseRoles } = await import('@pioneer/shared/persistence');
    const { migrateDatabases, consortiumHasStudents } = await import('./migrate.js');
    // Least privilege (docs/operations-database.md): migrations and seeding as each database's
    // owner role, the subgraphs as a serving role that cannot alter tables or rewrite history.
    for (const name of SUBGRAPH_NAMES) {
      await ensureDatabase(options.databases[name]);
      roles[name] = await prepareDatabaseRoles(options.databases[name], name === 'consortium' ? consortiumDatabaseExtensions : []);
    }
    log('databases present: pioneer_leuven, pioneer_muenster, pioneer_ttu, pioneer_consortium');
    const ownerUrls = Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, roles[n].ownerUrl])) as Record<SubgraphName, string>;
    await migrateDatabases(ownerUrls);
    if (options.seed === 'demo') {
      if (await consortiumHasStudents(ownerUrls.consortium)) log('migrated; demo data already present, not seeded again');
      else await (await import('./seed.js')).seedDemoIfEmpty(ownerUrls, log);
    } else if (options.seed === 'catalogue') await (await import('./seed.js')).seedCatalogues(ownerUrls);
    for (const name of ['leuven', 'muenster', 'ttu'] as const) await grantServingRole(roles[name], universityAppendOnlyTables);
    await grantServingRole(roles.consortium, consortiumAppendOnlyTables);
    const envInput: ProcessEnvInput = { ...gatewayInput, databases: Object.fromEntries(SUBGRAPH_NAMES.map((n) => [n, roles[n].servingUrl])) as Record<SubgraphName, string> };
    await bundled;
    await Promise.all([
      gatewayUp,
      ...SUBGRAPH_NAMES.map(async (name) => {
        await supervisor.start(spec(name, processEnv(name, envInput), (child) => waitForGraphQL(subgraphUrls[name], child, { key: subgraphSigningKey(signingSecret, name), subgraph: name })));
        up(name);
      }),
    ]);
  } catch (e) {
    // The gateway may still be starting: let it settle, then stop whatever runs.
    await gatewayUp.catch(() => {});
    await supervisor.stopAll();
    throw e;
  }
  return {
    gatewayUrl,
    signingSecret,
    token: (role, arg) => mintDemoToken(issuer, role, arg),
    subgraphUrls,
    databaseRoles: roles,
    gatewayEnv: processEnv('gateway', gatewayInput),
    pids: () => supervisor.pids(),
    restarts: () => supervisor.restarts(),
    signal: (name, sig) => supervisor.signal(name, sig),
    stopProcess: (name) => supervisor.stop(name),
    startProcess: (name) => supervisor.restart(name),
    stop: () => supervisor.stopAll(),
  };
}
