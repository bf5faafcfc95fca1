import { join } from 'node:path';
import { readBoolean, readDatabaseUrl, readEnum, readInteger, readPort, readString, type Env } from '@pioneer/shared/config';
import { repoRoot } from './lib/repo-root.js';

const NAMES = ['leuven', 'muenster', 'ttu', 'consortium'] as const;

/** The only place the start script reads its environment. */
export function loadStartConfig(env: Env = process.env) {
  /** The data folder: the embedded database, the demo key and the secrets of the start. */
  const dataDir = readString(env, 'PIONEER_DATA_DIR', join(repoRoot, '.data'));
  // With no database configured, the hub brings its own (embedded PostgreSQL).
  const external = Boolean(env.DATABASE_URL) || NAMES.some((n) => env[`${n.toUpperCase()}_DATABASE_URL`]);
  return {
    external,
    databases: Object.fromEntries(NAMES.map((n) => [n, external ? readDatabaseUrl(env, `${n.toUpperCase()}_DATABASE_URL`, `pioneer_${n}`) : ''])) as Record<
      (typeof NAMES)[number],
      string
    >,
    embedded: {
      dataDir: join(dataDir, 'postgres'),
      port: readPort(env, 'EMBEDDED_PG_PORT', 54329),
    },
    ports: {
      gateway: readPort(env, 'GATEWAY_PORT', 4000),
      leuven: readPort(env, 'LEUVEN_PORT', 4101),
      muenster: readPort(env, 'MUENSTER_PORT', 4102),
      ttu: readPort(env, 'TTU_PORT', 4103),
      consortium: readPort(env, 'CONSORTIUM_PORT', 4104),
      /** The gateway's Prometheus metrics (GET /metrics), a port of its own. */
      metrics: readPort(env, 'GATEWAY_METRICS_PORT', 9464),
    },
    seed: readBoolean(env, 'SEED_DEMO', true),
    /** The demo identity provider's key pair, kept so `npm run token` mints tokens the hub accepts. */
    tokenKeyFile: readString(env, 'PIONEER_TOKEN_KEY_FILE', join(dataDir, 'auth', 'demo-signing-key.json')),
    /** The signing secret and the consortium's service key of this hub (files, mode 0600). */
    secretsDir: join(dataDir, 'secrets'),
    verbose: readBoolean(env, 'VERBOSE', false),
    /** NODE_ENV=production runs every process in production (no introspection, GraphiQL or field suggestions). */
    mode: readEnum(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    /** A process that crashes more often than this within the window is given up on (npm start exits 1). */
    supervision: {
      maxCrashes: readInteger(env, 'SUPERVISOR_MAX_CRASHES', 5, 1, 1000),
      windowMs: readInteger(env, 'SUPERVISOR_WINDOW_SECONDS', 120, 1, 86_400) * 1000,
    },
  };
}

/** The scripts that call the gateway (issue a cohort, import results): which gateway, and the caller's Authorization header to send. */
export function loadDocumentsScriptConfig(env: Env = process.env) {
  return {
    gatewayUrl: readString(env, 'GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
    authorization: readString(env, 'AUTHORIZATION', ''),
    tokenKeyFile: loadStartConfig(env).tokenKeyFile,
  };
}
