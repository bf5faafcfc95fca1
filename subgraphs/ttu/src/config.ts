import { readDatabaseUrl, readObservability, readPort, readSigningSecret, readString, readTokenVerification, type Env } from '@pioneer/shared/config';

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'TTU_DATABASE_URL', 'pioneer_ttu'),
    host: readString(env, 'TTU_HOST', '127.0.0.1'),
    signingSecret: readSigningSecret(env),
    tokens: readTokenVerification(env),
    port: readPort(env, 'TTU_PORT', 4103),
    /** LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT. */
    observability: readObservability(env),
  };
}
