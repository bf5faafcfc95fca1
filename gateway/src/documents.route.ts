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
  [ErrorCode.SOURCE_TIMEOUT]: 503,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.BAD_USER_INPUT]: 400,
};

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** GET /students/<studentId>/current-record.pdf or .xml: the in-progress transcript, made now, not stored. */
export const CURRENT_RECORD_PATH = /^\/students\/([^/?#]+)\/current-record\.(pdf|xml)(?:\?.*)?$/;

type Found = { name: string; etag: string | null; pdfBase64?: string | null; xmlBase64?: string | null };

/** What each downloadable path asks the gateway, and how the answer becomes bytes. */
const ROUTES: { path: RegExp; query: (format: 'pdf' | 'xml') => string; variables: (id: string) => Record<string, unknown>; found: (data: any, id: string) => Found | null }[] = [
  {
    path: DOCUMENT_PATH,
    query: (format) => `query($id: String!) { issuedDocument(id: $id) { kind version pdfSha256 xmlSha256 ${format === 'pdf' ? 'pdfBase64' : 'xmlBase64'} } }`,
    variables: (id) => ({ id }),
    found: (data, id) => {
      const doc = data?.issuedDocument;
      return doc ? { name: `${doc.kind.toLowerCase().replace(/_/g, '-')}-v${doc.version}-${id}`, etag: doc.pdfBase64 !== undefined ? doc.pdfSha256 : doc.xmlSha256, pdfBase64: doc.pdfBase64, xmlBase64: doc.xmlBase64 } : null;
    },
  },
  {
    path: CURRENT_RECORD_PATH,
    query: (format) => `query($id: String!, $asOf: String!) { student(id: $id) { currentRecord(asOf: $asOf) { ${format === 'pdf' ? 'pdfBase64' : 'xmlBase64'} } } }`,
    // The date printed on it is today's (UTC), like the record it shows.
    variables: (id) => ({ id, asOf: new Date().toISOString().slice(0, 10) }),
    found: (data, id) => {
      const doc = data?.student?.currentRecord;
      return doc ? { name: `current-record-${id}`, etag: null, pdfBase64: doc.pdfBase64, xmlBase64: doc.xmlBase64 } : null;
    },
  },
];

/**
 * Runs a GraphQL query through this gateway itself, with the caller's Authorization header, so
 * the download obeys the same access rules and the subgraph request is signed like any other;
 * then returns the bytes with their content type. Errors are the coded JSON errors of the API,
 * with an HTTP status (404 unknown document or format, 401/403 access).
 */
export async function serveDocument(req: IncomingMessage, res: ServerResponse, execute: Execute): Promise<void> {
  const route = ROUTES.find((r) => r.path.test(req.url ?? ''));
  const match = route?.path.exec(req.url ?? '');
  if (!route || !match) return refuse(res, 404, ErrorCode.NOT_FOUND, 'Not found');
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('allow', 'GET, HEAD');
    return refuse(res, 405, ErrorCode.BAD_USER_INPUT, 'Documents are downloaded with GET');
  }
  const [, rawId, format] = match as unknown as [string, string, 'pdf' | 'xml'];
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return refuse(res, 400, ErrorCode.BAD_USER_INPUT, 'The id is not a valid URL component');
  }
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (typeof req.headers.authorization === 'string') headers.authorization = req.headers.authorization;
  let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
  try {
    const response = await execute(JSON.stringify({ query: route.query(format), variables: route.variables(id) }), headers);
    body = (await response.json()) as typeof body;
  } catch {
    return refuse(res, 502, ErrorCode.SOURCE_UNAVAILABLE, 'The document could not be read');
  }
  const doc = route.found(body.data, id);
  if (!doc) {
    const error = body.errors?.[0];
    const code = error?.extensions?.code ?? ErrorCode.INTERNAL;
    return refuse(res, STATUS_OF_CODE[code] ?? 500, code, error?.message ?? 'The document could not be read');
  }
  const content = format === 'pdf' ? doc.pdfBase64 : doc.xmlBase64;
  if (!content) return refuse(res, 404, ErrorCode.DOCUMENT_FORMAT_UNAVAILABLE, `This document has no ${format.toUpperCase()} form`);
  const bytes = Buffer.from(content, 'base64');
  res.writeHead(200, {
    'content-type': format === 'pdf' ? 'application/pdf' : 'application/xml; charset=utf-8',
    'content-length': String(bytes.length),
    'content-disposition': `attachment; filename="${doc.name}.${format}"`,
    ...(doc.etag ? { etag: `"${doc.etag}"` } : {}),
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : bytes);
}
