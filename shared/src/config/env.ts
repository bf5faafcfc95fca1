import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';

/**
 * Parsers for configuration values. Packages read `process.env` only in their own `config.ts`
 * and pass it here, so configuration is validated once, at start, with a message that names the
 * variable.
 */
export type Env = Readonly<Record<string, string | undefined>>;

function invalid(name: string, why: string): never {
  throw new DomainError(ErrorCode.CONFIG_INVALID, `Configuration ${name}: ${why}`, { variable: name });
}

export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) invalid(name, `expected a port number, got "${raw}"`);
  const port = Number(raw);
  if (port < 0 || port > 65535) invalid(name, `port ${port} is outside 0-65535`);
  return port;
}

export function readString(env: Env, name: string, fallback: string): string {
  const raw = env[name];
  return raw === undefined || raw === '' ? fallback : raw;
}

export function readBoolean(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no'].includes(raw.toLowerCase())) return false;
  return invalid(name, `expected true or false, got "${raw}"`);
}

export function readEnum<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!(allowed as readonly string[]).includes(raw)) invalid(name, `expected one of ${allowed.join(', ')}, got "${raw}"`);
  return raw as T;
}

export function readUrl(env: Env, name: string, fallback: string): string {
  const raw = readString(env, name, fallback);
  try {
    new URL(raw);
  } catch {
    invalid(name, `not a URL: "${raw}"`);
  }
  return raw;
}

/**
 * The connection URL of one subgraph's own database: its own variable (e.g. LEUVEN_DATABASE_URL)
 * wins; otherwise DATABASE_URL names the server and the subgraph's default database name is used.
 */
export function readDatabaseUrl(env: Env, ownVariable: string, defaultDatabase: string): string {
  const own = env[ownVariable];
  if (own) return readUrl(env, ownVariable, own);
  const server = readUrl(env, 'DATABASE_URL', 'postgres://postgres@127.0.0.1:5432/postgres');
  return withDatabase(server, defaultDatabase);
}

export function withDatabase(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** The secret the gateway signs subgraph requests with; required, at least 32 characters. */
export function readSigningSecret(env: Env): string {
  const secret = env.SUBGRAPH_SIGNING_SECRET;
  if (!secret || secret.length < 32) invalid('SUBGRAPH_SIGNING_SECRET', 'required, at least 32 characters (npm start generates one)');
  return secret;
}
