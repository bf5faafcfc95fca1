/**
 * Whether an error means "the database cannot be reached right now" (refused or dropped
 * connections, a server shutting down or starting up, no free connection in time) rather than a
 * bug or bad data. Such errors become DATABASE_UNAVAILABLE, which a client may retry.
 * PostgreSQL SQLSTATE classes: 08 (connection exception), 57P01-57P03 (shutdown, cannot connect
 * now), 53300 (too many connections).
 */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EPIPE', 'EAI_AGAIN']);
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const NAMES = new Set(['ConnectionException', 'KnexTimeoutError']);
const MESSAGES = /Connection terminated|Timeout acquiring a connection|connection error|Client was closed|terminating connection due to administrator command|the database system is (starting up|shutting down)/i;

export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== 'object' || depth > 5) return false;
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown; previous?: unknown; errors?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08')) return true;
  if (typeof e.name === 'string' && NAMES.has(e.name)) return true;
  if (typeof e.message === 'string' && MESSAGES.test(e.message)) return true;
  // AggregateError (a refused IPv4 and IPv6 connect) and wrapped causes.
  const nested = [e.cause, e.originalError, e.previous, ...(Array.isArray(e.errors) ? e.errors : [])];
  return nested.some((n) => isDatabaseUnavailable(n, depth + 1));
}
