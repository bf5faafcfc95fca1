import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { defaultParamsSerializer } from '@graphql-mesh/hmac-upstream-signature';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/codes.js';

/** The request extension Hive Gateway puts its HMAC signature in. */
export const SIGNATURE_EXTENSION = 'hmac-signature';

/**
 * The signature the gateway puts on a subgraph request: HMAC-SHA256 over the stable
 * serialization of { query, variables } that Hive Gateway's upstream-signature plugin uses.
 */
export function signGatewayRequest(secret: string, request: { query: string; variables?: Record<string, unknown> | null }): string {
  const payload = defaultParamsSerializer({ query: request.query, variables: request.variables ?? undefined } as never) ?? '';
  return createHmac('sha256', secret).update(payload).digest('base64');
}

function isSigned(secret: string, request: { query?: string; variables?: Record<string, unknown> | null; extensions?: Record<string, unknown> }): boolean {
  const given = request.extensions?.[SIGNATURE_EXTENSION];
  if (typeof given !== 'string' || typeof request.query !== 'string') return false;
  const expected = Buffer.from(signGatewayRequest(secret, { query: request.query, variables: request.variables ?? null }), 'base64');
  const actual = Buffer.from(given, 'base64');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/**
 * Subgraphs answer only the gateway: a request without the gateway's signature over exactly its
 * query and variables (a plain query, a forged `_entities` call, a representation carrying
 * made-up scores) is refused before anything is resolved.
 */
export function requireGatewaySignature<C extends BaseContext>(secret: string): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      const signed = isSigned(secret, request as never);
      return {
        async didResolveOperation() {
          if (!signed) {
            throw new GraphQLError('This service answers only the PIONEER gateway', {
              extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } },
            });
          }
        },
      };
    },
  };
}
