import { readDatabaseUrl, readObservability, readPort, readSigningSecret, readString, readTokenVerification, type Env } from '@pioneer/shared/config';

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'MUENSTER_DATABASE_URL', 'pioneer_muenster'),
    host: readString(env, 'MUENSTER_HOST', '127.0.0.1'),
    signingSecret: readSigningSecret(env),
    tokens: readTokenVerification(env),
    port: readPort(env, 'MUENSTER_PORT', 4102),
    /** LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT. */
    observability: readObservability(env),
  };
}
