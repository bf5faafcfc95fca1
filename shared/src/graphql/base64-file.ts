import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { ErrorCode } from '../errors/codes.js';
import { DomainError } from '../errors/domain-error.js';

/** RFC 4648 §4 base64 with padding, nothing else (no line breaks, no URL alphabet). */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

function decode(value: unknown): Buffer {
  if (typeof value !== 'string' || !BASE64.test(value)) {
    // The value itself is never echoed: it may be a whole file.
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A file is sent as its bytes in base64 (RFC 4648, padded, no line breaks)');
  }
  return Buffer.from(value, 'base64');
}

/**
 * A file's bytes, base64-encoded in JSON. Uploads are bytes, not text: a signature is over the
 * bytes and an XML file may declare its own encoding. Resolvers receive a Buffer, which the text
 * rule (shared/src/errors/input.ts) leaves alone; a service bounds the size it accepts.
 * graphql-scalars' `Byte` was not used: it also accepts hex, so "deadbeef" is ambiguous, and it
 * serialises a Buffer as a JSON object of numbers.
 */
export const Base64File = new GraphQLScalarType<Buffer, string>({
  name: 'Base64File',
  description: "A file's bytes, base64-encoded (RFC 4648, padded, no line breaks)",
  serialize: (value) => {
    if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
    throw new GraphQLError('Base64File serialises bytes only');
  },
  parseValue: decode,
  parseLiteral: (ast) => decode(ast.kind === Kind.STRING ? ast.value : null),
});
