import { readEnum, readPort, readSigningSecret, readString, readTokenVerification, readUrl, type Env } from '@pioneer/shared/config';
import { SUBGRAPHS, type SubgraphName } from './subgraphs.js';

/** The only place the gateway reads its environment; validated once at start. */
export function loadGatewayConfig(env: Env = process.env) {
  return {
    host: readString(env, 'GATEWAY_HOST', '127.0.0.1'),
    port: readPort(env, 'GATEWAY_PORT', 4000),
    signingSecret: readSigningSecret(env),
    /** How bearer tokens are verified (the subgraphs verify them again with the same keys). */
    tokens: readTokenVerification(env),
    /** Largest request body accepted, in bytes. */
    maxBodyBytes: readPort(env, 'GATEWAY_MAX_BODY_BYTES', 1_000_000),
    mode: readEnum(env, 'NODE_ENV', ['development', 'production', 'test'] as const, 'development'),
    /**
     * The query planner: Hive Gateway's own (JavaScript) or Hive Router's Rust planner
     * (`@graphql-hive/router-runtime`); docs/benchmarks.md compares them.
     */
    queryPlanner: readEnum(env, 'GATEWAY_QUERY_PLANNER', ['javascript', 'rust'] as const, 'javascript'),
    subgraphUrls: Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readUrl(env, s.urlVariable, s.defaultUrl)])) as Record<SubgraphName, string>,
  };
}

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;
