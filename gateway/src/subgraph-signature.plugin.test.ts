import { describe, expect, it } from 'vitest';
import { ReplayCache, SIGNATURE_HEADER, subgraphSigningKey, verifySubgraphSignature } from '@pioneer/shared/server';
import { signSubgraphRequests } from './subgraph-signature.plugin.js';

const SECRET = 'gateway-secret-gateway-secret-gateway-secret';
const URLS = { leuven: 'http://127.0.0.1:4101/', consortium: 'http://127.0.0.1:4104/' };

/** Calls the plugin's onFetch as Hive Gateway does, with the request options it would send. */
function fetchThrough(url: string, options: { body?: unknown; headers?: unknown }, callerAuthorization: string | null = null) {
  const plugin = signSubgraphRequests(SECRET, URLS);
  const context = { request: new Request('http://gateway/graphql', { headers: callerAuthorization ? { authorization: callerAuthorization } : {} }) };
  (plugin.onFetch as (payload: unknown) => void)({ url, options, context, setOptions: () => {}, setURL: () => {}, setFetchFn: () => {}, endResponse: () => {} });
  return options;
}

// Issue 16: the gateway signs the body exactly as its HTTP executor sends it.
describe('the gateway signs each subgraph request over its body as sent', () => {
  const body = JSON.stringify({ query: '{ leuvenCourses { code } }', variables: { r: [{ __typename: 'Student', id: 'x' }] } });

  it('a subgraph request: the header verifies at that subgraph over the same bytes and token, and nowhere else', () => {
    const sent = fetchThrough(URLS.leuven, { body, headers: { 'content-type': 'application/json', authorization: 'Bearer a.b.c' } });
    const header = (sent.headers as Record<string, string>)[SIGNATURE_HEADER];
    expect(header).toMatch(/^v=2;ts=\d+;nonce=[A-Za-z0-9_-]{16,64};sig=/);
    const leuvenKey = subgraphSigningKey(SECRET, 'leuven');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', header, Buffer.from(body), 'Bearer a.b.c', new ReplayCache())).toBe('ok');
    expect(verifySubgraphSignature(leuvenKey, 'leuven', header, Buffer.from(`${body} `), 'Bearer a.b.c', new ReplayCache())).toBe('invalid');
    expect(verifySubgraphSignature(subgraphSigningKey(SECRET, 'consortium'), 'consortium', header, Buffer.from(body), 'Bearer a.b.c', new ReplayCache())).toBe('invalid');
  });

  it("without the header in the request's options yet, the caller's token is signed (propagateHeaders adds the same one)", () => {
    const sent = fetchThrough(URLS.consortium, { body, headers: { 'content-type': 'application/json' } }, 'Bearer caller');
    const header = (sent.headers as Record<string, string>)[SIGNATURE_HEADER];
    expect(verifySubgraphSignature(subgraphSigningKey(SECRET, 'consortium'), 'consortium', header, body, 'Bearer caller', new ReplayCache())).toBe('ok');
  });

  it('headers given as a Headers object are signed into it', () => {
    const headers = new Headers({ authorization: 'Bearer a.b.c' });
    fetchThrough(URLS.leuven, { body, headers });
    expect(verifySubgraphSignature(subgraphSigningKey(SECRET, 'leuven'), 'leuven', headers.get(SIGNATURE_HEADER), body, 'Bearer a.b.c', new ReplayCache())).toBe('ok');
  });

  it('a fetch to any other address is not signed; a body that is not bytes in hand is refused, not sent unsigned', () => {
    const other = fetchThrough('http://elsewhere.invalid/', { body, headers: {} });
    expect(other.headers).toEqual({});
    expect(() => fetchThrough(URLS.leuven, { body: new ReadableStream(), headers: {} })).toThrow(/cannot be signed/);
  });
});
