import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@pioneer/shared/errors';

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
