import { describe, expect, it } from 'vitest';
import { GraphQLError } from 'graphql';
import { DomainError } from './domain-error.js';
import { ErrorCode, RENAMED_ERROR_CODES } from './codes.js';
import { formatError } from './format-error.js';

const format = (error: unknown) => formatError({ message: 'raw' }, error).extensions;

describe('formatError', () => {
  it('a renamed code carries its 0.1 name as formerCode until 0.3; others do not', () => {
    expect(format(new DomainError(ErrorCode.UNKNOWN_EXAMINATION, 'LEU-BIS has no examination "oral"', { examinationKey: 'oral' }))).toEqual({
      code: 'UNKNOWN_EXAMINATION',
      formerCode: 'UNKNOWN_COMPONENT',
      details: { examinationKey: 'oral' },
    });
    expect(format(new DomainError(ErrorCode.UNKNOWN_THESIS, 'No thesis x'))).toEqual({ code: 'UNKNOWN_THESIS', formerCode: 'NOT_FOUND' });
    expect(format(new DomainError(ErrorCode.THESIS_COMMITTEE_INVALID, 'two members'))).toEqual({ code: 'THESIS_COMMITTEE_INVALID' });
    // Every former name is gone from the registry: a client matching on it gets it only as formerCode.
    for (const former of Object.values(RENAMED_ERROR_CODES)) expect(Object.values(ErrorCode).filter((c) => c !== 'NOT_FOUND')).not.toContain(former);
  });

  it('a variable the schema refuses, as Apollo Server wraps it, stays BAD_USER_INPUT with its message', () => {
    const coercion = new GraphQLError('Variable "$i" got invalid value null at "i.digitalOn"; Expected non-nullable type "String!" not to be null.');
    const wrapped = new GraphQLError(coercion.message, { originalError: coercion, extensions: { code: 'BAD_USER_INPUT' } });
    expect(formatError({ message: wrapped.message }, wrapped)).toEqual({ message: coercion.message, extensions: { code: 'BAD_USER_INPUT' } });
    // Anything else that is not ours stays masked.
    expect(format(new Error('relation "thesis" does not exist'))).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
  });
});
