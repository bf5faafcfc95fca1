import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { bounded, type Logger } from '@pioneer/shared/observability';
import { ErrorCode } from '@pioneer/shared/errors';

interface Seen {
  began: number;
  operation: string | null;
  codes: Record<string, number>;
  failedSubgraphs: Set<string>;
}

const OUTAGE = new Set<string>([ErrorCode.SOURCE_UNAVAILABLE, ErrorCode.SOURCE_TIMEOUT, ErrorCode.DATABASE_UNAVAILABLE]);

/**
 * One JSON log line per request at the gateway: request id, operation name, HTTP status,
 * duration, error codes counted, and the subgraphs that failed — each named once however many of
 * its fetches failed. No query, variables, token or personal data.
 */
export function requestLog(log: Logger): GatewayPlugin {
  const seen = new WeakMap<Request, Seen>();
  return {
    onRequest({ request }) {
      seen.set(request, { began: performance.now(), operation: null, codes: {}, failedSubgraphs: new Set() });
    },
    onParams({ request, params }) {
      const s = seen.get(request);
      if (s && typeof params.operationName === 'string') s.operation = bounded(params.operationName, 100);
    },
    onResultProcess({ request, result }) {
      const s = seen.get(request);
      if (!s || !result || typeof result !== 'object' || Symbol.asyncIterator in result) return;
      const errors = (result as { errors?: readonly { extensions?: Record<string, unknown> }[] }).errors ?? [];
      for (const e of errors) {
        const code = String(e.extensions?.code ?? 'UNCODED');
        s.codes[code] = (s.codes[code] ?? 0) + 1;
        const subgraph = (e.extensions?.details as { subgraph?: unknown } | undefined)?.subgraph;
        if (OUTAGE.has(code) && typeof subgraph === 'string') s.failedSubgraphs.add(subgraph);
      }
    },
    onResponse({ request, response }) {
      const s = seen.get(request);
      if (!s) return;
      const path = new URL(request.url).pathname;
      const entry = {
        requestId: response.headers.get('x-request-id'),
        method: request.method,
        path: bounded(path, 100),
        operation: s.operation,
        status: response.status,
        ms: Math.round(performance.now() - s.began),
        ...(Object.keys(s.codes).length ? { errors: s.codes } : {}),
        ...(s.failedSubgraphs.size ? { failedSubgraphs: [...s.failedSubgraphs] } : {}),
      };
      if (s.failedSubgraphs.size) log.warn(entry, 'request with unavailable subgraphs');
      else log.info(entry, 'request');
    },
  };
}
