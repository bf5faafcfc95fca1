import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { DomainError } from './domain-error.js';
import { ErrorCode, RENAMED_ERROR_CODES } from './codes.js';
import { isDatabaseUnavailable } from './database-unavailable.js';

/**
 * The one place where errors become what a client sees. Domain errors keep their code and
 * message; validation errors of the GraphQL layer keep theirs; database and programming errors
 * are masked: no SQL, stack trace or driver message leaves the process.
 */
export function toClientError(error: unknown): { message: string; code: string; details?: Record<string, unknown> } {
  const original = error instanceof GraphQLError && error.originalError ? error.originalError : error;
  // A custom scalar's refusal of a variable arrives wrapped twice (Apollo's, then graphql-js's coercion error).
  const domain = original instanceof GraphQLError && original.originalError instanceof DomainError ? original.originalError : original;
  if (domain instanceof DomainError) {
    return { message: domain.message, code: domain.code, details: { ...domain.details } };
  }
  const name = (original as { name?: string } | null)?.name ?? '';
  if (name === 'ArgumentValidationError') {
    return { message: 'Argument validation failed', code: ErrorCode.BAD_USER_INPUT };
  }
  if (name === 'UniqueConstraintViolationException') {
    return { message: 'That record already exists', code: ErrorCode.CONFLICT };
  }
  if (name === 'ForeignKeyConstraintViolationException' || name === 'NotNullConstraintViolationException') {
    return { message: 'The request refers to data that does not exist or is incomplete', code: ErrorCode.BAD_USER_INPUT };
  }
  if (isDatabaseUnavailable(original)) {
    return { message: 'The database is unavailable at the moment; retry later', code: ErrorCode.DATABASE_UNAVAILABLE, details: { retryable: true } };
  }
  if (name === 'NotFoundError') {
    return { message: 'Not found', code: ErrorCode.NOT_FOUND };
  }
  if (error instanceof GraphQLError && !error.originalError) {
    const code = typeof error.extensions?.code === 'string' ? error.extensions.code : ErrorCode.BAD_USER_INPUT;
    return { message: error.message, code };
  }
  // A variable the schema refuses (null for a required field, 72.5 for an Int): Apollo Server wraps
  // graphql-js's coercion error, whose message names the variable and the type, nothing internal.
  if (error instanceof GraphQLError && original instanceof GraphQLError) {
    const code = error.extensions?.code ?? original.extensions?.code;
    return { message: error.message, code: typeof code === 'string' ? code : ErrorCode.BAD_USER_INPUT };
  }
  return { message: 'Internal server error', code: ErrorCode.INTERNAL };
}

export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  // The real cause of an INTERNAL error is logged by the server's request log (start-subgraph.ts), with the request id.
  const client = toClientError(error);
  return {
    message: client.message,
    ...(formatted.locations ? { locations: formatted.locations } : {}),
    ...(formatted.path ? { path: formatted.path } : {}),
    extensions: {
      code: client.code,
      ...(RENAMED_ERROR_CODES[client.code as ErrorCode] ? { formerCode: RENAMED_ERROR_CODES[client.code as ErrorCode] } : {}),
      ...(client.details && Object.keys(client.details).length ? { details: client.details } : {}),
    },
  };
}
