import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ReplayCache, SIGNATURE_HEADER, SIGNATURE_WINDOW_MS, gatewaySignatureCheck, signSubgraphBody, signedSubgraphRequest, subgraphSigningKey, verifySubgraphSignature } from './gateway-signature.js';

const SECRET = 'gateway-secret-gateway-secret-gateway-secret';
const query = '{ leuvenCourses { code } }';
const bearer = 'Bearer a.b.c';
const body = JSON.stringify({ query });

function signed(subgraph: string, options: { ts?: number; nonce?: string; body?: string; authorization?: string | null } = {}) {
  return signSubgraphBody(subgraphSigningKey(SECRET, subgraph), subgraph, options.body ?? body, options.authorization === undefined ? bearer : options.authorization, options);
}

// Issue 11 item 5: signatures carry time and a nonce, are bound to one subgraph and one token.
// Issue 16: they cover the body's bytes as sent, so neither side serializes a request again.
describe('subgraph request signatures', () => {
  const leuvenKey = subgraphSigningKey(SECRET, 'leuven');

  it('signs the documented text: v2, subgraph, time, nonce, SHA-256 of the Authorization header, one per line, then the body as sent', () => {
    const sent = JSON.stringify({ query, variables: { r: [{ __typename: 'Student', id: 'x', courses: [{ score: null, title: 'Ökonomie – 経済' }] }] } });
    const nonce = 'nonce-0123456789abcdef';
    const authHash = createHash('sha256').update(bearer).digest('base64url');
    const text = ['pioneer-subgraph-request:v2', 'leuven', '1764400000000', nonce, authHash, sent].join('\n');
    const expected = createHmac('sha256', leuvenKey).update(Buffer.from(text, 'utf8')).digest('base64');
    expect(signSubgraphBody(leuvenKey, 'leuven', sent, bearer, { ts: 1764400000000, nonce })).toBe(`v=2;ts=1764400000000;nonce=${nonce};sig=${expected}`);
    // The same bytes as a Buffer (what the subgraph reads) verify.
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signSubgraphBody(leuvenKey, 'leuven', sent, bearer), Buffer.from(sent, 'utf8'), bearer, new ReplayCache())).toBe('ok');
  });

  it('signedSubgraphRequest: the JSON body and its headers, which verify', () => {
    const request = signedSubgraphRequest(leuvenKey, 'leuven', { query, variables: { id: 'a' }, authorization: bearer });
    expect(JSON.parse(request.body)).toEqual({ query, variables: { id: 'a' } });
    expect(request.headers).toMatchObject({ 'content-type': 'application/json', authorization: bearer });
    expect(verifySubgraphSignature(leuvenKey, 'leuven', request.headers[SIGNATURE_HEADER], request.body, bearer, new ReplayCache())).toBe('ok');
  });

  it('a fresh signature is accepted once; the same nonce again is a replay', () => {
    const cache = new ReplayCache();
    const header = signed('leuven');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', header, body, bearer, cache)).toBe('ok');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', header, body, bearer, cache)).toBe('replayed');
  });

  it('refused outside five minutes either way, under another token, over another body (one byte, or the same JSON spelt otherwise), for another subgraph', () => {
    const cache = new ReplayCache();
    const now = Date.now();
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven', { ts: now - SIGNATURE_WINDOW_MS - 1 }), body, bearer, cache, now)).toBe('outside-window');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven', { ts: now + SIGNATURE_WINDOW_MS + 1 }), body, bearer, cache, now)).toBe('outside-window');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven', { ts: now - SIGNATURE_WINDOW_MS + 1000 }), body, bearer, cache, now)).toBe('ok');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven'), body, 'Bearer x.y.z', cache)).toBe('invalid');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven'), body, null, cache)).toBe('invalid');
    const withVariables = JSON.stringify({ query, variables: { id: 'a' } });
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven', { body: withVariables }), withVariables.replace('"a"', '"b"'), bearer, cache)).toBe('invalid');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven', { body: withVariables }), JSON.stringify({ variables: { id: 'a' }, query }), bearer, cache)).toBe('invalid');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('leuven'), `${body} `, bearer, cache)).toBe('invalid');
    // Münster's key cannot sign for Leuven, and a Leuven signature is not valid at Münster.
    expect(verifySubgraphSignature(leuvenKey, 'leuven', signed('muenster'), body, bearer, cache)).toBe('invalid');
    expect(verifySubgraphSignature(subgraphSigningKey(SECRET, 'muenster'), 'muenster', signed('leuven'), body, bearer, cache)).toBe('invalid');
    expect(subgraphSigningKey(SECRET, 'leuven')).not.toBe(subgraphSigningKey(SECRET, 'muenster'));
  });

  it('a full cache refuses as overloaded (503 SOURCE_UNAVAILABLE), never as a bad signature', () => {
    const check = gatewaySignatureCheck(leuvenKey, 'leuven', new ReplayCache(1));
    expect(() => check(signed('leuven'), body, bearer)).not.toThrow();
    expect(() => check(signed('leuven'), body, bearer)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'SOURCE_UNAVAILABLE' }) }));
    expect(() => check(undefined, body, bearer)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'UNAUTHENTICATED' }) }));
  });

  it('missing, malformed and old-style signatures are refused', () => {
    const cache = new ReplayCache();
    expect(verifySubgraphSignature(leuvenKey, 'leuven', undefined, body, bearer, cache)).toBe('missing');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', '', body, bearer, cache)).toBe('missing');
    const header = signed('leuven');
    const [, ts, nonce, sig] = /^v=2;ts=(\d+);nonce=([^;]+);sig=(.+)$/.exec(header)!;
    const malformed = [
      header.replace('v=2', 'v=1'),
      `v=2;ts=now;nonce=${nonce};sig=${sig}`,
      `v=2;ts=${ts};nonce=short;sig=${sig}`,
      `v=2;ts=${ts};nonce=${'x'.repeat(65)};sig=${sig}`,
      `v=2;ts=${ts};nonce=${nonce};sig=AAAA`,
      `v=2;ts=${ts};nonce=${nonce};sig=${sig};extra=1`,
      ` ${header}`,
      // Version 1 carried its signature in the body's extensions as JSON: not a header value.
      JSON.stringify({ v: 1, ts: Number(ts), nonce, sig }),
    ];
    for (const bad of malformed) expect(verifySubgraphSignature(leuvenKey, 'leuven', bad, body, bearer, cache)).toBe('invalid');
    // None of those used up the genuine nonce.
    expect(verifySubgraphSignature(leuvenKey, 'leuven', header, body, bearer, cache)).toBe('ok');
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
