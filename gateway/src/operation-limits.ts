import { GraphQLError, type ExecutionResult } from 'graphql';
import { ErrorCode } from '@pioneer/shared/errors';

/** The limits one operation is held to, in the words a client reads in `details.limit`. */
export type OperationLimit = 'depth' | 'aliases' | 'tokens' | 'directives' | 'cost';

/**
 * graphql-armor words its refusals as "Syntax Error: Aliases limit of 30 exceeded, found 31.",
 * which reads like a typo in the query. Each limit's `onReject` throws this error instead: its own
 * code, the limit and what the operation asked for (`details.actual`; for tokens the parser stops
 * at the first one over, so `details.atLeast`), HTTP 400 (`limitStatus`): the request as sent
 * will never be served, and nothing reached a subgraph. The armor message is read only for the
 * count it found, which its callback does not pass separately.
 */
export function operationLimitExceeded(limit: OperationLimit, max: number) {
  return (_context: unknown, refusal: Error): never => {
    const found = /found (\d+)/.exec(refusal.message);
    const actual = found ? Number(found[1]) : null;
    throw new GraphQLError(
      actual !== null
        ? `The operation exceeds the ${limit} limit of ${max} (it has ${actual}); split it into smaller operations`
        : `The operation exceeds the ${limit} limit of ${max}; split it into smaller operations`,
      { extensions: { code: ErrorCode.OPERATION_LIMIT_EXCEEDED, details: { limit, max, ...(actual !== null ? { actual } : { atLeast: max + 1 }) } } },
    );
  };
}

/**
 * HTTP 400 for a request refused by a limit. Set on the result rather than on the error: an error
 * thrown while parsing (the token limit) loses its `http` extension on its way through the
 * gateway, one thrown while validating does not, and both should answer alike.
 */
export function limitStatus() {
  return {
    onResultProcess({ result, setResult }: { result: unknown; setResult: (r: ExecutionResult) => void }) {
      if (!result || typeof result !== 'object' || Array.isArray(result) || Symbol.asyncIterator in result) return;
      const r = result as ExecutionResult;
      if (r.data || !r.errors?.some((e) => e.extensions?.code === ErrorCode.OPERATION_LIMIT_EXCEEDED)) return;
      setResult({
        ...r,
        errors: r.errors.map((e) => new GraphQLError(e.message, { nodes: e.nodes, source: e.source, positions: e.positions, path: e.path, extensions: { ...e.extensions, http: { status: 400 } } })),
      });
    },
  };
}

/**
 * Limits on what one operation may ask for. The hub's own deepest operation (a result's
 * registration's examination inside a student's record) has depth 8; a dashboard of a whole cohort
 * stays far below the cost limit. Exceeding one is refused before any subgraph is called, with
 * OPERATION_LIMIT_EXCEEDED.
 */
export const OPERATION_LIMITS = { depth: 12, aliases: 30, tokens: 5000, directives: 20, cost: 20000 } as const;

export const QUERY_LIMITS = {
  maxDepth: { n: OPERATION_LIMITS.depth, onReject: [operationLimitExceeded('depth', OPERATION_LIMITS.depth)] },
  maxAliases: { n: OPERATION_LIMITS.aliases, onReject: [operationLimitExceeded('aliases', OPERATION_LIMITS.aliases)] },
  maxTokens: { n: OPERATION_LIMITS.tokens, onReject: [operationLimitExceeded('tokens', OPERATION_LIMITS.tokens)] },
  maxDirectives: { n: OPERATION_LIMITS.directives, onReject: [operationLimitExceeded('directives', OPERATION_LIMITS.directives)] },
  costLimit: { maxCost: OPERATION_LIMITS.cost, onReject: [operationLimitExceeded('cost', OPERATION_LIMITS.cost)] },
  blockFieldSuggestion: { enabled: false },
};
