import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { ErrorCode } from '@pioneer/shared/errors';
import { createTokenVerifier } from '@pioneer/shared/auth';
import { authorizeByDirectives } from './auth.js';
import { codedRequestErrors, maskGatewayError, outageStatus, rateLimitedStatus } from './coded-errors.plugin.js';
import { Logger as HiveLogger } from '@graphql-hive/logger';
import { acceptableRequestId, createLogger, startTracing, type Logger } from '@pioneer/shared/observability';
import { BoundedHiveLogWriter } from './logging.js';
import { requestLog } from './request-log.plugin.js';
import { serveReadiness } from './readiness.route.js';
import { createMetrics, serveMetrics } from './metrics.js';
import { loadSupergraph } from './supergraph.js';
import type { GatewayConfig } from './config.js';
import { serveDocument } from './documents.route.js';
import { signSubgraphRequests } from './subgraph-signature.plugin.js';
import { createVerifyRoute } from './verify.route.js';
import { renderOfflineGraphiQL } from './graphiql.js';
import { createWebApp } from './web-app.js';
import { limitStatus, QUERY_LIMITS } from './operation-limits.js';


export interface RunningGateway {
  url: string;
  /** GET /metrics on its own port, when GATEWAY_METRICS_PORT is set. */
  metricsUrl: string | null;
  stop(): Promise<void>;
}

/** What the gateway observes itself with (docs/operations.md): its pino log, metrics, tracing on or off. */
export interface GatewayObservability {
  log: Logger;
  metrics: Awaited<ReturnType<typeof createMetrics>> | null;
  /** Hive Gateway's OpenTelemetry plugin when tracing is on (loaded only then: it is slow to load). */
  tracing: typeof import('@graphql-hive/plugin-opentelemetry').useOpenTelemetry | null;
}

/**
 * How the gateway's HTTP executor calls a subgraph (issue 16, docs/benchmarks.md):
 * - no merging of identical in-flight requests: the executor then deep-copies (structuredClone)
 *   every subgraph answer for every caller, a page of 500 students' records included, while real
 *   traffic asks for different students;
 * - no search for files to upload in the variables (`multipart`, an option our patch adds to
 *   @graphql-tools/executor-http, patches/): no subgraph takes uploads, and the search walked and
 *   cloned every variable of every request, the 500 representations of a page included: a
 *   quarter of the gateway's CPU on an intake.
 */
export const SUBGRAPH_TRANSPORT_OPTIONS = { deduplicateInflightRequests: false, multipart: false } as const;

/**
 * Hive Gateway over the supergraph composed, at start, from the committed subgraph SDL and the
 * configured subgraph addresses. The only public endpoint of the hub.
 */
