import { join } from 'node:path';
import { readBoolean, readDatabaseUrl, readEnum, readPort, readString, type Env } from '@pioneer/shared/config';
import { repoRoot } from '@pioneer/gateway';

const NAMES = ['leuven', 'muenster', 'ttu', 'consortium'] as const;

/** The only place the start script reads its environment. */
export function loadStartConfig(env: Env = process.env) {
  // With no database configured, the hub brings its own (embedded PostgreSQL).
  const external = Boolean(env.DATABASE_URL) || NAMES.some((n) => env[`${n.toUpperCase()}_DATABASE_URL`]);
  return {
    external,
    databases: Object.fromEntries(NAMES.map((n) => [n, external ? readDatabaseUrl(env, `${n.toUpperCase()}_DATABASE_URL`, `pioneer_${n}`) : ''])) as Record<
      (typeof NAMES)[number],
      string
    >,
    embedded: {
      dataDir: readString(env, 'PIONEER_DATA_DIR', join(repoRoot, '.data', 'postgres')),
      port: readPort(env, 'EMBEDDED_PG_PORT', 54329),
    },
    ports: {
      gateway: readPort(env, 'GATEWAY_PORT', 4000),
      leuven: readPort(env, 'LEUVEN_PORT', 4101),
      muenster: readPort(env, 'MUENSTER_PORT', 4102),
      ttu: readPort(env, 'TTU_PORT', 4103),
      consortium: readPort(env, 'CONSORTIUM_PORT', 4104),
    },
    seed: readBoolean(env, 'SEED_DEMO', true),
    /** The demo identity provider's key pair, kept so `npm run token` mints tokens the hub accepts. */
    tokenKeyFile: readString(env, 'PIONEER_TOKEN_KEY_FILE', join(repoRoot, '.data', 'auth', 'demo-signing-key.json')),
    verbose: readBoolean(env, 'VERBOSE', false),
    /** NODE_ENV=production runs every process in production (no introspection, GraphiQL or field suggestions). */
    mode: readEnum(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
  };
}

/** The documents scripts (issue a cohort): which gateway, and the caller's Authorization header to send. */
export function loadDocumentsScriptConfig(env: Env = process.env) {
  return {
    gatewayUrl: readString(env, 'GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
    authorization: readString(env, 'AUTHORIZATION', ''),
    tokenKeyFile: loadStartConfig(env).tokenKeyFile,
  };
}
