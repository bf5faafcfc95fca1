import { SIGNATURE_EXTENSION, signExecutionRequest, subgraphSigningKey } from '@pioneer/shared/server';

/**
 * Signs every subgraph request (issue 11 item 5): HMAC-SHA256 with that subgraph's own key, over
 * the subgraph's name, a timestamp, a nonce, the caller's Authorization header and the query with
 * its variables. The subgraph refuses it outside a five-minute window or when seen before.
 * Replaces Hive Gateway's `hmacSignature`, whose signature carries no time and no nonce.
 */
export function signSubgraphRequests(gatewaySecret: string) {
  const keys = new Map<string, string>();
  const keyOf = (subgraph: string) => {
    let key = keys.get(subgraph);
    if (!key) keys.set(subgraph, (key = subgraphSigningKey(gatewaySecret, subgraph)));
    return key;
  };
  return {
    onSubgraphExecute({ subgraphName, executionRequest }: { subgraphName: string; executionRequest: { document: any; variables?: any; extensions?: Record<string, unknown>; context?: any } }) {
      const request = executionRequest.context?.request as Request | undefined;
      const authorization = request?.headers.get('authorization') ?? null;
      const signature = signExecutionRequest(keyOf(subgraphName.toLowerCase()), subgraphName.toLowerCase(), executionRequest as never, authorization);
      executionRequest.extensions = { ...executionRequest.extensions, [SIGNATURE_EXTENSION]: signature };
    },
  };
}
