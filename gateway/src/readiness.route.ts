import type { ServerResponse } from 'node:http';
import type { SubgraphName } from './subgraphs.js';

export type SubgraphState = { status: 'ready' } | { status: 'not ready'; database: 'down' } | { status: 'down'; reason: 'not answering' | 'timeout' };

/** A probe of a subgraph answers within this, or the subgraph counts as down. */
const PROBE_TIMEOUT_MS = 2_000;

/** Each subgraph's own readiness (GET <subgraph>/health/ready: it answers and its database does). */
export async function subgraphStates(urls: Record<SubgraphName, string>): Promise<Record<SubgraphName, SubgraphState>> {
  const entries = await Promise.all(
    Object.entries(urls).map(async ([name, url]): Promise<[string, SubgraphState]> => {
      try {
        const res = await fetch(new URL('health/ready', url), { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        await res.body?.cancel();
        return [name, res.ok ? { status: 'ready' } : { status: 'not ready', database: 'down' }];
      } catch (e) {
        return [name, { status: 'down', reason: (e as Error | null)?.name === 'TimeoutError' ? 'timeout' : 'not answering' }];
      }
    }),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, SubgraphState>;
}

/**
 * GET /readiness: 200 when every subgraph the supergraph needs is ready, else 503; the body names
 * each subgraph's state either way, so an operator sees which one is down. (Liveness, GET
 * /healthcheck, is Hive Gateway's own: the gateway process answers.)
 */
export async function serveReadiness(res: ServerResponse, urls: Record<SubgraphName, string>): Promise<void> {
  const subgraphs = await subgraphStates(urls);
  const ready = Object.values(subgraphs).every((s) => s.status === 'ready');
  res.writeHead(ready ? 200 : 503, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ status: ready ? 'ready' : 'not ready', subgraphs }));
}
