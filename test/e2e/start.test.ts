import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '@pioneer/gateway';
import { signedSubgraphRequest, subgraphSigningKey } from '@pioneer/shared/server';
import { freePort } from '../support/ports.js';

const TSX = createRequire(import.meta.url).resolve('tsx');

/**
 * `npm start` as an operator runs it (its own data folder and ports, an embedded PostgreSQL, no
 * demo data, so the PIONEER catalogue and no students): progress lines with elapsed time, the secrets of the start in 0600 files, one
 * process restarted alone with them (`npm run start:leuven`), a crash restarted, and a process
 * that keeps crashing stops the hub with exit code 1.
 */
describe('npm start: progress, kept secrets, supervision', () => {
  const dir = mkdtempSync(join(tmpdir(), 'pioneer-ops-start-'));
  chmodSync(dir, 0o755);
  const children: ChildProcess[] = [];
  afterAll(async () => {
    // Ctrl-C first: npm start then stops its own processes and database; SIGKILL would orphan them.
    await Promise.all(
      children
        .filter((c) => c.exitCode === null && c.signalCode === null)
        .map(
          (c) =>
            new Promise<void>((resolve) => {
              const force = setTimeout(() => c.kill('SIGKILL'), 30_000);
              c.once('exit', () => (clearTimeout(force), resolve()));
              c.kill('SIGINT');
            }),
        ),
    );
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const run = (script: string, args: string[], env: Record<string, string>) => {
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/DATABASE_URL$/.test(k)));
    const child = spawn(process.execPath, [...(script.endsWith('.ts') ? ['--import', TSX] : []), join(repoRoot, script), ...args], { cwd: repoRoot, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const out: string[] = [];
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const collect = (d: Buffer) => out.push(...d.toString().split('\n').filter(Boolean));
    child.stdout!.on('data', collect);
    child.stderr!.on('data', collect);
    const waitFor = async (pattern: RegExp, ms = 240_000) => {
      const end = Date.now() + ms;
      for (;;) {
        const hit = out.find((l) => pattern.test(l));
        if (hit) return hit;
        if (child.exitCode !== null || Date.now() > end) throw new Error(`no line ${pattern} in:\n${out.join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    return { child, out, exited, waitFor };
  };

  it('starts with progress lines, keeps its secrets, restarts a crash, lets one process run alone, and exits 1 on a crash loop', async () => {
    const ports = { EMBEDDED_PG_PORT: await freePort(), GATEWAY_PORT: await freePort(), LEUVEN_PORT: await freePort(), MUENSTER_PORT: await freePort(), TTU_PORT: await freePort(), CONSORTIUM_PORT: await freePort(), GATEWAY_METRICS_PORT: await freePort() };
    const env = { ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])), PIONEER_DATA_DIR: dir, SEED_DEMO: 'false', SUPERVISOR_MAX_CRASHES: '1', NODE_ENV: 'development' };
    // What `npm start` runs: the start script from its bundle (scripts/launch.mjs).
    const hub = run('scripts/launch.mjs', ['start'], env);
    await hub.waitFor(/hub ready in \d+\.\d s/);

    const progress = hub.out.filter((l) => l.startsWith('['));
    for (const l of progress) expect(l).toMatch(/^\[\s*\d+\.\d s\] /);
    const steps = ['initialising embedded PostgreSQL', 'PostgreSQL is up', 'secrets of this hub', 'databases present', 'leuven up (pid', 'muenster up (pid', 'ttu up (pid', 'consortium up (pid', 'gateway up (pid', 'hub ready in'];
    for (const step of steps) expect(progress.some((l) => l.includes(step)), step).toBe(true);

    // SEED_DEMO=false: the PIONEER catalogue of §7 (3) (5 + 5 + 7 courses), no students.
    const token = run('scripts/token.ts', ['committee'], env);
    expect(await token.exited).toBe(0);
    const gateway = `http://127.0.0.1:${ports.GATEWAY_PORT}/graphql`;
    const seeded = await fetch(gateway, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token.out.at(-1)}` },
      body: JSON.stringify({ query: '{ leuvenCatalogue { code academicYear } muensterCatalogue { code } ttuCatalogue { code } students(limit: 1) { total } }' }),
    }).then((r) => r.json());
    expect(seeded.errors).toBeUndefined();
    expect([seeded.data.leuvenCatalogue.length, seeded.data.muensterCatalogue.length, seeded.data.ttuCatalogue.length]).toEqual([5, 5, 7]);
    expect(seeded.data.leuvenCatalogue[0].academicYear).toBe('2017/18');
    expect(seeded.data.students.total).toBe(0);
    expect(progress.some((l) => l.includes('the PIONEER catalogue (no demo students)'))).toBe(true);

    const secrets = join(dir, 'secrets');
    expect(statSync(secrets).mode & 0o777).toBe(0o700);
    for (const f of ['subgraph-signing-secret', 'consortium-service-key.json']) expect(statSync(join(secrets, f)).mode & 0o777).toBe(0o600);
    const secret = readFileSync(join(secrets, 'subgraph-signing-secret'), 'utf8').trim();

    // One process alone, from the kept secrets: a second Leuven on another port answers signed requests.
    const alonePort = await freePort();
    const alone = run('scripts/start-process.ts', ['leuven'], { ...env, LEUVEN_PORT: String(alonePort) });
    const aloneUrl = `http://127.0.0.1:${alonePort}/`;
    const end = Date.now() + 120_000;
    while (Date.now() < end) {
      const ok = await fetch(new URL('health/ready', aloneUrl)).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const query = '{ __typename }';
    const signed = await fetch(aloneUrl, { method: 'POST', ...signedSubgraphRequest(subgraphSigningKey(secret, 'leuven'), 'leuven', { query }) });
    expect(await signed.json()).toEqual({ data: { __typename: 'Query' } });
    alone.child.kill('SIGTERM');
    expect(await alone.exited).toBe(0);

    // kill -9: restarted; killed again within the window: given up, the hub stops with exit code 1.
    const pidOf = (line: string) => Number(/\(pid (\d+)\)/.exec(line)![1]);
    process.kill(pidOf(await hub.waitFor(/leuven up \(pid \d+\)/)), 'SIGKILL');
    const back = await hub.waitFor(/leuven back up \(pid \d+\)/);
    expect(hub.out.join('\n')).toMatch(/leuven killed by SIGKILL after \d+\.\d s; .*restarting in 500 ms \(crash 1 of at most 1 within 120 s\)/);
    process.kill(pidOf(back), 'SIGKILL');
    expect(await hub.exited).toBe(1);
    expect(hub.out.join('\n')).toMatch(/leuven killed by SIGKILL .*crashed 2 times within 120 s, giving up/);
    expect(hub.out.join('\n')).toMatch(/leuven keeps crashing; stopping the hub \(exit code 1\)/);
    expect(hub.out.at(-1)).toBe('stopped');
  }, 600_000);
});
