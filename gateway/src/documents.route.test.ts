import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveDocument } from './documents.route.js';

/** The download route with a stand-in for the gateway's GraphQL: what it asks, forwards and answers. */
let server: Server;
let base: string;
const seen: { body: any; headers: Record<string, string> }[] = [];
let answer: () => object = () => ({});

beforeAll(async () => {
  server = createServer((req, res) =>
    void serveDocument(req, res, async (body, headers) => {
      seen.push({ body: JSON.parse(body), headers });
      return new Response(JSON.stringify(answer()), { headers: { 'content-type': 'application/json' } });
    }),
  );
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const ID = '274c6fbd-332e-4388-9db1-0726633cd003';

describe('GET /documents/<id>.pdf|.xml', () => {
  it('asks for the stored bytes of the format, forwarding the caller’s Authorization, and returns them with their type', async () => {
    answer = () => ({ data: { issuedDocument: { kind: 'DIPLOMA_SUPPLEMENT', version: 2, pdfSha256: 'abc', xmlSha256: 'def', pdfBase64: Buffer.from('%PDF-1.3 test').toString('base64') } } });
    const res = await fetch(`${base}/documents/${ID}.pdf`, { headers: { authorization: 'Bearer token-1' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('etag')).toBe('"abc"');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="diploma-supplement-v2-${ID}.pdf"`);
    expect(await res.text()).toBe('%PDF-1.3 test');
    const last = seen.at(-1)!;
    expect(last.headers.authorization).toBe('Bearer token-1');
    expect(last.body.variables).toEqual({ id: ID });
    expect(last.body.query).toContain('pdfBase64');
    expect(last.body.query).not.toContain('xmlBase64');
  });

  it('sends no Authorization when the caller sent none', async () => {
    answer = () => ({ data: { issuedDocument: { kind: 'TRANSCRIPT_OF_RECORDS', version: 1, pdfSha256: 'abc', xmlSha256: 'def', xmlBase64: Buffer.from('<elmo/>').toString('base64') } } });
    const res = await fetch(`${base}/documents/${ID}.xml`);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(await res.text()).toBe('<elmo/>');
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
  });

  it.each([
    ['UNKNOWN_DOCUMENT', 404],
    ['UNAUTHENTICATED', 401],
    ['FORBIDDEN', 403],
    ['SOURCE_UNAVAILABLE', 503],
    ['INTERNAL_SERVER_ERROR', 500],
  ])('maps %s to HTTP %i with the coded error', async (code, status) => {
    answer = () => ({ data: null, errors: [{ message: `m ${code}`, extensions: { code } }] });
    const res = await fetch(`${base}/documents/${ID}.pdf`);
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ errors: [{ message: `m ${code}`, extensions: { code } }] });
  });

  it('a diploma has no XML: 404 DOCUMENT_FORMAT_UNAVAILABLE', async () => {
    answer = () => ({ data: { issuedDocument: { kind: 'DIPLOMA', version: 1, pdfSha256: 'abc', xmlSha256: null, xmlBase64: null } } });
    const res = await fetch(`${base}/documents/${ID}.xml`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe('DOCUMENT_FORMAT_UNAVAILABLE');
  });

  it('refuses other methods and other paths without asking the gateway', async () => {
    const before = seen.length;
    expect((await fetch(`${base}/documents/${ID}.pdf`, { method: 'DELETE' })).status).toBe(405);
    expect((await fetch(`${base}/documents/${ID}.docx`)).status).toBe(404);
    expect(seen.length).toBe(before);
  });
});
