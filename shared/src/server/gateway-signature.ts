import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '../errors/codes.js';

/**
 * The request header the gateway puts its signature in:
 * `v=2;ts=<milliseconds>;nonce=<16-64 of [A-Za-z0-9_-]>;sig=<base64 HMAC-SHA256>`.
 */
export const SIGNATURE_HEADER = 'pioneer-signature';

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
 * The signature over the signed text: the subgraph it is meant for, the time, a nonce, the
 * SHA-256 of the caller's Authorization header (so a captured request cannot be sent again under
 * another token), one per line, then the request body exactly as it travels. The body's own bytes
 * are signed, not a serialization of what it parses to: a page's body is megabytes, and making
 * that serialization again cost the gateway and the consortium a tenth of their CPU on an intake
 * (issue 16); nor does anything depend on two JSON serializers agreeing.
 */
function hmac(key: string, subgraph: string, ts: number, nonce: string, authorization: string | null | undefined, body: string | Uint8Array): string {
  const head = ['pioneer-subgraph-request:v2', subgraph, String(ts), nonce, authorizationHash(authorization), ''].join('\n');
  return createHmac('sha256', key).update(head).update(body).digest('base64');
}

/**
 * The `pioneer-signature` header for one request body to `subgraph` (the gateway's side; scripts
 * and tests that talk to a subgraph directly use signedSubgraphRequest). A string body is signed
 * as the UTF-8 it is sent as.
 */
export function signSubgraphBody(
  key: string,
  subgraph: string,
  body: string | Uint8Array,
  authorization: string | null | undefined,
  options: { ts?: number; nonce?: string } = {},
): string {
  const ts = options.ts ?? Date.now();
  const nonce = options.nonce ?? randomUUID();
  return `v=2;ts=${ts};nonce=${nonce};sig=${hmac(key, subgraph, ts, nonce, authorization, body)}`;
}

/**
 * A GraphQL request to a subgraph signed as the gateway signs it: the JSON body and its headers
 * (scripts and tests that play the gateway).
 */
export function signedSubgraphRequest(
  key: string,
  subgraph: string,
  request: { query: string; variables?: Record<string, unknown> | null; authorization?: string | null },
  options: { ts?: number; nonce?: string } = {},
): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ query: request.query, ...(request.variables ? { variables: request.variables } : {}) });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      ...(request.authorization ? { authorization: request.authorization } : {}),
      [SIGNATURE_HEADER]: signSubgraphBody(key, subgraph, body, request.authorization, options),
    },
  };
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

const HEADER = /^v=2;ts=(\d{1,16});nonce=([A-Za-z0-9_-]{16,64});sig=([A-Za-z0-9+/]{43}=)$/;

/** Checks one request's signature (its header) over its body's bytes; admits its nonce only when everything else holds. */
export function verifySubgraphSignature(
  key: string,
  subgraph: string,
  header: string | null | undefined,
  body: string | Uint8Array,
  authorization: string | null | undefined,
  replay: ReplayCache,
  now = Date.now(),
): SignatureVerdict {
  if (!header) return 'missing';
  const parts = HEADER.exec(header);
  if (!parts) return 'invalid';
  const ts = Number(parts[1]);
  const nonce = parts[2]!;
  if (!Number.isSafeInteger(ts)) return 'invalid';
  const expected = Buffer.from(hmac(key, subgraph, ts, nonce, authorization, body), 'base64');
  const actual = Buffer.from(parts[3]!, 'base64');
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
 * exactly its body and Authorization header, for this subgraph (a plain query, a forged
 * `_entities` call, a representation carrying made-up scores, a captured request sent again) is
 * refused. Called with the raw body before anything parses it, so a refused request is not
 * parsed, validated, resolved or audited.
 */
export function gatewaySignatureCheck(key: string, subgraph: string, replay = new ReplayCache()): (header: string | null | undefined, body: string | Uint8Array, authorization: string | null) => void {
  return (header, body, authorization) => {
    const verdict = verifySubgraphSignature(key, subgraph, header, body, authorization, replay);
    if (verdict === 'full') {
      // Overload, not a bad request: the gateway reports this subgraph as unavailable.
      throw new GraphQLError(REFUSALS.full, { extensions: { code: ErrorCode.SOURCE_UNAVAILABLE, http: { status: 503 } } });
    }
    if (verdict !== 'ok') {
      throw new GraphQLError(REFUSALS[verdict], { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
    }
  };
}
