import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases } from '../support/hub.js';
import { startHub } from '../../scripts/lib/hub.js';
import { freePort } from '../support/ports.js';
import { planDemoCohort } from '../../scripts/lib/demo-cohort.js';
import { createServer, type Server } from 'node:http';

/** Spans received by a stand-in OpenTelemetry collector (OTLP/HTTP, JSON), by service. */
interface ReceivedSpan {
  service: string;
  traceId: string;
  name: string;
  attributes: Record<string, unknown>;
}

async function startCollector(): Promise<{ url: string; spans: ReceivedSpan[]; stop(): Promise<void> }> {
  const spans: ReceivedSpan[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as any;
        for (const rs of body.resourceSpans ?? []) {
          const service = rs.resource?.attributes?.find((a: any) => a.key === 'service.name')?.value?.stringValue ?? '?';
          for (const ss of rs.scopeSpans ?? [])
            for (const span of ss.spans ?? [])
              spans.push({ service, traceId: span.traceId, name: span.name, attributes: Object.fromEntries((span.attributes ?? []).map((a: any) => [a.key, Object.values(a.value ?? {})[0]])) });
        }
      } catch {
        // not JSON: ignored
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  const port = await freePort();
  await new Promise<void>((r) => server.listen(port, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${port}`, spans, stop: () => new Promise((r) => server.close(() => r())) };
}

/**
 * Fault injection on the hub as it runs (five supervised processes, the demo cohort): a subgraph
 * killed with SIGKILL under load is restarted by the supervisor; a frozen one (SIGSTOP) costs a
 * query at most the gateway's deadline, its fields SOURCE_TIMEOUT and the rest complete; health
 * and readiness say which part is down; request ids and bounded logs. Counts and codes only,
 * never timings.
 */
const DEADLINE_MS = 3_000;
const STUDENTS = `query Cohort { students(limit: 100) { total items { id familyName
  leuven { creditsEarned } muenster { creditsEarned } ttu { creditsEarned } } } }`;

describe('operations: supervision, deadlines, health and logs under faults', () => {
  let hub: RunningHub;
  let token: string;
  let gatewayBase: string;
  let metricsPort: number;
  let collector: Awaited<ReturnType<typeof startCollector>>;
  const lines: { name: string; line: string }[] = [];
  const events: string[] = [];
  const plans = planDemoCohort();

  const call = async (query: string, headers: Record<string, string> = {}) => {
    const res = await fetch(hub.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
      body: JSON.stringify({ query }),
    });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const readiness = async () => {
    const res = await fetch(`${gatewayBase}/readiness`);
    return { status: res.status, body: (await res.json()) as any };
  };
  const until = async (check: () => boolean | Promise<boolean>, ms = 120_000) => {
    const end = Date.now() + ms;
    while (!(await check())) {
      if (Date.now() > end) throw new Error('condition not reached in time');
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const linesOf = (requestId: string) => lines.filter((l) => l.line.includes(`"requestId":"${requestId}"`));

  beforeAll(async () => {
    const ports = { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort(), metrics: await freePort() };
    metricsPort = ports.metrics;
    collector = await startCollector();
    hub = await startHub({
      databases: await freshHubDatabases('ops'),
      ports,
      seed: 'demo',
      mode: 'test',
      env: { GATEWAY_SUBGRAPH_TIMEOUT_MS: String(DEADLINE_MS), LOG_LEVEL: 'info', OTEL_EXPORTER_OTLP_ENDPOINT: collector.url, OTEL_BSP_SCHEDULE_DELAY: '200' },
      supervision: { baseDelayMs: 200 },
      log: (l) => events.push(l),
      output: (name, line) => lines.push({ name, line }),
    });
    token = await hub.token('coordinator');
    gatewayBase = hub.gatewayUrl.replace(/\/graphql$/, '');
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await collector?.stop();
  });

  it('one federated query yields one OpenTelemetry trace spanning the gateway and every subgraph it touched', async () => {
    const { body } = await call(STUDENTS, { 'x-request-id': 'ops-otel-0001' });
    expect(body.errors).toBeUndefined();
    const subgraphSpans = () => collector.spans.filter((s) => s.attributes['pioneer.request_id'] === 'ops-otel-0001');
    await until(() => new Set(subgraphSpans().map((s) => s.service)).size === 4, 30_000);
    const traceIds = new Set(subgraphSpans().map((s) => s.traceId));
    expect(traceIds.size).toBe(1);
    const [traceId] = [...traceIds];
    await until(() => collector.spans.some((s) => s.traceId === traceId && s.service === 'gateway'), 30_000);
    const services = new Set(collector.spans.filter((s) => s.traceId === traceId).map((s) => s.service));
    expect(services).toEqual(new Set(['gateway', 'leuven', 'muenster', 'ttu', 'consortium']));
    // No operation text (it may hold personal data inline), signature or token in a span.
    const exported = collector.spans.filter((s) => s.traceId === traceId);
    expect(exported.some((s) => 'graphql.document' in s.attributes)).toBe(false);
    expect(JSON.stringify(exported)).not.toMatch(/hmac-signature|pioneer-signature|v=2;ts=|Bearer |familyName/);
  });

  it('liveness and readiness: every subgraph and the gateway ready, each subgraph reporting its database', async () => {
    for (const url of Object.values(hub.subgraphUrls)) {
      const live = await fetch(new URL('health/live', url));
      expect(live.status).toBe(200);
      const ready = await fetch(new URL('health/ready', url));
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ status: 'ready', database: 'up' });
    }
    expect((await fetch(`${gatewayBase}/healthcheck`)).status).toBe(200);
    const r = await readiness();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ status: 'ready', subgraphs: { leuven: { status: 'ready' }, muenster: { status: 'ready' }, ttu: { status: 'ready' }, consortium: { status: 'ready' } } });
  });

  it('one request id from the gateway into every subgraph and back; an unacceptable one is replaced', async () => {
    const { headers, body } = await call(STUDENTS, { 'x-request-id': 'ops-trace-0001' });
    expect(body.errors).toBeUndefined();
    expect(headers.get('x-request-id')).toBe('ops-trace-0001');
    await until(() => new Set(linesOf('ops-trace-0001').map((l) => l.name)).size === 5, 10_000);
    const logged = linesOf('ops-trace-0001');
    expect(new Set(logged.map((l) => l.name))).toEqual(new Set(['gateway', 'leuven', 'muenster', 'ttu', 'consortium']));
    for (const l of logged) expect(() => JSON.parse(l.line)).not.toThrow();
    const bad = await call('{ __typename }', { 'x-request-id': 'x'.repeat(65) });
    expect(bad.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('no token, signature, request body or personal data in any log line', async () => {
    const student = plans[0]!;
    await call(`{ student(id: "${student.id}") { familyName leuven { studentNumber } } }`, { 'x-request-id': 'ops-private-0001' });
    await until(() => linesOf('ops-private-0001').length >= 2, 10_000);
    const all = lines.map((l) => l.line).join('\n');
    expect(all).not.toContain(token);
    expect(all).not.toMatch(/Bearer |hmac-signature|pioneer-signature|v=2;ts=|authorization/i);
    expect(all).not.toContain(student.id);
    expect(all).not.toContain(student.familyName);
    expect(all).not.toMatch(/students\(limit|"query":|"variables":/);
  });

  it('kill -9 of a university under load: its fields SOURCE_UNAVAILABLE meanwhile, the rest complete, the supervisor restarts it', async () => {
    const before = hub.pids().muenster;
    let stop = false;
    const outcomes: { ok: number; degraded: number; other: string[] } = { ok: 0, degraded: 0, other: [] };
    const worker = async () => {
      while (!stop) {
        const { body } = await call(STUDENTS);
        const items = body.data?.students?.items ?? [];
        if (!body.errors && items.length === plans.length) outcomes.ok += 1;
        else if (
          items.length === plans.length &&
          items.every((s: any) => s.leuven && s.ttu && s.muenster === null) &&
          body.errors.every((e: any) => e.extensions.code === 'SOURCE_UNAVAILABLE' && e.extensions.details.subgraph === 'muenster')
        )
          outcomes.degraded += 1;
        else outcomes.other.push(JSON.stringify(body.errors?.[0] ?? body).slice(0, 300));
      }
    };
    const load = [worker(), worker(), worker()];
    await until(() => outcomes.ok >= 3);
    hub.signal('muenster', 'SIGKILL');
    await until(() => events.some((e) => /^muenster back up/.test(e)));
    const okAfterRestart = outcomes.ok;
    await until(() => outcomes.ok >= okAfterRestart + 3);
    stop = true;
    await Promise.all(load);
    expect(events.find((e) => e.startsWith('muenster killed by SIGKILL'))).toMatch(/restarting in \d+ ms \(crash 1 of at most 5/);
    expect(hub.restarts().muenster).toBe(1);
    expect(hub.pids().muenster).not.toBe(before);
    expect(outcomes.other).toEqual([]);
    expect((await readiness()).status).toBe(200);
  });

  it('a frozen university (SIGSTOP) costs a query at most the deadline: its fields SOURCE_TIMEOUT, the rest complete; readiness 503 naming it', async () => {
    hub.signal('ttu', 'SIGSTOP');
    try {
      const { status, headers, body } = await call(STUDENTS, { 'x-request-id': 'ops-frozen-0001' });
      expect(status).toBe(200);
      const items = body.data.students.items;
      expect(items).toHaveLength(plans.length);
      expect(items.every((s: any) => s.ttu === null && s.leuven !== null && s.muenster !== null)).toBe(true);
      expect(new Set(body.errors.map((e: any) => e.extensions.code))).toEqual(new Set(['SOURCE_TIMEOUT']));
      expect(body.errors[0].extensions.details).toEqual({ subgraph: 'ttu', retryable: true });
      expect(headers.get('x-request-id')).toBe('ops-frozen-0001');
      // Logged once, bounded: one request line naming ttu, not one entry per student.
      await until(() => linesOf('ops-frozen-0001').some((l) => l.name === 'gateway' && l.line.includes('"msg":"request')), 10_000);
      const logged = linesOf('ops-frozen-0001').filter((l) => l.name === 'gateway');
      expect(logged.length).toBeLessThanOrEqual(3);
      expect(logged.reduce((n, l) => n + l.line.length, 0)).toBeLessThan(2_000);
      expect(logged.find((l) => l.line.includes('"msg":"request'))!.line).toContain('"failedSubgraphs":["ttu"]');
      const r = await readiness();
      expect(r.status).toBe(503);
      expect(r.body.status).toBe('not ready');
      expect(r.body.subgraphs.ttu).toEqual({ status: 'down', reason: 'timeout' });
      expect(r.body.subgraphs.leuven).toEqual({ status: 'ready' });
    } finally {
      hub.signal('ttu', 'SIGCONT');
    }
    await until(async () => (await readiness()).status === 200);
    expect((await call(STUDENTS)).body.errors).toBeUndefined();
    // A freeze is not a crash: nothing was restarted.
    expect(hub.restarts().ttu).toBe(0);
  });

  it('a request that fails as a whole because a source is out answers 503 with Retry-After', async () => {
    await hub.stopProcess('leuven');
    try {
      const { status, headers, body } = await call('{ leuvenCourses { code } }');
      expect(status).toBe(503);
      expect(headers.get('retry-after')).toBe('5');
      expect(body.errors[0].extensions).toEqual({ code: 'SOURCE_UNAVAILABLE', details: { subgraph: 'leuven' } });
      expect((await readiness()).body.subgraphs.leuven).toEqual({ status: 'down', reason: 'not answering' });
    } finally {
      await hub.startProcess('leuven');
    }
    expect((await call('{ leuvenCourses { code } }')).status).toBe(200);
  });

  it('Prometheus metrics on their own port: requests, errors and latency per operation and per subgraph', async () => {
    await call(STUDENTS);
    const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
    expect(text).toMatch(/graphql_envelop_request_duration_count\{[^}]*operationName="Cohort"[^}]*\} \d+/);
    expect(text).toMatch(/graphql_gateway_subgraph_execute_duration_count\{[^}]*subgraphName="ttu"[^}]*\} \d+/);
    // Münster's errors while it was killed, counted per subgraph.
    expect(text).toMatch(/graphql_gateway_subgraph_execute_errors\{[^}]*subgraphName="muenster"[^}]*\} [1-9]\d*/);
    expect(text).toMatch(/process_resident_memory_bytes \d+/);
    // Not on the public endpoint.
    expect((await fetch(`${gatewayBase}/metrics`)).status).not.toBe(200);
  });
});
