import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { defaultPrintFn } from '@graphql-tools/executor-common';
import type { DocumentNode } from 'graphql';
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
 * header (so a captured request cannot be sent again under another token) and the
 * serialization of { query, variables } (serializedRequest), joined by newlines. Handed to the
 * HMAC in two pieces, the same bytes as one string: a page's serialization is megabytes, and
 * joining copied it once more.
 */
function signedText(subgraph: string, ts: number, nonce: string, authorization: string | null | undefined, serializedParams: string): [string, string] {
  return [['pioneer-subgraph-request:v1', subgraph, String(ts), nonce, authorizationHash(authorization), ''].join('\n'), serializedParams];
}

/**
 * The request as signed: its query text and its variables in the order they travel. Plain
 * JSON.stringify, not a key-sorting stable serializer: the gateway signs the same variables
 * object it sends, and the subgraph re-serializes what JSON.parse gave it, so the key order is
 * the same on both sides. A page of 500 students' representations is several megabytes; the
 * sorting serializer took a tenth of the gateway's and the consortium's CPU (issue 16).
 */
function serializedRequest(query: string, variables: Record<string, unknown> | null | undefined): string {
  return JSON.stringify({ query, variables: variables && Object.keys(variables).length > 0 ? variables : undefined });
}

function hmac(key: string, [head, params]: [string, string]): string {
  return createHmac('sha256', key).update(head).update(params).digest('base64');
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
  return { v: 1, ts, nonce, sig: hmac(key, signedText(subgraph, ts, nonce, request.authorization, serializedRequest(request.query, request.variables))) };
}

/**
 * The gateway's side: the signature of one subgraph execution request, over the same
 * serialization the subgraph will make of the request it receives.
 */
export function signExecutionRequest(
  key: string,
  subgraph: string,
  executionRequest: { document: DocumentNode; variables?: Record<string, unknown> | null },
  authorization: string | null,
): SubgraphSignature {
  const ts = Date.now();
  const nonce = randomUUID();
  // defaultPrintFn is the printer Hive Gateway's HTTP executor sends the query text with (memoized per document).
  const text = serializedRequest(defaultPrintFn(executionRequest.document), executionRequest.variables);
  return { v: 1, ts, nonce, sig: hmac(key, signedText(subgraph, ts, nonce, authorization, text)) };
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
  const expected = Buffer.from(hmac(key, signedText(subgraph, ts, nonce, authorization, serializedRequest(request.query, request.variables))), 'base64');
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
