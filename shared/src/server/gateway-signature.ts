import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { defaultExecutionRequestSerializer, defaultParamsSerializer } from '@graphql-mesh/hmac-upstream-signature';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/codes.js';

/** The request extension the gateway puts its signature in. */
export const SIGNATURE_EXTENSION = 'pioneer-signature';

/**
 * How far a signature's timestamp may be from the subgraph's clock, either way. EWP (Erasmus
 * Without Paper) accepts HTTP signatures within five minutes; so does the hub.
 */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

/**
 * Most nonces a subgraph remembers. A nonce is kept until its timestamp leaves the window (at
 * most ten minutes); when the cache is full of live nonces, new requests are refused rather than
 * an old nonce forgotten (forgetting would let it be replayed).
 */
export const REPLAY_CACHE_SIZE = 200_000;

/** What a signature is carried as in the request's `extensions`. */
export interface SubgraphSignature {
  v: 1;
  /** Milliseconds since the epoch, on the gateway's clock. */
  ts: number;
  nonce: string;
  /** base64 HMAC-SHA256 */
  sig: string;
}

/**
 * The key one subgraph verifies signatures with: derived from the gateway's secret and the
 * subgraph's name, so a university given only its own key can neither sign requests to another
 * university's subgraph nor derive that subgraph's key.
 */
export function subgraphSigningKey(gatewaySecret: string, subgraph: string): string {
  return createHmac('sha256', gatewaySecret).update(`pioneer-subgraph-signing-key:v1:${subgraph}`).digest('base64url');
}

const authorizationHash = (authorization: string | null | undefined) => createHash('sha256').update(authorization ?? '').digest('base64url');

/**
 * The signed text: the subgraph it is meant for, the time, a nonce, the caller's Authorization
 * header (so a captured request cannot be sent again under another token) and the stable
 * serialization of { query, variables } that Hive Gateway's upstream-signature package uses.
 */
function signedText(subgraph: string, ts: number, nonce: string, authorization: string | null | undefined, serializedParams: string): string {
  return ['pioneer-subgraph-request:v1', subgraph, String(ts), nonce, authorizationHash(authorization), serializedParams].join('\n');
}

function hmac(key: string, text: string): string {
  return createHmac('sha256', key).update(text).digest('base64');
}

/** Signs a request to `subgraph` as the gateway does (scripts and tests that talk to a subgraph directly). */
export function signSubgraphRequest(
  key: string,
  subgraph: string,
  request: { query: string; variables?: Record<string, unknown> | null; authorization?: string | null },
  options: { ts?: number; nonce?: string } = {},
): SubgraphSignature {
  const ts = options.ts ?? Date.now();
  const nonce = options.nonce ?? randomUUID();
  const params = defaultParamsSerializer({ query: request.query, variables: request.variables ?? undefined } as never) ?? '';
  return { v: 1, ts, nonce, sig: hmac(key, signedText(subgraph, ts, nonce, request.authorization, params)) };
}

/**
 * The gateway's side: the signature of one subgraph execution request, over the same
 * serialization the subgraph will make of the request it receives.
 */
export function signExecutionRequest(
  key: string,
  subgraph: string,
  executionRequest: Parameters<typeof defaultExecutionRequestSerializer>[0],
  authorization: string | null,
): SubgraphSignature {
  const ts = Date.now();
  const nonce = randomUUID();
  return { v: 1, ts, nonce, sig: hmac(key, signedText(subgraph, ts, nonce, authorization, defaultExecutionRequestSerializer(executionRequest) ?? '')) };
}

/** Nonces seen within the window; bounded (REPLAY_CACHE_SIZE). */
export class ReplayCache {
  private readonly seen = new Map<string, number>();

  constructor(
    private readonly capacity = REPLAY_CACHE_SIZE,
    private readonly windowMs = SIGNATURE_WINDOW_MS,
  ) {}

  get size(): number {
    return this.seen.size;
  }

  /** Records `nonce`: 'replayed' when seen before, 'full' when no room is left for it. */
  admit(nonce: string, ts: number, now = Date.now()): 'ok' | 'replayed' | 'full' {
    if (this.seen.has(nonce)) return 'replayed';
    if (this.seen.size >= this.capacity) {
      for (const [n, forgetAt] of this.seen) if (forgetAt <= now) this.seen.delete(n);
      if (this.seen.size >= this.capacity) return 'full';
    }
    // Kept until its timestamp can no longer pass the window check.
    this.seen.set(nonce, ts + this.windowMs);
    return 'ok';
  }
}

export type SignatureVerdict = 'ok' | 'missing' | 'invalid' | 'outside-window' | 'replayed' | 'full';

/** Checks one request's signature; admits its nonce only when everything else holds. */
export function verifySubgraphSignature(
  key: string,
  subgraph: string,
  request: { query?: unknown; variables?: Record<string, unknown> | null; extensions?: Record<string, unknown> | null },
  authorization: string | null | undefined,
  replay: ReplayCache,
  now = Date.now(),
): SignatureVerdict {
  const given = request.extensions?.[SIGNATURE_EXTENSION] as Partial<SubgraphSignature> | undefined;
  if (!given || typeof given !== 'object' || typeof request.query !== 'string') return 'missing';
  const { v, ts, nonce, sig } = given;
  if (v !== 1 || typeof ts !== 'number' || !Number.isSafeInteger(ts) || typeof nonce !== 'string' || !/^[A-Za-z0-9_-]{16,64}$/.test(nonce) || typeof sig !== 'string') return 'invalid';
  const params = defaultParamsSerializer({ query: request.query, variables: request.variables ?? undefined } as never) ?? '';
  const expected = Buffer.from(hmac(key, signedText(subgraph, ts, nonce, authorization, params)), 'base64');
  const actual = Buffer.from(sig, 'base64');
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return 'invalid';
  if (Math.abs(now - ts) > SIGNATURE_WINDOW_MS) return 'outside-window';
  return replay.admit(nonce, ts, now);
}

const REFUSALS: Record<Exclude<SignatureVerdict, 'ok'>, string> = {
  missing: 'This service answers only the PIONEER gateway',
  invalid: 'This service answers only the PIONEER gateway',
  'outside-window': 'The request signature is outside its time window',
  replayed: 'The request signature was already used',
  full: 'Too many requests within the signature window; try again shortly',
};

/**
 * Subgraphs answer only the gateway: a request without a fresh signature of the gateway over
 * exactly its query, variables and Authorization header, for this subgraph (a plain query, a
 * forged `_entities` call, a representation carrying made-up scores, a captured request sent
 * again) is refused. Called with the parsed body before the request's context is built, so a
 * refused request is not parsed, validated, resolved or audited.
 */
export function gatewaySignatureCheck(key: string, subgraph: string, replay = new ReplayCache()): (body: unknown, authorization: string | null) => void {
  return (body, authorization) => {
    const request = body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
    const verdict = verifySubgraphSignature(key, subgraph, request as never, authorization, replay);
    if (verdict === 'full') {
      // Overload, not a bad request: the gateway reports this subgraph as unavailable.
      throw new GraphQLError(REFUSALS.full, { extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, http: { status: 503 } } });
    }
    if (verdict !== 'ok') {
      throw new GraphQLError(REFUSALS[verdict], { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
  };
}
