import { GraphQLError, type ExecutionResult } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { ErrorCode } from '@pioneer/shared/errors';

/**
 * Every error a client sees carries `extensions.code`. Request-level errors (no path) that come
 * without one, such as a variable that does not coerce (72.5 for an Int), become BAD_USER_INPUT.
 * A query over the limits has its own code (operation-limits.ts); errors from subgraphs already
 * carry their own codes.
 */
export function codedRequestErrors() {
  const withCode = (result: ExecutionResult): ExecutionResult | null => {
    if (!result.errors?.some((e) => !e.path && !e.extensions?.code)) return null;
    return {
      ...result,
      errors: result.errors.map((e) =>
        !e.path && !e.extensions?.code
          ? new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, extensions: { ...e.extensions, code: ErrorCode.BAD_USER_INPUT } })
          : e,
      ),
    };
  };
  return {
    onResultProcess({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const coded = withCode(result as ExecutionResult);
      if (coded) setResult(coded);
    },
  };
}

/** The same errors, telling the server to answer `status` with Retry-After (Yoga reads `extensions.http`). */
function withHttpStatus(r: ExecutionResult, status: number, retryAfterSeconds: number): ExecutionResult {
  return {
    ...r,
    errors: r.errors?.map(
      (e) =>
        new GraphQLError(e.message, {
          nodes: e.nodes,
          source: e.source,
          positions: e.positions,
          path: e.path,
          extensions: { ...e.extensions, http: { status, headers: { 'retry-after': String(retryAfterSeconds) } } },
        }),
    ),
  };
}

const RETRYABLE = new Set<string>([ErrorCode.SOURCE_UNAVAILABLE, ErrorCode.SOURCE_TIMEOUT, ErrorCode.DATABASE_UNAVAILABLE]);

/**
 * A request that failed as a whole (no data) only because a source is out — a subgraph down or
 * too slow, a database unreachable — answers HTTP 503 with Retry-After: an outage to wait out,
 * not a client error and not a bug. A partial answer (other fields have data) stays 200.
 */
export function outageStatus(retryAfterSeconds = 5) {
  return {
    onResultProcess({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      if (r.data || !r.errors?.length || !r.errors.every((e) => RETRYABLE.has(String(e.extensions?.code)))) return;
      setResult(withHttpStatus(r, 503, retryAfterSeconds));
    },
  };
}

/**
 * Issue 12 item 6: a request that failed as a whole only because its caller is over a limit (a
 * subgraph's RATE_LIMITED, e.g. too many document renders of one person) answers HTTP 429 with
 * Retry-After: the longest `retryAfter` its errors name. A partial answer stays 200; each refused
 * field carries its own code and `details.retryAfter`.
 */
export function rateLimitedStatus() {
  return {
    onResultProcess({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      if (r.data || !r.errors?.length || !r.errors.every((e) => e.extensions?.code === ErrorCode.RATE_LIMITED)) return;
      const wait = Math.max(1, ...r.errors.map((e) => Number((e.extensions?.details as { retryAfter?: unknown } | undefined)?.retryAfter) || 1));
      setResult(withHttpStatus(r, 429, wait));
    },
  };
}

/**
 * Masks errors as Yoga does (no stack, SQL or subgraph request body reaches a client), with one
 * exception: a subgraph that did not answer becomes SOURCE_UNAVAILABLE naming the subgraph (not
 * its address), so a client can tell "Münster is down" from a bug.
 */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  const candidates = [error, (error as { originalError?: unknown } | null)?.originalError];
  for (const candidate of candidates) {
    // Hive Gateway's upstream timeout (GATEWAY_SUBGRAPH_TIMEOUT_MS): the subgraph did not answer in time.
    if (candidate instanceof GraphQLError && candidate.extensions?.code === 'GATEWAY_TIMEOUT') {
      const subgraph = String(candidate.extensions.serviceName ?? candidate.extensions.subgraphName ?? 'a subgraph');
      const outer = error instanceof GraphQLError ? error : candidate;
      return new GraphQLError(`The ${subgraph} subgraph did not answer in time`, {
        nodes: outer.nodes,
        source: outer.source,
        positions: outer.positions,
        path: outer.path,
        extensions: { code: ErrorCode.SOURCE_TIMEOUT, details: { subgraph, retryable: true } },
      });
    }
    if (candidate instanceof GraphQLError && candidate.extensions?.code === 'SUBREQUEST_HTTP_ERROR') {
      const subgraph = String(candidate.extensions.serviceName ?? 'a subgraph');
      const outer = error instanceof GraphQLError ? error : candidate;
      return new GraphQLError(`The ${subgraph} subgraph did not answer`, {
        nodes: outer.nodes,
        source: outer.source,
        positions: outer.positions,
        path: outer.path,
        extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, details: { subgraph } },
      });
    }
  }
  return yogaMaskError(error, message, isDev);
}
