import { GraphQLError } from 'graphql';
import { defaultProtectSingleValidateFn } from '@envelop/generic-auth';
import { isDomainError, ErrorCode } from '@pioneer/shared/errors';
import type { Principal, TokenVerifier } from '@pioneer/shared/auth';

type ValidateParams = Parameters<typeof defaultProtectSingleValidateFn>[0];

/**
 * Generic auth (protect-granular) over the supergraph's `@authenticated` and `@requiresScopes`.
 * A missing token where one is needed is UNAUTHENTICATED; a token without the scope is
 * FORBIDDEN; a bad token is refused outright. The whole operation is refused before execution,
 * so a denied mutation never reaches a subgraph.
 */
export function authorizeByDirectives(tokens: TokenVerifier) {
  return {
    mode: 'protect-granular' as const,
    rejectUnauthenticated: true,
    resolveUserFn: async (context: { request: Request }): Promise<Record<string, any> | null> => {
      try {
        return await tokens.authenticate(context.request.headers.get('authorization'));
      } catch (e) {
        const message = isDomainError(e) ? e.message : 'The token is invalid';
        throw new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
      }
    },
    extractScopes: (user: Record<string, any>) => [...((user as Principal | null)?.scopes ?? [])],
    validateUser: (params: ValidateParams) => {
      const refused = defaultProtectSingleValidateFn(params);
      if (!refused) return undefined;
      const signedIn = params.user != null;
      return new GraphQLError(signedIn ? 'Not allowed: your roles do not include this field' : 'Sign in: this field needs a bearer token', {
        nodes: refused.nodes,
        path: refused.path,
        extensions: { code: signedIn ? ErrorCode.FORBIDDEN : ErrorCode.UNAUTHENTICATED, details: { field: params.fieldNode.name.value } },
      });
    },
  };
}
