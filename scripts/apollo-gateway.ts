/**
 * Apollo Gateway over a given supergraph, in its own process: only for the gateway comparison in
 * `npm run bench` (the hub's gateway is Hive Gateway, gateway/).
 */
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { startStandaloneServer } from '@apollo/server/standalone';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { SIGNATURE_HEADER, signSubgraphBody, subgraphSigningKey } from '@pioneer/shared/signature';
import { loadApolloGatewayConfig } from './bench-config.js';

const config = loadApolloGatewayConfig();
// Signs subgraph requests like the hub's gateway, or the subgraphs would refuse it.
const gateway = new ApolloGateway({
  supergraphSdl: readFileSync(config.supergraphPath, 'utf8'),
  buildService: ({ name, url }) => {
    const subgraph = name.toLowerCase();
    const key = subgraphSigningKey(config.signingSecret, subgraph);
    return new RemoteGraphQLDataSource({
      url,
      willSendRequest({ request, context }) {
        const authorization = (context as { authorization?: string }).authorization;
        if (authorization) request.http?.headers.set('authorization', authorization);
      },
      // Signed over the body as it is sent, as the hub's gateway signs it.
      fetcher: (url, init) => {
        const headers = { ...(init?.headers as Record<string, string> | undefined) };
        headers[SIGNATURE_HEADER] = signSubgraphBody(key, subgraph, String(init?.body ?? ''), headers.authorization ?? null);
        return fetch(url, { ...init, headers } as RequestInit) as never;
      },
    });
  },
});
const server = new ApolloServer({ gateway });
const { url } = await startStandaloneServer(server, {
  listen: { port: config.port, host: '127.0.0.1' },
  // The caller's token goes on to the subgraphs, which verify it.
  context: async ({ req }) => ({ authorization: req.headers.authorization }),
});
console.log(`Apollo Gateway ready at ${url}`);
const stop = () => void server.stop().then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
