import { ApolloServer, type BaseContext } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Principal, TokenVerifier } from '../auth/index.js';
import { formatError, toClientError } from '../errors/format-error.js';
import { gatewaySignatureCheck } from './gateway-signature.js';
import { auditMutations, auditTarget, type AuditRecord } from '../audit/audit.plugin.js';
import { runMutationsInAuditScope } from '../audit/audit-scope.js';
import { idempotentMutations, type IdempotencyStore } from '../audit/idempotency.plugin.js';

export interface SubgraphServerOptions<C extends BaseContext & { principal: Principal | null }> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  /** Builds the per-request context: the principal, a forked EntityManager and fresh DataLoaders. */
  context: (principal: Principal | null, authorization: string | null) => Promise<C> | C;
  /**
   * Verifies the bearer token the gateway forwards: every subgraph authenticates the caller
   * itself (defence in depth), with the same keys as the gateway.
   */
  tokens: TokenVerifier;
  /** Where every attempted mutation is recorded (the subgraph's own database). */
  writeAudit: (entries: AuditRecord[]) => Promise<void>;
  /** Where Idempotency-Keys of mutations are kept (the subgraph's own database); without it the header is ignored. */
  idempotency?: IdempotencyStore;
  introspection?: boolean;
  /**
   * This subgraph's signing key (`subgraphSigningKey(gateway secret, name)`); requests without a
   * fresh gateway signature made with it are refused.
   */
  signingSecret: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function startSubgraphServer<C extends BaseContext & { principal: Principal | null }>(options: SubgraphServerOptions<C>): Promise<RunningSubgraph> {
  const checkSignature = gatewaySignatureCheck(options.signingSecret, options.name);
  runMutationsInAuditScope(options.schema, options.name, auditTarget);
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    // Unset: Apollo Server's own rule, off when NODE_ENV=production (the gateway composes from
    // the committed SDL and never introspects a subgraph).
    introspection: options.introspection,
    // The gateway validates against the supergraph first; a subgraph never needs to suggest
    // field names ("Did you mean …") to anyone.
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    // Timing traces would tell callers about internals; the gateway does not use them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), auditMutations<C>(options.name, options.writeAudit), ...(options.idempotency ? [idempotentMutations<C>(options.idempotency)] : [])],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
    context: async ({ req }) => {
      const header = req.headers.authorization ?? null;
      // The standalone server has parsed the JSON body by now; nothing else has looked at it.
      checkSignature((req as { body?: unknown }).body, header);
      let principal: Principal | null;
      try {
        principal = await options.tokens.authenticate(header);
      } catch (e) {
        const { message, code } = toClientError(e);
        throw new GraphQLError(message, { extensions: { code, http: { status: 401 } } });
      }
      return options.context(principal, header);
    },
  });
  return {
    name: options.name,
    url,
    stop: () => server.stop(),
  };
}

/** Stops `stop` on SIGINT/SIGTERM, once, and exits; a second signal exits at once. */
export function stopOnSignals(stop: () => Promise<void>): void {
  let stopping = false;
  const handler = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    stop()
      .then(() => process.exit(0))
      .catch((e) => {
        console.error(`error while stopping on ${signal}`, e);
        process.exit(1);
      });
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
}
