/**
 * `npm start`: the whole hub on one machine. Without DATABASE_URL it runs an embedded PostgreSQL
 * (data in .data/postgres, kept across restarts); it creates the four databases, migrates them,
 * seeds the catalogue and the demo cohort when empty, starts the four subgraphs and the gateway
 * under supervision (a crashed process is restarted with backoff; one that keeps crashing stops
 * the hub with exit code 1), and stops everything on Ctrl-C. Every step prints a line with the
 * time since the start.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { withDatabase } from '@pioneer/shared/config';
import { loadStartConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './lib/embedded-postgres.js';
import { startHub, type RunningHub } from './lib/hub.js';
import { loadOrCreateHubSecrets } from './lib/secrets.js';
import { loadOrCreateSigningKey } from './lib/tokens.js';
import { ensureWebBuild } from './lib/web-build.js';

const config = loadStartConfig();
// Elapsed since the process started (performance.now() counts from then), so loading the code counts too.
const elapsed = () => performance.now() / 1000;
const log = (line: string) => console.log(`[${elapsed().toFixed(1).padStart(6)} s] ${line}`);
let embedded: EmbeddedServer | null = null;
let hub: RunningHub | null = null;
let stopping = false;
// Stops the web app's build (below) when the hub stops first.
const stopBuilding = new AbortController();

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  stopBuilding.abort();
  console.log('\nstopping the hub …');
  await hub?.stop().catch((e) => console.error(e));
  await embedded?.stop().catch((e) => console.error(e));
  console.log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

// The web app is built (when its sources changed) while the hub starts: on a first start both take
// seconds and overlap on two cores; as npm's prestart, a process of its own before this one, the
// check cost every restart about a second with nothing to build (issue 16: first start ≤ 30 s,
// restart ≤ 10 s).
const webApp = ensureWebBuild(log, stopBuilding.signal);
// Awaited before the hub is ready; a failed build is reported there, not as an unhandled rejection.
webApp.catch(() => {});

try {
  let databases = config.databases;
  if (!config.external) {
    const fresh = !existsSync(join(config.embedded.dataDir, 'PG_VERSION'));
    log(`${fresh ? 'initialising' : 'starting'} embedded PostgreSQL (data in ${config.embedded.dataDir}, port ${config.embedded.port}) …`);
    embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port, config.verbose ? log : () => {});
    log('PostgreSQL is up');
    const server = embedded.url;
    databases = { leuven: withDatabase(server, 'pioneer_leuven'), muenster: withDatabase(server, 'pioneer_muenster'), ttu: withDatabase(server, 'pioneer_ttu'), consortium: withDatabase(server, 'pioneer_consortium') };
  }
  const tokenKey = await loadOrCreateSigningKey(config.tokenKeyFile);
  const secrets = await loadOrCreateHubSecrets(config.secretsDir);
  log(`secrets of this hub in ${config.secretsDir} (mode 0600); migrating and seeding ${config.seed ? 'the catalogue and the demo cohort' : 'the PIONEER catalogue (no demo students)'} when empty …`);
  hub = await startHub({
    databases,
    ports: config.ports,
    tokenKey,
    ...secrets,
    mode: config.mode,
    // SEED_DEMO=false skips the demo students only: a university's office starts from the PIONEER catalogue (§7 (3)).
    seed: config.seed ? 'demo' : 'catalogue',
    log,
    output: config.verbose ? (name, line) => log(`[${name}] ${line}`) : undefined,
    supervision: {
      ...config.supervision,
      onGiveUp: (name) => {
        log(`${name} keeps crashing; stopping the hub (exit code 1)`);
        void shutdown(1);
      },
    },
  });
  if (await webApp) log('web app built');
  log(`hub ready in ${elapsed().toFixed(1)} s`);
  console.log(`
PIONEER federation hub is running.
  Web app (sign in with the demo identity provider): ${hub.gatewayUrl.replace(/\/graphql$/, '/app/')}
  Gateway (GraphiQL in the browser): ${hub.gatewayUrl}
  Subgraphs: ${Object.entries(hub.subgraphUrls).map(([n, u]) => `${n} ${u}`).join(', ')}
  Health: http://127.0.0.1:${config.ports.gateway}/healthcheck (alive), http://127.0.0.1:${config.ports.gateway}/readiness (every subgraph ready)

Every call needs a bearer token; mint one per role (committee, leuven-office, student <id>, …):
  TOKEN=$(npm run -s token -- committee)
  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ students(cohort: 2024, limit: 3) { items { id givenName familyName progression { totalCredits status } } } }"}'

A crashed process is restarted (logged here). Ctrl-C stops everything.`);
} catch (e) {
  log(`the hub did not start: ${e instanceof Error ? e.message : String(e)}`);
  await shutdown(1);
}
