import { pino, type Logger } from 'pino';

export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal' | 'silent';
export type { Logger };

/**
 * Request bodies, tokens, signatures and personal data never go into a log. Log calls pass only
 * counts, codes, names and ids of requests; these paths are censored as well in case a caller
 * hands over a whole object (headers, a request) by mistake.
 */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'headers["x-hmac-signature"]',
  'headers["pioneer-signature"]',
  '*.headers["pioneer-signature"]',
  'extensions["hmac-signature"]',
  '*.extensions["hmac-signature"]',
  'variables',
  '*.variables',
  'query',
  '*.query',
  'body',
  '*.body',
  'token',
  '*.token',
];

/** A process's structured JSON log (pino) on stdout, one line per entry. */
export function createLogger(service: string, level: LogLevel = 'info', destination?: pino.DestinationStream): Logger {
  return pino({ name: service, level, base: { service }, redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}

/** Text that may end up in a log, cut to a bounded length. */
export function bounded(text: string, max = 200): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** A request id a client may choose (letters, digits, . _ -; at most 64) or none: anything else is replaced. */
export function acceptableRequestId(value: string | null | undefined): string | null {
  return value && /^[A-Za-z0-9._-]{1,64}$/.test(value) ? value : null;
}
