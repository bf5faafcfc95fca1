import { readDatabaseUrl, readObservability, readPort, readSubgraphSigningKey, readString, readTokenVerification, readUrl, type Env } from '@pioneer/shared/config';

/** The only place this subgraph reads its environment; validated once at start. */
export function loadConfig(env: Env = process.env) {
  return {
    databaseUrl: readDatabaseUrl(env, 'LEUVEN_DATABASE_URL', 'pioneer_leuven'),
    host: readString(env, 'LEUVEN_HOST', '127.0.0.1'),
    signingSecret: readSubgraphSigningKey(env, 'leuven'),
    tokens: readTokenVerification(env),
    /** The gateway, asked for the consortium's admissions and decisions before an enrolment or recognition (issue 11). */
    gatewayUrl: readUrl(env, 'LEUVEN_GATEWAY_URL', 'http://127.0.0.1:4000/graphql'),
    port: readPort(env, 'LEUVEN_PORT', 4101),
    /** LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT. */
    observability: readObservability(env),
  };
}
