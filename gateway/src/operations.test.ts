import { describe, expect, it } from 'vitest';
import { GraphQLError, type ExecutionResult } from 'graphql';
import { Writable } from 'node:stream';
import { createLogger } from '@pioneer/shared/observability';
import { maskGatewayError, outageStatus, rateLimitedStatus } from './coded-errors.plugin.js';
import { BoundedHiveLogWriter } from './logging.js';
import { loadGatewayConfig } from './config.js';
import { generateSigningJwk, publicJwkOf } from '@pioneer/shared/auth';

function memoryLog() {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _e, done) => (lines.push(...chunk.toString().split('\n').filter(Boolean)), done()) });
  return { log: createLogger('gateway', 'info', stream), lines };
}

describe('gateway operations: deadline errors, outage status, bounded logs, configuration', () => {
  it('a subgraph past its deadline becomes SOURCE_TIMEOUT naming the subgraph, not its address', () => {
    const timeout = new GraphQLError('The operation was aborted due to timeout', { path: ['student', 'ttu'], extensions: { code: 'GATEWAY_TIMEOUT', serviceName: 'ttu', http: { status: 504 }, request: { endpoint: 'http://127.0.0.1:4103/' } } });
    const masked = maskGatewayError(timeout, 'Unexpected error.') as GraphQLError;
    expect(masked.message).toBe('The ttu subgraph did not answer in time');
    expect(masked.extensions).toEqual({ code: 'SOURCE_TIMEOUT', details: { subgraph: 'ttu', retryable: true } });
    expect(masked.path).toEqual(['student', 'ttu']);
  });

  it('a request with no data only because of outages gets HTTP 503 and Retry-After; a partial answer does not', () => {
    const plugin = outageStatus(5);
    const run = (result: ExecutionResult) => {
      let set: ExecutionResult | null = null;
      plugin.onResultProcess({ result, setResult: (r) => (set = r) });
      return set as ExecutionResult | null;
    };
    const outage = (code: string) => new GraphQLError('down', { extensions: { code } });
    const whole = run({ data: null, errors: [outage('DATABASE_UNAVAILABLE'), outage('SOURCE_TIMEOUT')] });
    expect(whole!.errors!.map((e) => e.extensions.http)).toEqual([
      { status: 503, headers: { 'retry-after': '5' } },
      { status: 503, headers: { 'retry-after': '5' } },
    ]);
    expect(run({ data: { student: { leuven: {}, ttu: null } }, errors: [outage('SOURCE_UNAVAILABLE')] })).toBeNull();
    expect(run({ data: null, errors: [outage('SOURCE_UNAVAILABLE'), outage('FORBIDDEN')] })).toBeNull();
  });

  it('a request refused as a whole because its caller is over a limit gets HTTP 429 with the longest Retry-After; a partial answer does not', () => {
    const plugin = rateLimitedStatus();
    const run = (result: ExecutionResult) => {
      let set: ExecutionResult | null = null;
      plugin.onResultProcess({ result, setResult: (r) => (set = r) });
      return set as ExecutionResult | null;
    };
    const limited = (retryAfter: number) => new GraphQLError('too many', { extensions: { code: 'RATE_LIMITED', details: { retryAfter } } });
    const whole = run({ data: null, errors: [limited(3), limited(41)] });
    expect(whole!.errors!.map((e) => e.extensions.http)).toEqual([
      { status: 429, headers: { 'retry-after': '41' } },
      { status: 429, headers: { 'retry-after': '41' } },
    ]);
    expect(whole!.errors!.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(run({ data: { student: { currentRecord: null } }, errors: [limited(3)] })).toBeNull();
    expect(run({ data: null, errors: [limited(3), new GraphQLError('no', { extensions: { code: 'FORBIDDEN' } })] })).toBeNull();
  });

  it("Hive Gateway's own log lines: bounded, without their attributes, each at most once per request", () => {
    const { log, lines } = memoryLog();
    const writer = new BoundedHiveLogWriter(log);
    const attrs = { requestId: 'r-1', subgraph: 'muenster', request: { body: '{"query":"…","variables":{"id":"21c23189"}}', headers: { authorization: 'Bearer secret' } } };
    for (let i = 0; i < 36; i++) writer.write('error', attrs, `Failed to fetch ${'x'.repeat(500)}`);
    writer.write('error', { ...attrs, requestId: 'r-2' }, 'Failed to fetch');
    expect(lines).toHaveLength(2);
    const first = JSON.parse(lines[0]!);
    expect(first).toMatchObject({ level: 50, requestId: 'r-1', subgraph: 'muenster', source: 'hive-gateway' });
    expect(first.msg.length).toBeLessThanOrEqual(201);
    expect(lines.join('\n')).not.toMatch(/Bearer|21c23189|variables/);
  });

  it('the deadline and the metrics port come from the environment, validated', async () => {
    const base = { SUBGRAPH_SIGNING_SECRET: 'test-secret-test-secret-test-secret-00', AUTH_JWKS: JSON.stringify({ keys: [publicJwkOf(await generateSigningJwk())] }) };
    expect(loadGatewayConfig(base as never).subgraphTimeoutMs).toBe(15_000);
    expect(loadGatewayConfig(base as never).metricsPort).toBeNull();
    expect(loadGatewayConfig({ ...base, GATEWAY_SUBGRAPH_TIMEOUT_MS: '2500', GATEWAY_METRICS_PORT: '9464' } as never)).toMatchObject({ subgraphTimeoutMs: 2500, metricsPort: 9464 });
    expect(() => loadGatewayConfig({ ...base, GATEWAY_SUBGRAPH_TIMEOUT_MS: '2.5s' } as never)).toThrow(/GATEWAY_SUBGRAPH_TIMEOUT_MS: expected a whole number/);
    expect(() => loadGatewayConfig({ ...base, GATEWAY_SUBGRAPH_TIMEOUT_MS: '10' } as never)).toThrow(/outside 100-600000/);
  });
});
