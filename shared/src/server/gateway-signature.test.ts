import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReplayCache, SIGNATURE_EXTENSION, gatewaySignatureCheck, SIGNATURE_WINDOW_MS, signSubgraphRequest, subgraphSigningKey, verifySubgraphSignature } from './gateway-signature.js';

const SECRET = 'gateway-secret-gateway-secret-gateway-secret';
const query = '{ leuvenCourses { code } }';
const bearer = 'Bearer a.b.c';

function request(subgraph: string, options: { ts?: number; nonce?: string; variables?: Record<string, unknown>; authorization?: string | null } = {}) {
  const signature = signSubgraphRequest(subgraphSigningKey(SECRET, subgraph), subgraph, { query, variables: options.variables ?? null, authorization: options.authorization ?? bearer }, options);
  return { query, variables: options.variables ?? null, extensions: { [SIGNATURE_EXTENSION]: signature } };
}

// Issue 11 item 5: signatures carry time and a nonce, are bound to one subgraph and one token.
describe('subgraph request signatures', () => {
  const leuvenKey = subgraphSigningKey(SECRET, 'leuven');

  it('signs the documented text: v1, subgraph, time, nonce, SHA-256 of the Authorization header and JSON of { query, variables }, one per line', () => {
    const variables = { r: [{ __typename: 'Student', id: 'x', courses: [{ score: null }] }] };
    const nonce = 'nonce-0123456789abcdef';
    const authHash = createHash('sha256').update(bearer).digest('base64url');
    const text = ['pioneer-subgraph-request:v1', 'leuven', '1764400000000', nonce, authHash, JSON.stringify({ query, variables })].join('\n');
    const expected = createHmac('sha256', leuvenKey).update(text).digest('base64');
    expect(signSubgraphRequest(leuvenKey, 'leuven', { query, variables, authorization: bearer }, { ts: 1764400000000, nonce }).sig).toBe(expected);
  });

  it('a fresh signature is accepted once; the same nonce again is a replay', () => {
    const cache = new ReplayCache();
    const signed = request('leuven');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed, bearer, cache)).toBe('ok');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed, bearer, cache)).toBe('replayed');
  });

  it('refused outside five minutes either way, under another token, with other variables, for another subgraph', () => {
    const cache = new ReplayCache();
    const now = Date.now();
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('leuven', { ts: now - SIGNATURE_WINDOW_MS - 1 }), bearer, cache, now)).toBe('outside-window');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('leuven', { ts: now + SIGNATURE_WINDOW_MS + 1 }), bearer, cache, now)).toBe('outside-window');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('leuven', { ts: now - SIGNATURE_WINDOW_MS + 1000 }), bearer, cache, now)).toBe('ok');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('leuven'), 'Bearer x.y.z', cache)).toBe('invalid');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('leuven'), null, cache)).toBe('invalid');
    const other = { ...request('leuven', { variables: { id: 'a' } }), variables: { id: 'b' } };
    expect(verifySubgraphSignature(leuvenKey, 'leuven', other, bearer, cache)).toBe('invalid');
    // Münster's key cannot sign for Leuven, and a Leuven signature is not valid at Münster.
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request('muenster'), bearer, cache)).toBe('invalid');
    expect(verifySubgraphSignature(subgraphSigningKey(SECRET, 'muenster'), 'muenster', request('leuven'), bearer, cache)).toBe('invalid');
    expect(subgraphSigningKey(SECRET, 'leuven')).not.toBe(subgraphSigningKey(SECRET, 'muenster'));
  });

  it('a full cache refuses as overloaded (503 SOURCE_UNAVAILABLE), never as a bad signature', () => {
    const check = gatewaySignatureCheck(leuvenKey, 'leuven', new ReplayCache(1));
    expect(() => check(request('leuven'), bearer)).not.toThrow();
    expect(() => check(request('leuven'), bearer)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE' }) }));
    expect(() => check({ query }, bearer)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('missing, malformed and old-style signatures are refused', () => {
    const cache = new ReplayCache();
    expect(verifySubgraphSignature(leuvenKey, 'leuven', { query }, bearer, cache)).toBe('missing');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', { query, extensions: { 'hmac-signature': 'abc' } }, bearer, cache)).toBe('missing');
    const signed = request('leuven');
    const bad = (patch: Record<string, unknown>) => ({ ...signed, extensions: { [SIGNATURE_EXTENSION]: { ...signed.extensions[SIGNATURE_EXTENSION], ...patch } } });
    for (const patch of [{ v: 2 }, { ts: 'now' }, { nonce: 'short' }, { nonce: 'x'.repeat(65) }, { sig: 42 }, { sig: 'AAAA' }]) {
      expect(verifySubgraphSignature(leuvenKey, 'leuven', bad(patch), bearer, cache)).toBe('invalid');
    }
    // None of those used up the genuine nonce.
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed, bearer, cache)).toBe('ok');
  });

  it('the replay cache is bounded: expired nonces make room, live ones are never forgotten', () => {
    const cache = new ReplayCache(3, 1000);
    expect([cache.admit('n1', 0, 0), cache.admit('n2', 0, 0), cache.admit('n3', 500, 0)]).toEqual(['ok', 'ok', 'ok']);
    // Full of live nonces: refused rather than forgetting one.
    expect(cache.admit('n4', 0, 10)).toBe('full');
    expect(cache.admit('n1', 0, 10)).toBe('replayed');
    // n1 and n2 expire at 1000; n3 at 1500.
    expect(cache.admit('n4', 1000, 1200)).toBe('ok');
    expect(cache.size).toBe(2);
    expect(cache.admit('n3', 500, 1200)).toBe('replayed');
  });
});
