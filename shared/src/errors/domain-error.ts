import type { ErrorCode } from './codes.js';

/**
 * An error the user can act on: it carries a stable code and a message safe to show. Anything
 * else that reaches the GraphQL layer is masked as INTERNAL_SERVER_ERROR (see format-error.ts).
 */
export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

export function isDomainError(e: unknown): e is DomainError {
  return e instanceof DomainError;
}
