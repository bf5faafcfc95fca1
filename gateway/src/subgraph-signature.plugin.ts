import type { GatewayPlugin } from '@graphql-hive/gateway-runtime';
import { SIGNATURE_HEADER, signSubgraphBody, subgraphSigningKey } from '@pioneer/shared/signature';

type FetchHeaders = Record<string, string | undefined> | { get(name: string): string | null; set(name: string, value: string): void };

/**
 * Signs every subgraph request (issue 11 item 5): HMAC-SHA256 with that subgraph's own key, over
 * the subgraph's name, a timestamp, a nonce, the caller's Authorization header and the request
 * body exactly as it is sent, in the `pioneer-signature` header. The subgraph refuses it outside
 * a five-minute window or when seen before. Replaces Hive Gateway's `hmacSignature`, whose
 * signature carries no time and no nonce.
 *
 * Signed at the last moment (onFetch), over the body Hive Gateway's HTTP executor has already
 * serialized: signing what would be serialized meant serializing every request twice, megabytes
 * for a page of an intake (issue 16).
 */
export function signSubgraphRequests(gatewaySecret: string, subgraphUrls: Readonly<Record<string, string>>): GatewayPlugin {
  const byUrl = new Map(Object.entries(subgraphUrls).map(([name, url]) => [url, { name, key: subgraphSigningKey(gatewaySecret, name) }]));
  return {
    onFetch({ url, options: init, context }) {
      const options = init as { body?: unknown; headers?: FetchHeaders };
      const subgraph = byUrl.get(url);
      // Not a subgraph's address: nothing of the hub's to sign.
      if (!subgraph) return;
      const body = options.body ?? '';
      // Fail closed: a body that is not bytes in hand (a stream, a form) cannot be signed, and the subgraph would refuse it.
      if (typeof body !== 'string' && !(body instanceof Uint8Array)) throw new Error(`A request to the ${subgraph.name} subgraph has a body that cannot be signed`);
      const headers = (options.headers ??= {});
      const get = (name: string) => ('get' in headers && typeof headers.get === 'function' ? headers.get(name) : (headers as Record<string, string | undefined>)[name]) ?? null;
      // The header as it is sent (propagateHeaders puts the caller's there), else the caller's own.
      const authorization = get('authorization') ?? (context as { request?: Request } | undefined)?.request?.headers.get('authorization') ?? null;
      const signature = signSubgraphBody(subgraph.key, subgraph.name, body, authorization);
      if ('set' in headers && typeof headers.set === 'function') headers.set(SIGNATURE_HEADER, signature);
      else (headers as Record<string, string>)[SIGNATURE_HEADER] = signature;
    },
  };
}
