import { readDatabaseUrl, readPort, readSubgraphSigningKey, readString, readTokenVerification, type Env } from '@pioneer/shared/config';

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'MUENSTER_DATABASE_URL', 'pioneer_muenster'),
    host: readString(env, 'MUENSTER_HOST', '127.0.0.1'),
    signingSecret: readSubgraphSigningKey(env, 'muenster'),
    tokens: readTokenVerification(env),
    port: readPort(env, 'MUENSTER_PORT', 4102),
  };
}
