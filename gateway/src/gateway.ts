import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@pioneer/shared/errors';
import { createTokenVerifier } from '@pioneer/shared/auth';
import { authorizeByDirectives } from './auth.js';
import { codedRequestErrors, maskGatewayError } from './coded-errors.plugin.js';
import { composeSupergraph } from './compose.js';
import type { GatewayConfig } from './config.js';
import { SUBGRAPHS, readSubgraphSdl } from './subgraphs.js';
import { serveDocument } from './documents.route.js';

/**
 * Limits on what one operation may ask for. The hub's own deepest operation (a result's
 * registration's component inside a student's record) has depth 8; a dashboard of a whole cohort
 * stays far below the cost limit. Exceeding one is refused before any subgraph is called.
 */
export const QUERY_LIMITS = {
  maxDepth: { n: 12 },
  maxAliases: { n: 30 },
  maxTokens: { n: 5000 },
  maxDirectives: { n: 20 },
  costLimit: { maxCost: 20000 },
  blockFieldSuggestion: { enabled: false },
} as const;

export interface RunningGateway {
  url: string;
  stop(): Promise<void>;
}

/**
 * Hive Gateway over the supergraph composed, at start, from the committed subgraph SDL and the
 * configured subgraph addresses. The only public endpoint of the hub.
 */
export async function createGateway(config: GatewayConfig) {
  // The Rust planner is a native addon: loaded only when chosen.
  const rustPlanner = config.queryPlanner === 'rust' ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {};
  const supergraph = composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: config.subgraphUrls[s.name], sdl: readSubgraphSdl(s.name) })));
  return createGatewayRuntime({
    supergraph: () => supergraph,
    ...rustPlanner,
    graphqlEndpoint: '/graphql',
    graphiql: config.mode === 'development' ? { title: 'PIONEER federation hub' } : false,
    landingPage: false,
    logging: config.mode === 'test' ? 'error' : 'info',
    plugins: () => [codedRequestErrors(), EnvelopArmorPlugin(QUERY_LIMITS)],
    // No schema browsing for strangers in production (GraphiQL is off there too).
    ...(config.mode === 'production' ? { disableIntrospection: {} } : {}),
    maskedErrors: { maskError: maskGatewayError },
    // A browser sends "simple" requests (GET, form or text posts) cross-site without a preflight:
    // those need a custom header, which another site's page cannot add.
    csrfPrevention: { requestHeaders: ['x-pioneer-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    // Subgraphs answer only requests signed with the shared secret.
    hmacSignature: { secret: config.signingSecret },
    // Who is asking: the bearer token, verified here; `@authenticated` and `@requiresScopes` in
    // the supergraph are enforced before any subgraph is called.
    genericAuth: authorizeByDirectives(createTokenVerifier(config.tokens)),
    // Each subgraph verifies the same token again and applies its own rules (defence in depth);
    // that is also how the consortium asks the gateway on the caller's behalf.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const authorization = request.headers.get('authorization');
        return authorization ? { authorization } : {};
      },
    },
  });
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const gateway = await createGateway(config);
  const refuse = (res: import('node:http').ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
  // Bodies are bounded before anything parses them: a POST states its length, within the limit.
  // Document downloads run their query through the gateway itself (same rules, signed subgraph calls).
  const execute = (body: string, headers: Record<string, string>) =>
    Promise.resolve(gateway.fetch(new Request(`http://${config.host}:${config.port}/graphql`, { method: 'POST', headers, body })));
  const server: Server = createServer((req, res) => {
    if (req.url?.startsWith('/documents/') || req.url?.startsWith('/students/')) {
      void serveDocument(req, res, execute);
      return;
    }
    if (req.method === 'POST') {
      const length = req.headers['content-length'];
      if (length === undefined) return refuse(res, 411, ErrorCode.LENGTH_REQUIRED, 'A request body needs a Content-Length');
      if (!/^\d+$/.test(length) || Number(length) > config.maxBodyBytes) {
        req.resume();
        return refuse(res, 413, ErrorCode.PAYLOAD_TOO_LARGE, `A request body may have at most ${config.maxBodyBytes} bytes`);
      }
    }
    void gateway(req, res);
  });
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
