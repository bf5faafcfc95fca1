import { SignJWT, createLocalJWKSet, exportJWK, generateKeyPair, importJWK, importSPKI, jwtVerify, type JWK, type JWTVerifyGetKey } from 'jose';
import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';
import { principalFromClaims, type Principal } from './principal.js';

/** Asymmetric algorithms only: a verifier never holds a key that could mint tokens. */
export const TOKEN_ALGORITHMS = ['ES256', 'ES384', 'RS256', 'PS256', 'EdDSA'] as const;

export interface TokenVerificationConfig {
  /** A JWK Set of public keys (rotation: several keys, picked by `kid`), or one SPKI PEM public key. */
  keys: { jwks: { keys: JWK[] } } | { pem: string; algorithm: (typeof TOKEN_ALGORITHMS)[number] };
  issuer: string;
  audience: string;
  /**
   * Keys trusted for some scopes only, by `kid` (issue 11 item 5): a token signed with such a key
   * that asks for any other scope is refused. Default: the consortium's service key
   * (`consortium-service`) may sign `record-reader` tokens and nothing else.
   */
  keyScopes?: Readonly<Record<string, readonly string[]>>;
}

/** The kid of the consortium's service key, and the only scope it may sign for. */
export const SERVICE_KEY_ID = 'consortium-service';
export const DEFAULT_KEY_SCOPES: Readonly<Record<string, readonly string[]>> = { [SERVICE_KEY_ID]: ['record-reader'] };

/**
 * Bounds on a token's time claims. An identity provider's access tokens live minutes to hours;
 * the demo mints 8-hour tokens. A longer-lived token is refused, as is one issued or valid only in
 * the future beyond the tolerated clock skew between the provider's and the hub's clocks.
 */
export const TOKEN_MAX_LIFETIME_SECONDS = 12 * 60 * 60;
export const TOKEN_CLOCK_SKEW_SECONDS = 60;

const MAX_TOKEN_LENGTH = 8192;
const MAX_CACHED_TOKENS = 10_000;

export interface TokenVerifier {
  /** The principal of an `Authorization: Bearer …` header; null when there is none. */
  authenticate(authorization: string | null | undefined): Promise<Principal | null>;
}

function refuse(message: string): never {
  throw new DomainError(ErrorCode.UNAUTHENTICATED, message);
}

