import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable } from './database-unavailable.js';
import { toClientError } from './format-error.js';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './codes.js';

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe('DATABASE_UNAVAILABLE: a database that cannot be reached is an outage, not a bug', () => {
  it.each([
    ['connection refused', withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['refused on IPv4 and IPv6 (AggregateError)', Object.assign(new AggregateError([withCode('a', 'ECONNREFUSED'), withCode('b', 'ECONNREFUSED')], ''), {})],
    ['server shut down (57P01)', withCode('terminating connection due to administrator command', '57P01')],
    ['server starting up (57P03)', withCode('the database system is starting up', '57P03')],
    ['connection exception class 08', withCode('connection failure', '08006')],
    ['dropped connection', new Error('Connection terminated unexpectedly')],
    ['no connection from the pool in time', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['wrapped by the ORM', Object.assign(new Error('select 1 - connect ECONNREFUSED'), { name: 'ConnectionException' })],
    ['as the cause of another error', new Error('query failed', { cause: withCode('reset', 'ECONNRESET') })],
  ])('%s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    const client = toClientError(new GraphQLError('x', { originalError: error }));
    expect(client).toEqual({ message: 'The database is unavailable at the moment; retry later', code: ErrorCode.DATABASE_UNAVAILABLE, details: { retryable: true } });
  });

  it.each([
    ['a unique violation', withCode('duplicate key value violates unique constraint', '23505')],
    ['a programming error', new TypeError('x is undefined')],
    ['a domain error', new DomainError(ErrorCode.UNKNOWN_COURSE, 'no such course')],
    ['nothing', null],
  ])('not for %s', (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
