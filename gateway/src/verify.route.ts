import type { IncomingMessage, ServerResponse } from 'node:http';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { ErrorCode } from '@pioneer/shared/errors';

/**
 * GET /verify/<document number>: the public check of an issued document (no token). An
 * employer holding a PDF compares its SHA-256 with the one shown here and sees whether it is
 * still valid. A small HTML page, or JSON when the client asks for it (`Accept:
 * application/json`). Nothing about the student but their initials. Rate-limited per client
 * address, because the numbers are sequential and therefore easy to walk through.
 */
export const VERIFY_PATH = /^\/verify\/([^/?#]+)(?:\?(.*))?$/;

type Execute = (body: string, headers: Record<string, string>) => Promise<Response>;

export interface Verification {
  number: string;
  kind: string;
  issuedOn: string;
  status: 'VALID' | 'OUTDATED' | 'REVOKED';
  revokedOn: string | null;
  holderInitials: string;
  pdfSha256: string;
  xmlSha256: string | null;
}

const QUERY = `query($n: String!) { documentVerification(number: $n) { number kind issuedOn status revokedOn holderInitials pdfSha256 xmlSha256 } }`;

const KIND_TEXT: Record<string, string> = {
  DIPLOMA: 'Joint Degree Master’s Diploma',
  DIPLOMA_SUPPLEMENT: 'Diploma Supplement',
  TRANSCRIPT_OF_RECORDS: 'Transcript of Records (§15 (5))',
};
const STATUS_TEXT: Record<Verification['status'], string> = {
  VALID: 'Valid: issued by the PIONEER Academic Committee and not withdrawn.',
  OUTDATED: 'Outdated: a result behind this document has been corrected since it was issued (§21). Ask the holder for the new version.',
  REVOKED: 'Revoked: the Academic Committee has withdrawn this document (§21 (6)).',
};

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1f2933}dt{font-weight:600;margin-top:.6rem}dd{margin:0;word-break:break-all}.VALID{color:#0b6e4f}.OUTDATED{color:#9a6700}.REVOKED,.error{color:#b42318}code{font-size:.9em}</style>
</head><body><h1>PIONEER document verification</h1>${body}
<p><small>PIONEER joint degree: KU Leuven, University of Münster, Tallinn University of Technology. Compare the SHA-256 of the file you hold (e.g. <code>sha256sum file.pdf</code>) with the value above; the PDF also carries the Academic Committee’s digital signature.</small></p>
</body></html>`;
}

function verificationHtml(v: Verification): string {
  return page(
    `${v.number}: ${v.status}`,
    `<p class="${v.status}"><strong>${escapeHtml(STATUS_TEXT[v.status])}</strong></p>
<dl><dt>Document number</dt><dd>${escapeHtml(v.number)}</dd>
<dt>Kind</dt><dd>${escapeHtml(KIND_TEXT[v.kind] ?? v.kind)}</dd>
<dt>Issued on</dt><dd>${escapeHtml(v.issuedOn)}</dd>
${v.revokedOn ? `<dt>Revoked on</dt><dd>${escapeHtml(v.revokedOn)}</dd>` : ''}
<dt>Holder’s initials</dt><dd>${escapeHtml(v.holderInitials)}</dd>
<dt>SHA-256 of the PDF as issued</dt><dd><code>${escapeHtml(v.pdfSha256)}</code></dd>
${v.xmlSha256 ? `<dt>SHA-256 of the ELMO XML as issued</dt><dd><code>${escapeHtml(v.xmlSha256)}</code></dd>` : ''}</dl>`,
  );
}

const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.UNKNOWN_DOCUMENT]: 404,
  [ErrorCode.SOURCE_UNAVAILABLE]: 503,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

function wantsJson(req: IncomingMessage, query: string | undefined): boolean {
  if (query && new URLSearchParams(query).get('format') === 'json') return true;
  const accept = req.headers.accept ?? '';
  return /application\/json/.test(accept) && !/text\/html/.test(accept);
}

function answer(res: ServerResponse, json: boolean, status: number, payload: unknown, html: string, extra: Record<string, string> = {}): void {
  const body = json ? JSON.stringify(payload) : html;
  res.writeHead(status, {
    'content-type': json ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
    vary: 'Accept',
    ...extra,
  });
  res.end(body);
}

export function createVerifyRoute(options: { execute: Execute; requestsPerMinute: number }) {
  const limiter = new RateLimiterMemory({ points: options.requestsPerMinute, duration: 60 });
  return async function serveVerification(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = VERIFY_PATH.exec(req.url ?? '');
    const json = wantsJson(req, match?.[2]);
    const fail = (status: number, code: string, message: string, extra: Record<string, string> = {}) =>
      answer(res, json, status, { errors: [{ message, extensions: { code } }] }, page('Not verified', `<p class="error"><strong>${escapeHtml(message)}</strong></p>`), extra);
    if (!match) return fail(404, ErrorCode.NOT_FOUND, 'Not found');
    if (req.method !== 'GET' && req.method !== 'HEAD') return fail(405, ErrorCode.BAD_USER_INPUT, 'Documents are verified with GET', { allow: 'GET, HEAD' });
    try {
      await limiter.consume(req.socket.remoteAddress ?? 'unknown');
    } catch (e) {
      const wait = Math.max(1, Math.ceil(((e as { msBeforeNext?: number }).msBeforeNext ?? 60_000) / 1000));
      return fail(429, ErrorCode.RATE_LIMITED, `Too many verification requests; try again in ${wait} s`, { 'retry-after': String(wait) });
    }
    let number: string;
    try {
      number = decodeURIComponent(match[1]!);
    } catch {
      return fail(400, ErrorCode.BAD_USER_INPUT, 'The document number is not a valid URL component');
    }
    let body: { data?: { documentVerification?: Verification | null } | null; errors?: { message: string; extensions?: { code?: string } }[] };
    try {
      const response = await options.execute(JSON.stringify({ query: QUERY, variables: { n: number } }), { 'content-type': 'application/json' });
      body = (await response.json()) as typeof body;
    } catch {
      return fail(502, ErrorCode.SOURCE_UNAVAILABLE, 'The document could not be checked just now');
    }
    const v = body.data?.documentVerification;
    if (!v) {
      const code = body.errors?.[0]?.extensions?.code ?? ErrorCode.INTERNAL;
      const message = code === ErrorCode.UNKNOWN_DOCUMENT ? `No document ${number} has been issued` : 'The document could not be checked just now';
      return fail(STATUS_OF_CODE[code] ?? 500, code, message);
    }
    answer(res, json, 200, v, verificationHtml(v));
  };
}
