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
}

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
  if ('jwks' in config.keys) {
    if (config.keys.jwks.keys.some((k) => 'd' in k || k.kty === 'oct')) refuse('The token verification keys must be public keys');
    key = Promise.resolve(createLocalJWKSet(config.keys.jwks));
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
      try {
        const verified = await jwtVerify(match[1]!, (await key) as never, {
          issuer: config.issuer,
          audience: config.audience,
          algorithms: [...TOKEN_ALGORITHMS],
          requiredClaims: ['sub', 'exp'],
        });
        claims = verified.payload as Record<string, unknown>;
      } catch {
        // One message for every failure: which check failed is not the caller's business.
        refuse('The token is invalid or expired');
      }
      const principal = principalFromClaims(claims);
      if (verified.size >= MAX_CACHED_TOKENS) verified.delete(verified.keys().next().value!);
      verified.set(match[1]!, { principal, until: Number(claims.exp) * 1000 });
      return principal;
    },
  };
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
