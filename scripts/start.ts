/**
 * `npm start`: the whole hub on one machine. Without DATABASE_URL it runs an embedded PostgreSQL
 * (data in .data/postgres, kept across restarts); it creates the four databases, migrates them,
 * seeds the catalogue and the demo cohort when empty, starts the four subgraphs and the gateway,
 * and stops everything on Ctrl-C.
 */
import { withDatabase } from '@pioneer/shared/config';
import { loadStartConfig } from './config.js';
import { startEmbeddedPostgres, type EmbeddedServer } from './lib/embedded-postgres.js';
import { startHub, type RunningHub } from './lib/hub.js';
import { loadOrCreateSigningKey } from './lib/tokens.js';

const config = loadStartConfig();
const log = (line: string) => console.log(line);
let embedded: EmbeddedServer | null = null;
let hub: RunningHub | null = null;
let stopping = false;

async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nstopping the hub …');
  await hub?.stop().catch((e) => console.error(e));
  await embedded?.stop().catch((e) => console.error(e));
  console.log('stopped');
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

try {
  let databases = config.databases;
  if (!config.external) {
    log(`starting embedded PostgreSQL (data in ${config.embedded.dataDir}, port ${config.embedded.port}) …`);
    embedded = await startEmbeddedPostgres(config.embedded.dataDir, config.embedded.port, config.verbose ? log : () => {});
    const server = embedded.url;
    databases = { leuven: withDatabase(server, 'pioneer_leuven'), muenster: withDatabase(server, 'pioneer_muenster'), ttu: withDatabase(server, 'pioneer_ttu'), consortium: withDatabase(server, 'pioneer_consortium') };
  }
  log('migrating and seeding (the first start seeds the demo cohort, ~1 minute) …');
  const tokenKey = await loadOrCreateSigningKey(config.tokenKeyFile);
  hub = await startHub({ databases, ports: config.ports, tokenKey, seed: config.seed ? 'demo' : false, log: config.verbose ? log : (l) => (l.startsWith('seeded') || /error/i.test(l) ? log(l) : undefined) });
  console.log(`
PIONEER federation hub is running.
  Web app (sign in with the demo identity provider): ${hub.gatewayUrl.replace(/\/graphql$/, '/app/')}
  Gateway (GraphiQL in the browser): ${hub.gatewayUrl}
  Subgraphs: ${Object.entries(hub.subgraphUrls).map(([n, u]) => `${n} ${u}`).join(', ')}

Every call needs a bearer token; mint one per role (committee, leuven-office, student <id>, …):
  TOKEN=$(npm run -s token -- committee)
  curl -s ${hub.gatewayUrl} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ students(cohort: 2024, limit: 3) { items { id givenName familyName progression { totalCredits status } } } }"}'

Ctrl-C stops everything.`);
} catch (e) {
  console.error('the hub did not start:', e instanceof Error ? e.message : e);
  await shutdown(1);
}
