import type { JWK } from 'jose';
import { DEFAULT_KEY_SCOPES, TOKEN_ALGORITHMS, type TokenVerificationConfig } from '../auth/tokens.js';
import { DomainError } from '../errors/domain-error.js';
import { subgraphSigningKey } from '../server/gateway-signature.js';
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

/**
 * The key a subgraph verifies the gateway's signatures with: its own `SUBGRAPH_SIGNING_KEY`
 * (what a university running only its own subgraph is given: it cannot sign requests to any
 * other subgraph), or else derived from the gateway's `SUBGRAPH_SIGNING_SECRET`.
 */
export function readSubgraphSigningKey(env: Env, subgraph: string): string {
  const key = env.SUBGRAPH_SIGNING_KEY;
  if (key !== undefined && key !== '') {
    if (key.length < 32) invalid('SUBGRAPH_SIGNING_KEY', 'at least 32 characters: subgraphSigningKey(gateway secret, subgraph name), see docs/security.md');
    return key;
  }
  return subgraphSigningKey(readSigningSecret(env), subgraph);
}

/**
 * How bearer tokens are verified, the same in the gateway and every subgraph: the identity
 * provider's public keys as a JWK Set (`AUTH_JWKS`, JSON) or one PEM public key
 * (`AUTH_JWT_PUBLIC_KEY` with `AUTH_JWT_ALGORITHM`), and the issuer and audience tokens must
 * name. Required: the hub has no anonymous mode (npm start makes a demo key pair).
 */
export function readTokenVerification(env: Env): TokenVerificationConfig {
  const issuer = readString(env, 'AUTH_JWT_ISSUER', 'pioneer-hub');
  const audience = readString(env, 'AUTH_JWT_AUDIENCE', 'pioneer-hub');
  const keyScopes = readKeyScopes(env);
  const jwks = env.AUTH_JWKS;
  const pem = env.AUTH_JWT_PUBLIC_KEY;
  if (jwks && pem) invalid('AUTH_JWKS', 'set either AUTH_JWKS or AUTH_JWT_PUBLIC_KEY, not both');
  if (jwks) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(jwks);
    } catch {
      invalid('AUTH_JWKS', 'not JSON');
    }
    const keys = (parsed as { keys?: unknown })?.keys;
    if (!Array.isArray(keys) || keys.length === 0) invalid('AUTH_JWKS', 'expected a JWK Set: {"keys": [...]}');
    if (keys.some((k) => typeof k !== 'object' || k === null || 'd' in k || (k as { kty?: string }).kty === 'oct')) {
      invalid('AUTH_JWKS', 'only public asymmetric keys belong here');
    }
    return { keys: { jwks: { keys } }, issuer, audience, keyScopes };
  }
  if (pem) {
    if (!pem.includes('BEGIN PUBLIC KEY')) invalid('AUTH_JWT_PUBLIC_KEY', 'expected an SPKI PEM public key');
    const algorithm = readEnum(env, 'AUTH_JWT_ALGORITHM', TOKEN_ALGORITHMS, 'ES256');
    return { keys: { pem: pem.replace(/\\n/g, '\n'), algorithm }, issuer, audience, keyScopes };
  }
  return invalid('AUTH_JWKS', 'required (or AUTH_JWT_PUBLIC_KEY): the public keys bearer tokens are verified with; npm start makes a demo pair');
}

/**
 * `AUTH_KEY_SCOPES`: keys trusted only for some scopes, as JSON `{"<kid>": ["<scope>", …]}`.
 * Default: the consortium's service key (`consortium-service`) signs `record-reader` tokens only.
 */
function readKeyScopes(env: Env): Readonly<Record<string, readonly string[]>> {
  const raw = env.AUTH_KEY_SCOPES;
  if (raw === undefined || raw === '') return DEFAULT_KEY_SCOPES;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    invalid('AUTH_KEY_SCOPES', 'not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) invalid('AUTH_KEY_SCOPES', 'expected {"<kid>": ["<scope>", ...]}');
  for (const [kid, scopes] of Object.entries(parsed)) {
    if (!Array.isArray(scopes) || scopes.length === 0 || scopes.some((s) => typeof s !== 'string')) invalid('AUTH_KEY_SCOPES', `the scopes of ${kid} must be a non-empty list of strings`);
  }
  return parsed as Record<string, string[]>;
}

/**
 * A service's own signing key (a private asymmetric JWK, as JSON): the consortium signs the
 * short-lived tokens of its service identity with it. Its public half belongs among the keys
 * every verifier trusts (AUTH_JWKS).
 */
export function readServiceKey(env: Env, name: string): JWK {
  const raw = env[name];
  if (!raw) invalid(name, 'required: a private JWK (npm start makes one)');
  let jwk: unknown;
  try {
    jwk = JSON.parse(raw);
  } catch {
    invalid(name, 'not JSON');
  }
  const key = jwk as JWK;
  if (typeof key !== 'object' || key === null || typeof key.d !== 'string' || !['EC', 'RSA', 'OKP'].includes(String(key.kty))) {
    invalid(name, 'expected a private asymmetric JWK (kty EC, RSA or OKP, with d)');
  }
  return key;
}

/** A whole number within [min, max] (a count, a duration in milliseconds). */
export function readInteger(env: Env, name: string, fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) invalid(name, `expected a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max) invalid(name, `${value} is outside ${min}-${max}`);
  return value;
}

/**
 * Logging and tracing of a process: LOG_LEVEL (pino level, default info) and the standard
 * OTEL_EXPORTER_OTLP_ENDPOINT (OTLP/HTTP; tracing is off without it).
 */
export function readObservability(env: Env) {
  // Tests run many processes; their request lines would drown the test output.
  const fallback = env.NODE_ENV === 'test' ? 'warn' : 'info';
  return {
    logLevel: readEnum(env, 'LOG_LEVEL', ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const, fallback),
    otlpEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT ? readUrl(env, 'OTEL_EXPORTER_OTLP_ENDPOINT', '') : null,
  };
}
