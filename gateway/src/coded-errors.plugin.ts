import { GraphQLError, type ExecutionResult } from 'graphql';
import { maskError as yogaMaskError } from 'graphql-yoga';
import { ErrorCode } from '@pioneer/shared/errors';

/**
 * Every error a client sees carries `extensions.code`. Request-level errors (no path) that come
 * without one, such as a variable that does not coerce (72.5 for an Int) or a query over the
 * limits, become BAD_USER_INPUT. Errors from subgraphs already carry their own codes.
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

/**
 * Masks errors as Yoga does (no stack, SQL or subgraph request body reaches a client), with one
 * exception: a subgraph that did not answer becomes SOURCE_UNAVAILABLE naming the subgraph (not
 * its address), so a client can tell "Münster is down" from a bug.
 */
export function maskGatewayError(error: unknown, message: string, isDev?: boolean): Error {
  const candidates = [error, (error as { originalError?: unknown } | null)?.originalError];
  for (const candidate of candidates) {
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
