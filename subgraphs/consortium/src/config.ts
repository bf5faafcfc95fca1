import { readDatabaseUrl, readPort, readSigningSecret, readString, readTokenVerification, readUrl, type Env } from '@pioneer/shared/config';

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'CONSORTIUM_DATABASE_URL', 'pioneer_consortium'),
    host: readString(env, 'CONSORTIUM_HOST', '127.0.0.1'),
    port: readPort(env, 'CONSORTIUM_PORT', 4104),
    signingSecret: readSigningSecret(env),
    tokens: readTokenVerification(env),
    /** The gateway the consortium asks for federated credits (§10 (3)). */
    gatewayUrl: readUrl(env, 'CONSORTIUM_GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
  };
}
