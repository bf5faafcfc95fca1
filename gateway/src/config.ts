import { join } from 'node:path';
import { readEnum, readInteger, readObservability, readPort, readSigningSecret, readString, readTokenVerification, readUrl, type Env } from '@pioneer/shared/config';
import { readWebConfig } from './web-app.config.js';
import { SUBGRAPHS, repoRoot, type SubgraphName } from './subgraphs.js';

/** The only place the gateway reads its environment; validated once at start. */
export function loadGatewayConfig(env: Env = process.env) {
  const mode = readEnum(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development');
  return {
    host: readString(env, 'GATEWAY_HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    signingSecret: readSigningSecret(env),
    /** How bearer tokens are verified (the subgraphs verify them again with the same keys). */
    tokens: readTokenVerification(env),
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: readPort(env, 'GATEWAY_MAX_BODY_BYTES', 1_000_000),
    /** GET /verify/<number> (public): requests per minute per client address. */
    verifyRequestsPerMinute: readPort(env, 'GATEWAY_VERIFY_REQUESTS_PER_MINUTE', 30),
    mode,
    /** Deadline of every subgraph request, in ms: a hung subgraph costs a query at most this (SOURCE_TIMEOUT). */
    subgraphTimeoutMs: readInteger(env, 'GATEWAY_SUBGRAPH_TIMEOUT_MS', 15_000, 100, 600_000),
    /** Prometheus metrics at GET /metrics on this port (its own listener); off when unset. */
    metricsPort: env.GATEWAY_METRICS_PORT ? readPort(env, 'GATEWAY_METRICS_PORT', 0) : null,
    metricsHost: readString(env, 'GATEWAY_METRICS_HOST', '127.0.0.1'),
    /** LOG_LEVEL, OTEL_EXPORTER_OTLP_ENDPOINT. */
    observability: readObservability(env),
    /** The web app at /app: its build, the demo sign-in (not in production), OpenID Connect. */
    web: readWebConfig(env, mode, join(repoRoot, 'web', 'dist')),
    /**
     * The query planner: Hive Gateway's own (JavaScript) or Hive Router's Rust planner
     * (`@graphql-hive/router-runtime`); docs/benchmarks.md compares them.
     */
    queryPlanner: readEnum(env, 'GATEWAY_QUERY_PLANNER', ['javascript', 'rust'] as const, 'javascript'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readUrl(env, s.urlVariable, s.defaultUrl)])) as Record<SubgraphName, string>,
  };
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
