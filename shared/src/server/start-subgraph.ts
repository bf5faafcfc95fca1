import { ApolloServer, type BaseContext } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { formatError } from '../errors/format-error.js';
import { requireGatewaySignature } from './gateway-signature.js';

export interface SubgraphServerOptions<C extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  /** Builds the per-request context: a forked EntityManager and fresh DataLoaders. */
  context: () => Promise<C> | C;
  introspection?: boolean;
  /** The secret shared with the gateway; requests without its signature are refused. */
  signingSecret: string;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

export async function startSubgraphServer<C extends BaseContext>(options: SubgraphServerOptions<C>): Promise<RunningSubgraph> {
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    introspection: options.introspection ?? true,
    includeStacktraceInErrorResponses: false,
    // Timing traces would tell callers about internals; the gateway does not use them.
    plugins: [ApolloServerPluginInlineTraceDisabled(), requireGatewaySignature<C>(options.signingSecret)],
  });
  const { url } = await startStandaloneServer(server, {
    listen: { host: options.host, port: options.port },
    context: async () => options.context(),
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
