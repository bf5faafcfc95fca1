import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from '@pioneer/shared/errors';

/** GET /documents/<documentId>.pdf or .xml: an issued document's bytes, as issued. */
export const DOCUMENT_PATH = /^\/documents\/([^/?#]+)\.(pdf|xml)(?:\?.*)?$/;

type Execute = (body: string, headers: Record<string, string>) => Promise<Response>;

const STATUS_OF_CODE: Record<string, number> = {
  [ErrorCode.UNKNOWN_DOCUMENT]: 404,
  [ErrorCode.DOCUMENT_FORMAT_UNAVAILABLE]: 404,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.SOURCE_UNAVAILABLE]: 503,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Runs a GraphQL query through this gateway itself, with the caller's Authorization header, so
 * the download obeys the same access rules and the subgraph request is signed like any other;
 * then returns the stored bytes with their content type. Errors are the coded JSON errors of the
 * API, with an HTTP status (404 unknown document or format, 401/403 access).
 */
export async function serveDocument(req: IncomingMessage, res: ServerResponse, execute: Execute): Promise<void> {
  const match = DOCUMENT_PATH.exec(req.url ?? '');
  if (!match) return refuse(res, 404, ErrorCode.NOT_FOUND, 'Not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return refuse(res, 405, ErrorCode.BAD_USER_INPUT, 'Documents are downloaded with GET');
  }
  const [, id, format] = match as unknown as [string, string, 'pdf' | 'xml'];
  const field = format === 'pdf' ? 'pdfBase64' : 'xmlBase64';
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
  let body: { data?: { issuedDocument?: { kind: string; version: number; pdfSha256: string; xmlSha256: string | null; pdfBase64?: string; xmlBase64?: string | null } | null }; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    const response = await execute(
      JSON.stringify({ query: `query($id: String!) { issuedDocument(id: $id) { kind version pdfSha256 xmlSha256 ${field} } }`, variables: { id: decodeURIComponent(id) } }),
      headers,
    );
    body = (await response.json()) as typeof body;
  } catch {
    return refuse(res, 502, ErrorCode.SOURCE_UNAVAILABLE, 'The document could not be read');
  }
  const doc = body.data?.issuedDocument;
  if (!doc) {
    const error = body.errors?.[0];
    const code = error?.extensions?.code ?? ErrorCode.INTERNAL;
    return refuse(res, STATUS_OF_CODE[code] ?? 500, code, error?.message ?? 'The document could not be read');
  }
  const content = doc[field];
  if (!content) return refuse(res, 404, ErrorCode.DOCUMENT_FORMAT_UNAVAILABLE, `This ${doc.kind} has no ${format.toUpperCase()} form`);
  const bytes = Buffer.from(content, 'base64');
  const name = `${doc.kind.toLowerCase().replace(/_/g, '-')}-v${doc.version}-${id}.${format}`;
  res.writeHead(200, {
    'content-type': format === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
    'content-length': String(bytes.length),
    'content-disposition': `attachment; filename="${name}"`,
    etag: `"${format === 'pdf' ? doc.pdfSha256 : doc.xmlSha256}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
