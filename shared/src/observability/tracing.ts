import { context, propagation, SpanKind, SpanStatusCode, trace, type Span, type Tracer } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** Span attributes never exported: an operation's text may carry personal data written inline. */
export const UNEXPORTED_ATTRIBUTES = ['graphql.document'];

/** Drops UNEXPORTED_ATTRIBUTES from a finished span before it is batched for export. */
class RedactingSpanProcessor implements SpanProcessor {
  onStart(): void {}
  onEnd(span: ReadableSpan): void {
    const attributes = span.attributes as Record<string, unknown>;
    for (const key of UNEXPORTED_ATTRIBUTES) delete attributes[key];
  }
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

export interface TracingConfig {
  /** The OTLP/HTTP endpoint (e.g. http://collector:4318); null: no tracing (the default). */
  otlpEndpoint: string | null;
}

export interface Tracing {
  tracer: Tracer;
  shutdown(): Promise<void>;
}

/**
 * OpenTelemetry for one process (the OpenTelemetry Node SDK), exporting spans over OTLP/HTTP to
 * `${otlpEndpoint}/v1/traces`; off (null) unless an endpoint is configured. `exporter` replaces
 * the OTLP exporter (tests use an in-memory one).
 */
export async function startTracing(service: string, config: TracingConfig, exporter?: SpanExporter): Promise<Tracing | null> {
  if (!config.otlpEndpoint && !exporter) return null;
  // Loaded only when tracing is on: the SDK takes seconds to load on a busy machine, and every
  // process would pay for it at each (re)start.
  const [{ NodeSDK }, { OTLPTraceExporter }, { BatchSpanProcessor }] = await Promise.all([
    import('@opentelemetry/sdk-node'),
    import('@opentelemetry/exporter-trace-otlp-http'),
    import('@opentelemetry/sdk-trace-base'),
  ]);
  const sdk = new NodeSDK({
    serviceName: service,
    spanProcessors: [new RedactingSpanProcessor(), new BatchSpanProcessor(exporter ?? new OTLPTraceExporter({ url: `${config.otlpEndpoint!.replace(/\/$/, '')}/v1/traces` }))],
    // Spans are made where they mean something (the gateway's plugin, the subgraph's request span);
    // no automatic instrumentation of every module.
    instrumentations: [],
    autoDetectResources: false,
  });
  sdk.start();
  return { tracer: trace.getTracer(service), shutdown: () => sdk.shutdown() };
}

/**
 * The span of one GraphQL request in a subgraph, a child of the gateway's span whose context
 * arrives in the `traceparent` header (W3C Trace Context).
 */
export function startRequestSpan(tracer: Tracer, headers: Iterable<[string, string]>, name: string): Span {
  const carrier = Object.fromEntries(headers);
  const parent = propagation.extract(context.active(), carrier);
  return tracer.startSpan(name, { kind: SpanKind.SERVER }, parent);
}

export function endRequestSpan(span: Span, attributes: Record<string, string | number>, failed: boolean): void {
  span.setAttributes(attributes);
  if (failed) span.setStatus({ code: SpanStatusCode.ERROR });
  span.end();
}