export function createTokenVerifier(config: TokenVerificationConfig): TokenVerifier {
  let key: Promise<JWTVerifyGetKey | CryptoKey>;
  const keyScopes = config.keyScopes ?? DEFAULT_KEY_SCOPES;
  if ('jwks' in config.keys) {
    if (config.keys.jwks.keys.some((k) => 'd' in k || k.kty === 'oct')) refuse('The token verification keys must be public keys');
    // A scope-bound key is found only by its kid: a token without a kid is tried against the
    // unbound keys alone, so a bound key can never verify a token that escapes its binding.
    const bound = config.keys.jwks.keys.filter((k) => k.kid !== undefined && Object.hasOwn(keyScopes, k.kid));
    const unbound = config.keys.jwks.keys.filter((k) => !bound.includes(k));
    const boundSet = bound.length ? createLocalJWKSet({ keys: bound }) : null;
    const unboundSet = unbound.length ? createLocalJWKSet({ keys: unbound }) : null;
    const getKey: JWTVerifyGetKey = (header, token) => {
      const set = header.kid !== undefined && Object.hasOwn(keyScopes, header.kid) ? boundSet : unboundSet;
      if (!set) refuse('No key for this token');
      return set(header, token);
    };
    key = Promise.resolve(getKey);
  } else {
    key = importSPKI(config.keys.pem, config.keys.algorithm);
  }
  // A token verified once is not verified again until it expires: the same token arrives at the
  // gateway and at every subgraph the query plan reaches, request after request. Bounded.
  const verified = new Map<string, { principal: Principal; until: number }>();
  return {
    async authenticate(authorization) {
      if (authorization === undefined || authorization === null || authorization === '') return null;
      const match = /^Bearer ([A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+)$/.exec(authorization);
      if (!match || authorization.length > MAX_TOKEN_LENGTH) refuse('The Authorization header must be "Bearer <JWT>"');
      const known = verified.get(match[1]!);
      if (known && known.until > Date.now()) return known.principal;
      if (known) verified.delete(match[1]!);
      let claims: Record<string, unknown>;
      let kid: string | undefined;
      try {
        const verified = await jwtVerify(match[1]!, (await key) as never, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: [...TOKEN_ALGORITHMS],
          requiredClaims: ['sub', 'exp', 'iat'],
          clockTolerance: TOKEN_CLOCK_SKEW_SECONDS,
          // Also refuses an `iat` in the future (beyond the tolerance).
          maxTokenAge: TOKEN_MAX_LIFETIME_SECONDS,
        });
        claims = verified.payload as Record<string, unknown>;
        kid = verified.protectedHeader.kid;
      } catch {
        // One message for every failure: which check failed is not the caller's business.
        refuse('The token is invalid or expired');
      }
      if (!withinLifetime(claims)) refuse('The token is invalid or expired');
      const principal = principalFromClaims(claims);
      const allowed = kid !== undefined && 'jwks' in config.keys && Object.hasOwn(keyScopes, kid) ? keyScopes[kid]! : null;
      if (allowed && (principal.scopes.size === 0 || [...principal.scopes].some((s) => !allowed.includes(s)))) {
        refuse(`The key ${kid} may sign only ${allowed.join(', ')} tokens`);
      }
      if (verified.size >= MAX_CACHED_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(match[1]!, { principal, until: Number(claims.exp) * 1000 });
      return principal;
    },
  };
}

/**
 * `exp - iat` at most the maximum lifetime, and `nbf` (when present) not after `exp`: a token
 * that expires in 100 years is refused even on the day it was issued.
 */
function withinLifetime(claims: Record<string, unknown>): boolean {
  const { iat, exp, nbf } = claims;
  if (typeof iat !== 'number' || typeof exp !== 'number' || !Number.isFinite(iat) || !Number.isFinite(exp)) return false;
  if (exp <= iat || exp - iat > TOKEN_MAX_LIFETIME_SECONDS) return false;
  // The skew tolerates a provider's clock running ahead (iat, nbf); expiry itself is exact.
  if (exp * 1000 <= Date.now()) return false;
  if (nbf !== undefined && (typeof nbf !== 'number' || nbf > exp)) return false;
  return true;
}

/** Claims a minted token carries; `scope` is space-separated (see SCOPES). */
export interface TokenClaims {
  sub: string;
  scope: string;
  name?: string;
}

export interface TokenIssuer {
  mint(claims: TokenClaims, options?: { expiresIn?: string }): Promise<string>;
  /** The public half, as the verifiers' configuration wants it. */
  publicJwks: { keys: JWK[] };
}

/** Issues tokens with one private JWK: the demo's and the tests' stand-in for an identity provider. */
/** The public half of a private JWK, as a verifier's key. */
export function publicJwkOf(privateJwk: JWK): JWK {
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return { ...publicJwk, alg: privateJwk.alg ?? 'ES256', use: 'sig' };
}

export async function tokenIssuer(privateJwk: JWK, issuer: string, audience: string): Promise<TokenIssuer> {
  const alg = privateJwk.alg ?? 'ES256';
  const key = await importJWK(privateJwk, alg);
  return {
    publicJwks: { keys: [publicJwkOf(privateJwk)] },
    mint: (claims, options) =>
      new SignJWT({ scope: claims.scope, ...(claims.name ? { name: claims.name } : {}) })
        .setProtectedHeader({ alg, kid: privateJwk.kid })
        .setSubject(claims.sub)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime(options?.expiresIn ?? '8h')
        .sign(key),
  };
}

/** A fresh ES256 key pair as a private JWK with a key id. */
export async function generateSigningJwk(kid = `pioneer-${Date.now().toString(36)}`): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = await exportJWK(privateKey);
  return { ...jwk, alg: 'ES256', kid };
}
