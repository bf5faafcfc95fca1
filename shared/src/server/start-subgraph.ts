import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { ApolloServer, HeaderMap, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import type { Principal, TokenVerifier } from '../auth/index.js';
import { formatError, toClientError } from '../errors/format-error.js';
import { ErrorCode } from '../errors/codes.js';
import { SIGNATURE_HEADER, gatewaySignatureCheck } from './gateway-signature.js';
import { auditMutations, auditTarget, type AuditRecord } from '../audit/audit.plugin.js';
import { runMutationsInAuditScope } from '../audit/audit-scope.js';
import { idempotentMutations, type IdempotencyStore } from '../audit/idempotency.plugin.js';
import { acceptableRequestId, bounded, createLogger, endRequestSpan, startRequestSpan, startTracing, type Logger, type LogLevel } from '../observability/index.js';
import type { Tracer } from '@opentelemetry/api';

export interface SubgraphServerOptions<C extends BaseContext & { principal: Principal | null }> {
  name: string;
  schema: GraphQLSchema;
  host: string;
  port: number;
  /** Builds the per-request context: the principal, a forked EntityManager and fresh DataLoaders. */
  context: (principal: Principal | null, authorization: string | null) => Promise<C> | C;
  /**
   * Verifies the bearer token the gateway forwards: every subgraph authenticates the caller
   * itself (defence in depth), with the same keys as the gateway.
   */
  tokens: TokenVerifier;
  /** Where every attempted mutation is recorded (the subgraph's own database). */
  writeAudit: (entries: AuditRecord[]) => Promise<void>;
  /** Where Idempotency-Keys of mutations are kept (the subgraph's own database); without it the header is ignored. */
  idempotency?: IdempotencyStore;
  introspection?: boolean;
  /**
   * This subgraph's signing key (`subgraphSigningKey(gateway secret, name)`); requests without a
   * fresh gateway signature made with it are refused.
   */
  signingSecret: string;
  /** Readiness: resolves when the subgraph can serve (its database answers). */
  checkReady?: () => Promise<void>;
  /** LOG_LEVEL and OTEL_EXPORTER_OTLP_ENDPOINT (shared/src/config readObservability). */
  observability?: { logLevel: LogLevel; otlpEndpoint: string | null };
  /** The process's logger (tests pass one writing to memory); else a pino logger on stdout. */
  logger?: Logger;
}

export interface RunningSubgraph {
  name: string;
  url: string;
  stop(): Promise<void>;
}

/** Largest request body a subgraph reads; the gateway bounds client bodies far below this. */
const MAX_BODY_BYTES = 10_000_000;
/** A readiness probe answers within this, whatever the database does. */
const READY_TIMEOUT_MS = 2_000;
export const REQUEST_ID_HEADER = 'x-request-id';

/** The driver's own words without the SQL MikroORM prefixes them with (SQL may hold personal data). */
function safeCause(error: unknown): Record<string, unknown> {
  const e = (error instanceof GraphQLError && error.originalError ? error.originalError : error) as { name?: string; code?: string; message?: string; stack?: string } | null;
  const message = String(e?.message ?? '');
  const own = e?.code ? message.split(' - ').at(-1)! : message;
  return { name: e?.name, code: e?.code, message: bounded(own), at: e?.stack?.split('\n').slice(1, 4).map((l) => l.trim()) };
}

/**
 * One JSON log line per request (request id, operation, duration, status, error codes), the
 * real cause of an internal error logged once with the request id, and the request's span when
 * tracing is on. Never the query, variables, token or signature.
 */
function observeRequests<C extends BaseContext>(log: Logger, tracer: Tracer | null): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ request }) {
      const began = performance.now();
      const requestId = request.http?.headers.get(REQUEST_ID_HEADER) ?? null;
      const span = tracer && request.http ? startRequestSpan(tracer, request.http.headers, 'graphql') : null;
      return {
        async didEncounterErrors({ errors }) {
          for (const error of errors) {
            if (toClientError(error).code === ErrorCode.INTERNAL) log.error({ requestId, err: safeCause(error) }, 'internal error');
          }
        },
        async willSendResponse({ response, operation, operationName, errors }) {
          const codes: Record<string, number> = {};
          for (const e of errors ?? []) {
            const code = toClientError(e).code;
            codes[code] = (codes[code] ?? 0) + 1;
          }
          const status = response.http.status ?? 200;
          const entry = { requestId, operation: operationName ?? null, type: operation?.operation ?? null, status, ms: Math.round(performance.now() - began), ...(errors?.length ? { errors: codes } : {}) };
          log.info(entry, 'request');
          if (span) {
            span.updateName(`graphql ${operation?.operation ?? 'request'} ${operationName ?? ''}`.trim());
            endRequestSpan(span, { 'graphql.operation.name': operationName ?? '', 'graphql.operation.type': operation?.operation ?? '', 'pioneer.request_id': requestId ?? '', 'http.status_code': status }, Boolean(errors?.length));
          }
        },
      };
    },
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers });
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A subgraph's HTTP server: GraphQL (Apollo Server) on every path but the probes, liveness at
 * GET /health/live (the process answers) and readiness at GET /health/ready (its database
 * answers; 503 otherwise), the request id taken from the gateway (x-request-id) or made here and
 * sent back.
 */
