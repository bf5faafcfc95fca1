import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { codedRequestErrors, maskGatewayError } from './coded-errors.plugin.js';
import { composeSupergraph } from './compose.js';
import type { GatewayConfig } from './config.js';
import { SUBGRAPHS, readSubgraphSdl } from './subgraphs.js';

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Hive Gateway over the supergraph composed, at start, from the committed subgraph SDL and the
 * configured subgraph addresses. The only public endpoint of the hub.
 */
export function createGateway(config: GatewayConfig) {
  const supergraph = composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: config.subgraphUrls[s.name], sdl: readSubgraphSdl(s.name) })));
  return createGatewayRuntime({
    supergraph: () => supergraph,
    graphqlEndpoint: '/graphql',
    graphiql: config.mode === 'development' ? { title: 'PIONEER federation hub' } : false,
    landingPage: false,
    logging: config.mode === 'test' ? 'error' : 'info',
    plugins: () => [codedRequestErrors()],
    maskedErrors: { maskError: maskGatewayError },
    // Subgraphs answer only requests signed with the shared secret.
    hmacSignature: { secret: config.signingSecret },
  });
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const gateway = createGateway(config);
  const server: Server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${config.host}:${port}/graphql`,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await gateway.dispose();
    },
  };
}