export async function createGateway(config: GatewayConfig, observe: GatewayObservability = { log: createLogger('gateway', config.observability.logLevel), metrics: null, tracing: null }) {
  // The Rust planner is a native addon: loaded only when chosen.
  const rustPlanner = config.queryPlanner === 'rust' ? { unifiedGraphHandler: (await import('@graphql-hive/router-runtime')).unifiedGraphHandler } : {};
  const supergraph = await loadSupergraph(config.subgraphUrls);
  return createGatewayRuntime({
    supergraph: () => supergraph,
    ...rustPlanner,
    graphqlEndpoint: '/graphql',
    graphiql: config.mode === 'development' ? { title: 'PIONEER federation hub' } : false,
    // GraphiQL's code from the hub itself, never a CDN (works offline).
    renderGraphiQL: () => renderOfflineGraphiQL({ title: 'PIONEER federation hub' }),
    landingPage: false,
    // Hive's own lines go into the pino log, bounded and without request bodies (logging.ts).
    logging: new HiveLogger({ level: config.mode === 'test' ? 'error' : 'warn', writers: [new BoundedHiveLogWriter(observe.log)] }),
    plugins: (ctx) => [
      codedRequestErrors(),
      outageStatus(),
      limitStatus(),
      rateLimitedStatus(),
      // In production a stranger learns nothing of the schema, not even from "Did you mean …".
      EnvelopArmorPlugin({ ...QUERY_LIMITS, blockFieldSuggestion: { enabled: config.mode === 'production' } }),
      signSubgraphRequests(config.signingSecret, config.subgraphUrls),
      requestLog(observe.log),
      ...(observe.metrics ? [observe.metrics.plugin(ctx.log)] : []),
      // Spans for the request, the plan and each subgraph call; the trace context goes to the subgraphs (traceparent).
      ...(observe.tracing ? [observe.tracing({ ...ctx, traces: true })] : []),
    ],
    transportEntries: { '*.http': { options: SUBGRAPH_TRANSPORT_OPTIONS } },
    // Every subgraph request has a deadline; one that passes it becomes SOURCE_TIMEOUT for its fields only.
    upstreamTimeout: config.subgraphTimeoutMs,
    // x-request-id: taken from the client when acceptable (startGateway), else made here; sent to
    // every subgraph and back in the response headers.
    requestId: true,
    // No schema browsing for strangers in production (GraphiQL is off there too).
    ...(config.mode === 'production' ? { disableIntrospection: {} } : {}),
    maskedErrors: { maskError: maskGatewayError },
    // A browser sends "simple" requests (GET, form or text posts) cross-site without a preflight:
    // those need a custom header, which another site's page cannot add.
    csrfPrevention: { requestHeaders: ['x-pioneer-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] },
    // Who is asking: the bearer token, verified here; `@authenticated` and `@requiresScopes` in
    // the supergraph are enforced before any subgraph is called.
    genericAuth: authorizeByDirectives(createTokenVerifier(config.tokens)),
    // Each subgraph verifies the same token again and applies its own rules (defence in depth);
    // that is also how the consortium asks the gateway on the caller's behalf.
    propagateHeaders: {
      fromClientToSubgraphs: ({ request }) => {
        const authorization = request.headers.get('authorization');
        // Safe retries of mutations: the subgraph that writes keeps the key (docs/security.md).
        const idempotencyKey = request.headers.get('idempotency-key');
        return { ...(authorization ? { authorization } : {}), ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) };
      },
    },
  });
}

export async function startGateway(config: GatewayConfig): Promise<RunningGateway> {
  const log = createLogger('gateway', config.observability.logLevel);
  const tracing = await startTracing('gateway', { otlpEndpoint: config.observability.otlpEndpoint });
  const metrics = config.metricsPort === null ? null : await createMetrics();
  const plugin = tracing ? (await import('@graphql-hive/plugin-opentelemetry')).useOpenTelemetry : null;
  const gateway = await createGateway(config, { log, metrics, tracing: plugin });
  const refuse = (res: import('node:http').ServerResponse, status: number, code: string, message: string) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
  };
  // Bodies are bounded before anything parses them: a POST states its length, within the limit.
  // Document downloads run their query through the gateway itself (same rules, signed subgraph calls).
  const execute = (body: string, headers: Record<string, string>) =>
    Promise.resolve(gateway.fetch(new Request(`http://${config.host}:${config.port}/graphql`, { method: 'POST', headers, body })));
  const serveVerification = createVerifyRoute({ execute, requestsPerMinute: config.verifyRequestsPerMinute });
  const webApp = createWebApp(config, execute);
  const server: Server = createServer((req, res) => {
    if (webApp(req, res)) return;
    if (req.url?.startsWith('/verify/')) {
      void serveVerification(req, res);
      return;
    }
    // A request id chosen by the client is kept only if harmless in a log line.
    if (req.headers['x-request-id'] !== undefined && !acceptableRequestId(String(req.headers['x-request-id']))) delete req.headers['x-request-id'];
    if (req.method === 'GET' && req.url === '/readiness') {
      void serveReadiness(res, config.subgraphUrls);
      return;
    }
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
  const metricsServer = metrics && config.metricsPort !== null ? await serveMetrics(metrics.registry, config.metricsPort, config.metricsHost) : null;
  log.info({ port, metricsPort: config.metricsPort, subgraphTimeoutMs: config.subgraphTimeoutMs, tracing: tracing !== null }, 'listening');
  return {
    url: `http://${config.host}:${port}/graphql`,
    metricsUrl: metricsServer?.url ?? null,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await gateway.dispose();
      await metricsServer?.stop();
      await tracing?.shutdown();
    },
  };
}