export async function startSubgraphServer<C extends BaseContext & { principal: Principal | null }>(options: SubgraphServerOptions<C>): Promise<RunningSubgraph> {
  const checkSignature = gatewaySignatureCheck(options.signingSecret, options.name);
  runMutationsInAuditScope(options.schema, options.name, auditTarget);
  const log = options.logger ?? createLogger(options.name, options.observability?.logLevel ?? 'info');
  const tracing = await startTracing(options.name, { otlpEndpoint: options.observability?.otlpEndpoint ?? null });
  const server = new ApolloServer<C>({
    schema: options.schema,
    formatError,
    // Unset: Apollo Server's own rule, off when NODE_ENV=production (the gateway composes from
    // the committed SDL and never introspects a subgraph).
    introspection: options.introspection,
    // The gateway validates against the supergraph first; a subgraph never needs to suggest
    // field names ("Did you mean …") to anyone.
    hideSchemaDetailsFromClientErrors: true,
    includeStacktraceInErrorResponses: false,
    // stopOnSignals (signals.ts) owns SIGINT/SIGTERM; Apollo's own handler would stop twice and re-raise the signal (exit 1).
    stopOnTerminationSignals: false,
    // Timing traces would tell callers about internals; the gateway does not use them.
    plugins: [
      ApolloServerPluginInlineTraceDisabled(),
      // No field has a cache hint and no response is cached; the default plugin's per-field hook
      // made Apollo Server wrap every field resolver, a third of a university's time per page (issue 16).
      ApolloServerPluginCacheControlDisabled(),
      observeRequests<C>(log, tracing?.tracer ?? null),
      auditMutations<C>(options.name, options.writeAudit),
      ...(options.idempotency ? [idempotentMutations<C>(options.idempotency)] : []),
    ],
  });
  await server.start();
  const context = async (req: IncomingMessage): Promise<C> => {
    const header = req.headers.authorization ?? null;
    let principal: Principal | null;
    try {
      principal = await options.tokens.authenticate(header);
    } catch (e) {
      const { message, code } = toClientError(e);
      throw new GraphQLError(message, { extensions: { code, http: { status: 401 } } });
    }
    return options.context(principal, header);
  };
  const ready = async (): Promise<boolean> => {
    if (!options.checkReady) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), READY_TIMEOUT_MS)));
    try {
      await Promise.race([options.checkReady(), timeout]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const [path, search = ''] = (req.url ?? '/').split('?', 2) as [string, string?];
    if (req.method === 'GET' && path === '/health/live') return sendJson(res, 200, { status: 'alive', service: options.name });
    if (req.method === 'GET' && path === '/health/ready') {
      const ok = await ready();
      return sendJson(res, ok ? 200 : 503, { status: ok ? 'ready' : 'not ready', service: options.name, database: ok ? 'up' : 'down' });
    }
    const requestId = acceptableRequestId(req.headers[REQUEST_ID_HEADER] as string | undefined) ?? randomUUID();
    const raw = await readBody(req);
    if (raw === null) return sendJson(res, 413, { errors: [{ message: `A request body may have at most ${MAX_BODY_BYTES} bytes`, extensions: { code: ErrorCode.PAYLOAD_TOO_LARGE } }] });
    // Only the gateway's fresh signatures get in, checked over the body's bytes before anything
    // parses them: an unsigned caller can neither run anything nor write an audit row. The
    // gateway only POSTs; a GET's query, in the address, is not what is signed: refused unread.
    try {
      checkSignature(req.method === 'POST' ? (req.headers[SIGNATURE_HEADER] as string | undefined) : undefined, raw, req.headers.authorization ?? null);
    } catch (e) {
      const refusal = e instanceof GraphQLError ? e : new GraphQLError('Not signed by the gateway', { extensions: { code: ErrorCode.UNAUTHENTICATED, http: { status: 401 } } });
      const status = (refusal.extensions.http as { status?: number } | undefined)?.status ?? 401;
      return sendJson(res, status, { errors: [{ message: refusal.message, extensions: { code: refusal.extensions.code } }] }, { [REQUEST_ID_HEADER]: requestId });
    }
    let body: unknown;
    try {
      const text = raw.toString('utf8');
      body = text && /json/i.test(req.headers['content-type'] ?? '') ? JSON.parse(text) : text || undefined;
    } catch {
      return sendJson(res, 400, { errors: [{ message: 'The request body is not valid JSON', extensions: { code: ErrorCode.BAD_USER_INPUT } }] });
    }
    const headers = new HeaderMap();
    for (const [key, value] of Object.entries(req.headers)) if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    headers.set(REQUEST_ID_HEADER, requestId);
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: (req.method ?? 'GET').toUpperCase(), headers, search: search ? `?${search}` : '', body },
      context: () => context(req),
    });
    for (const [key, value] of response.headers) res.setHeader(key, value);
    res.setHeader(REQUEST_ID_HEADER, requestId);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') return void res.end(response.body.string);
    for await (const chunk of response.body.asyncIterator) res.write(chunk);
    res.end();
  };
  const http = createServer((req, res) => {
    handle(req, res).catch((e) => {
      log.error({ err: safeCause(e) }, 'request failed outside GraphQL');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: ErrorCode.INTERNAL } }] });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, resolve);
  });
  const { port } = http.address() as AddressInfo;
  log.info({ port }, 'listening');
  return {
    name: options.name,
    url: `http://${options.host}:${port}/`,
    stop: async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeIdleConnections();
        // In-flight requests get a moment to finish; a stuck one does not hold the stop.
        setTimeout(() => http.closeAllConnections(), 2_000).unref();
      });
      await server.stop();
      await tracing?.shutdown();
    },
  };
}
