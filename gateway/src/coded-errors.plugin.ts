import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@pioneer/shared/errors';
import { maskError as yogaMaskError } from 'graphql-yoga';

/**
 * Every error a client sees carries `extensions.code`. graphql-js reports a variable that does not
 * coerce (e.g. 72.5 for an Int) with no code; such request-level errors (no path) become
 * BAD_USER_INPUT. Errors from subgraphs already carry their own codes and are left alone.
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
    onExecute() {
      return {
        onExecuteDone({ result, setResult }: { result: ExecutionResult | AsyncIterable<ExecutionResult>; setResult: (r: ExecutionResult) => void }) {
          if (Symbol.asyncIterator in Object(result)) return;
          const coded = withCode(result as ExecutionResult);
          if (coded) setResult(coded);
        },
      };
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
