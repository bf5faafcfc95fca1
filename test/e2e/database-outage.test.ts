import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { withDatabase } from '@pioneer/shared/config';
import { startEmbeddedPostgres, type EmbeddedServer } from '../../scripts/lib/embedded-postgres.js';
import { startHub, type RunningHub } from '../../scripts/lib/hub.js';
import { freePort } from '../support/ports.js';

/**
 * PostgreSQL stopped and started again under the running hub. It uses a PostgreSQL of its own
 * (embedded, in a temporary folder) so that the shared test server is never touched: while it is
 * down, requests answer DATABASE_UNAVAILABLE (retryable; HTTP 503 when the whole request failed),
 * readiness says which subgraphs lost their database, and once it is back everything serves
 * again without a restart.
 */
describe('operations: PostgreSQL stopped and restarted', () => {
  let dir: string;
  let pgPort: number;
  let pg: EmbeddedServer | null = null;
  let hub: RunningHub;
  let token: string;
  let gatewayBase: string;

  const call = async (query: string) => {
    const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query }) });
    return { status: res.status, headers: res.headers, body: (await res.json()) as any };
  };
  const readiness = async () => {
    const res = await fetch(`${gatewayBase}/readiness`);
    return { status: res.status, body: (await res.json()) as any };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pioneer-ops-pg-'));
    // As root PostgreSQL runs as the postgres user, who must be able to enter the folder.
    chmodSync(dir, 0o755);
    pgPort = await freePort();
    pg = await startEmbeddedPostgres(join(dir, 'data'), pgPort);
    const db = (name: string) => withDatabase(pg!.url, `pioneer_${name}`);
    hub = await startHub({
      databases: { leuven: db('leuven'), muenster: db('muenster'), ttu: db('ttu'), consortium: db('consortium') },
      ports: { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() },
      seed: 'catalogue',
      mode: 'test',
    });
    token = await hub.token('coordinator');
    gatewayBase = hub.gatewayUrl.replace(/\/graphql$/, '');
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers DATABASE_UNAVAILABLE with 503 while PostgreSQL is down, reports it in readiness, and recovers by itself', async () => {
    expect((await call('{ leuvenCourses { code } }')).body.data.leuvenCourses.length).toBeGreaterThan(0);
    await pg!.stop();
    pg = null;

    const down = await call('{ leuvenCourses { code } }');
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('5');
    expect(down.body.errors[0].extensions).toMatchObject({ code: 'DATABASE_UNAVAILABLE', details: { retryable: true } });
    expect(JSON.stringify(down.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|select |stack/i);

    // Two universities in one request: nothing but the retryable code.
    const both = await call('{ muensterCourses { code } ttuCourses { code } }');
    expect(both.status).toBe(503);
    expect(new Set(both.body.errors.map((e: any) => e.extensions.code))).toEqual(new Set(['DATABASE_UNAVAILABLE']));

    const mutation = await call('mutation { leuvenEditCourse(input: { courseCode: "LEU-BIS", title: "Business information systems", reason: "Title corrected" }) { code } }');
    expect(mutation.status).toBe(503);
    expect(mutation.body.errors[0].extensions.code).toBe('DATABASE_UNAVAILABLE');

    const r = await readiness();
    expect(r.status).toBe(503);
    expect(r.body.subgraphs).toEqual({
      leuven: { status: 'not ready', database: 'down' },
      muenster: { status: 'not ready', database: 'down' },
      ttu: { status: 'not ready', database: 'down' },
      consortium: { status: 'not ready', database: 'down' },
    });
    const subgraphReady = await fetch(new URL('health/ready', hub.subgraphUrls.leuven));
    expect(subgraphReady.status).toBe(503);
    expect((await fetch(new URL('health/live', hub.subgraphUrls.leuven))).status).toBe(200);

    pg = await startEmbeddedPostgres(join(dir, 'data'), pgPort);
    const end = Date.now() + 60_000;
    while ((await readiness()).status !== 200 && Date.now() < end) await new Promise((r) => setTimeout(r, 200));
    expect((await readiness()).status).toBe(200);
    const back = await call('{ leuvenCourses { code } }');
    expect(back.status).toBe(200);
    expect(back.body.errors).toBeUndefined();
    // The subgraphs rode out the outage: nothing crashed, nothing was restarted.
    expect(hub.restarts()).toEqual({ leuven: 0, muenster: 0, ttu: 0, consortium: 0, gateway: 0 });
  });
});
