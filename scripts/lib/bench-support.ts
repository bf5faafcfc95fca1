/**
 * What the benchmarks share: autocannon runs (one body, or a different body per request), Apollo
 * Gateway in its own process as the peer, resident memory per process, percentiles.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { composeSupergraph, repoRoot, readSubgraphSdl, SUBGRAPHS } from '@pioneer/gateway';
import type { RunningHub } from './hub.js';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
}

export interface LoadOptions {
  url: string;
  headers: Record<string, string>;
  connections: number;
  seconds: number;
  /**
   * The body of the n-th request: a function gives every request its own (distinct students); a
   * request already serialized (`{ body, headers }`, a signed one) goes as it is.
   */
  body: object | ((n: number) => object | SerializedRequest);
}

export interface SerializedRequest {
  body: string;
  headers: Record<string, string>;
}
const isSerialized = (x: object): x is SerializedRequest => typeof (x as SerializedRequest).body === 'string' && typeof (x as SerializedRequest).headers === 'object';

export async function load(options: LoadOptions): Promise<LoadResult> {
  let n = 0;
  const { body } = options;
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...options.headers },
    connections: options.connections,
    duration: options.seconds,
    ...(typeof body === 'function'
      ? {
          requests: [
            {
              setupRequest: (req: autocannon.Request) => {
                const next = body(n++);
                return isSerialized(next) ? { ...req, body: next.body, headers: { ...req.headers, ...next.headers } } : { ...req, body: JSON.stringify(next) };
              },
            },
          ],
        }
      : { body: JSON.stringify(body) }),
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx, requests: result.requests.total };
}

/** Resident memory of a process (Linux /proc), in MiB; 0 when it is gone. */
export function rssMiB(pid: number): number {
  try {
    const kb = Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    return Math.round(kb / 1024);
  } catch {
    return 0;
  }
}

/** CPU time (user + system) a process has used, in milliseconds (Linux /proc; 100 ticks a second). */
export function cpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** CPU time of every PostgreSQL process on this machine (server and backends), in milliseconds. */
export function postgresCpuMs(): number {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      if (stat.includes('(postgres)')) total += cpuMs(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** The p-th percentile (0–100) of some durations. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export interface ApolloPeer {
  url: string;
  pid: number;
  stop(): void;
}

/**
 * Apollo Gateway over the hub's supergraph and subgraph processes, in its own process. It refuses
 * a supergraph with `for: SECURITY` features (@authenticated, @requiresScopes), so it gets the same
 * supergraph without those links and enforces none of them; the subgraphs still verify every token.
 */
export async function startApolloPeer(hub: RunningHub, port: number): Promise<ApolloPeer> {
  const supergraphSdl = composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: hub.subgraphUrls[s.name], sdl: readSubgraphSdl(s.name) })));
  const supergraphPath = join(mkdtempSync(join(tmpdir(), 'pioneer-bench-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, supergraphSdl.replace(/ @link\(url: "https:\/\/specs\.apollo\.dev\/(requiresScopes|authenticated)\/v0\.1", for: SECURITY\)/g, ''));
  const child: ChildProcess = spawn(process.execPath, ['--import', createRequire(import.meta.url).resolve('tsx'), join(repoRoot, 'scripts/apollo-gateway.ts')], {
    env: { ...process.env, SUPERGRAPH_PATH: supergraphPath, APOLLO_GATEWAY_PORT: String(port), SUBGRAPH_SIGNING_SECRET: hub.signingSecret, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => d.toString().includes('ready') && resolve());
    child.once('exit', (code) => reject(new Error(`Apollo Gateway exited with ${code}`)));
  });
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
}

/** Replaces (or appends) the part of docs/benchmarks.md between `<!-- name:start -->` and `<!-- name:end -->`. */
export function writeBenchmarkSection(name: string, section: string): void {
  const path = join(repoRoot, 'docs', 'benchmarks.md');
  let previous = '';
  try {
    previous = readFileSync(path, 'utf8');
  } catch {
    previous = '# Benchmarks\n';
  }
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${section.trim()}\n${end}`;
  const from = previous.indexOf(start);
  const to = previous.indexOf(end);
  writeFileSync(path, from >= 0 && to > from ? previous.slice(0, from) + block + previous.slice(to + end.length) : `${previous.trimEnd()}\n\n${block}\n`);
}

/**
 * A second Hive Gateway over the hub's subgraphs, with its own settings (the Rust query planner),
 * in its own process, ready when it answers.
 */
export async function startGatewayPeer(hub: RunningHub, port: number, env: Record<string, string>, authorization: string): Promise<ApolloPeer> {
  const child = spawn(process.execPath, ['--import', createRequire(import.meta.url).resolve('tsx'), join(repoRoot, 'gateway/src/main.ts')], {
    env: { ...process.env, ...hub.gatewayEnv, ...env, GATEWAY_PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}/graphql`;
  for (const until = Date.now() + 180_000; Date.now() < until; ) {
    if (child.exitCode !== null) throw new Error(`the gateway peer exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query: '{ __typename }' }) });
      if (res.ok) return { url, pid: child.pid ?? 0, stop: () => child.kill('SIGTERM') };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill('SIGKILL');
  throw new Error('the gateway peer did not answer within 180 s');
}
