import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVerifyRoute, type Verification } from './verify.route.js';

/** GET /verify/<number> with a stand-in for the gateway's GraphQL: negotiation, escaping, codes, the rate limit. */
let server: Server;
let base: string;
const seen: { body: any; headers: Record<string, string> }[] = [];
let answer: () => object = () => ({});
const LIMIT = 8;

beforeAll(async () => {
  const serve = createVerifyRoute({
    requestsPerMinute: LIMIT,
    execute: async (body, headers) => {
      seen.push({ body: JSON.parse(body), headers });
      return new Response(JSON.stringify(answer()), { headers: { 'content-type': 'application/json' } });
    },
  });
  server = createServer((req, res) => void serve(req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

const V: Verification = { number: 'PIONEER-DS-2024-0001', kind: 'DIPLOMA_SUPPLEMENT', issuedOn: '2026-11-25', status: 'VALID', revokedOn: null, holderInitials: 'Y. C. <Ø>.', pdfSha256: 'a'.repeat(64), xmlSha256: 'b'.repeat(64) };

describe('GET /verify/<document number>', () => {
  it('answers JSON when asked, with exactly the public fields, and sends no token', async () => {
    answer = () => ({ data: { documentVerification: V } });
    const res = await fetch(`${base}/verify/PIONEER-DS-2024-0001`, { headers: { accept: 'application/json', authorization: 'Bearer secret' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await res.json()).toEqual(V);
    expect(seen.at(-1)!.headers.authorization).toBeUndefined();
    expect(seen.at(-1)!.body.variables).toEqual({ n: 'PIONEER-DS-2024-0001' });
  });

  it('answers a small HTML page to a browser, escaped', async () => {
    answer = () => ({ data: { documentVerification: { ...V, status: 'REVOKED', revokedOn: '2026-11-27' } } });
    const res = await fetch(`${base}/verify/PIONEER-DS-2024-0001`, { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await res.text();
    expect(html).toContain('Revoked: the Academic Committee has withdrawn this document');
    expect(html).toContain('Y. C. &lt;Ø&gt;.');
    expect(html).toContain('a'.repeat(64));
    expect(html).not.toContain('<Ø>');
  });

  it('an unknown number is 404 UNKNOWN_DOCUMENT; ?format=json also selects JSON', async () => {
    answer = () => ({ data: null, errors: [{ message: 'No issued document', extensions: { code: 'UNKNOWN_DOCUMENT' } }] });
    const res = await fetch(`${base}/verify/PIONEER-DS-2024-9999?format=json`);
    expect(res.status).toBe(404);
    expect((await res.json()).errors[0].extensions.code).toBe('UNKNOWN_DOCUMENT');
  });

  it('refuses more than the configured requests per minute with 429 RATE_LIMITED and Retry-After', async () => {
    answer = () => ({ data: { documentVerification: V } });
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < LIMIT + 2; i++) {
      last = await fetch(`${base}/verify/PIONEER-DS-2024-0001?format=json`);
      statuses.push(last.status);
    }
    // Earlier tests in this file used some of the minute's budget: at most LIMIT answers in all.
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(LIMIT - 3);
    expect(statuses.at(-1)).toBe(429);
    expect(last!.headers.get('retry-after')).toMatch(/^\d+$/);
    expect((await last!.json()).errors[0].extensions.code).toBe('RATE_LIMITED');
  });
});
