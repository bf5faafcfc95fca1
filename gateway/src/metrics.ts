import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger as HiveLogger } from '@graphql-hive/logger';
import type { Registry } from 'prom-client';

/**
 * Prometheus metrics of the gateway (prom-client through Hive Gateway's Prometheus plugin):
 * requests and errors per operation (graphql_envelop_request, graphql_envelop_error_result),
 * latency per operation (graphql_envelop_request_duration) and per subgraph
 * (graphql_gateway_subgraph_execute_duration, graphql_gateway_subgraph_execute_errors), HTTP
 * latency and status (graphql_yoga_http_duration), and the process's own (memory, CPU, event loop).
 */
export async function createMetrics() {
  // Loaded only when metrics are on, so that a gateway without them starts faster.
  const [{ default: useMeshPrometheus }, { collectDefaultMetrics, Registry }] = await Promise.all([import('@graphql-mesh/plugin-prometheus'), import('prom-client')]);
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    plugin: (log: HiveLogger) =>
      useMeshPrometheus({
        log,
        registry,
        endpoint: false,
        metrics: {
          graphql_envelop_request: true,
          graphql_envelop_request_duration: true,
          graphql_envelop_error_result: true,
          graphql_yoga_http_duration: true,
          graphql_gateway_subgraph_execute_duration: true,
          graphql_gateway_subgraph_execute_errors: true,
        },
      }),
  };
}

/** GET /metrics on a port of its own, so that scraping is never exposed on the public endpoint. */
export async function serveMetrics(registry: Registry, port: number, host: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' || req.url !== '/metrics') {
      res.writeHead(404).end();
      return;
    }
    registry.metrics().then(
      (text) => res.writeHead(200, { 'content-type': registry.contentType }).end(text),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const { port: bound } = server.address() as AddressInfo;
  return { url: `http://${host}:${bound}/metrics`, stop: () => new Promise((r) => server.close(() => r())) };
}
