import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedSubgraphRequest, subgraphSigningKey } from '@pioneer/shared/server';
import { processArgs, startHub, type RunningHub } from '../../scripts/lib/hub.js';
import { loadStartConfig } from '../../scripts/config.js';
import { freshHubDatabases } from '../support/hub.js';
import { freePort } from '../support/ports.js';

/**
 * Issue 11 item 5: `NODE_ENV=production npm start` runs every process in production: no
 * introspection, no GraphiQL, no "Did you mean …", at the gateway and in the subgraphs.
 */
let hub: RunningHub;
let token: string;

beforeAll(async () => {
  const mode = loadStartConfig({ NODE_ENV: 'production' }).mode;
  expect(mode).toBe('production');
  hub = await startHub({
    databases: await freshHubDatabases('production'),
    ports: { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() },
    seed: false,
    mode,
  });
  token = await hub.token('committee');
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

const post = async (url: string, body: Record<string, unknown>, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
};

describe('production mode', () => {
  it('the gateway: no introspection, no GraphiQL, no field suggestions, with or without a token', async () => {
    for (const headers of [{}, { authorization: `Bearer ${token}` }] as Record<string, string>[]) {
      expect((await post(hub.gatewayUrl, { query: '{ __schema { queryType { name } } }' }, headers)).text).toMatch(/introspection/i);
      expect((await post(hub.gatewayUrl, { query: '{ studnts { total } }' }, headers)).text).not.toMatch(/Did you mean/);
    }
    const page = await fetch(hub.gatewayUrl, { headers: { accept: 'text/html' } }).then((r) => r.text());
    expect(page).not.toMatch(/graphiql/i);
  });

  it('a subgraph, asked directly with a valid signature: no introspection, no field suggestions', async () => {
    const authorization = `Bearer ${token}`;
    const signed = (query: string) => signedSubgraphRequest(subgraphSigningKey(hub.signingSecret, 'leuven'), 'leuven', { query, authorization });
    const direct = async (request: { body: string; headers: Record<string, string> }) => {
      const res = await fetch(hub.subgraphUrls.leuven, { method: 'POST', ...request });
      return { status: res.status, text: await res.text() };
    };
    const intro = await direct(signed('{ __schema { queryType { name } } }'));
    // Refused (the subgraph's error mapping masks the validation error's code).
    expect(JSON.parse(intro.text).data ?? null).toBeNull();
    expect(JSON.parse(intro.text).errors).toHaveLength(1);
    expect(intro.text).not.toMatch(/"queryType"/);
    const typo = await direct(signed('{ leuvenCourse { code } }'));
    expect(typo.text).toMatch(/errors/);
    expect(typo.text).not.toMatch(/Did you mean/);
    // The same signed query for the real field is answered: production mode is not a broken hub.
    const courses = await direct(signed('{ leuvenCourses { code } }'));
    expect(JSON.parse(courses.text).data.leuvenCourses).toEqual([]);
  });

  it('issue 16: every process runs from its esbuild bundle with plain node, each with its heap bound', () => {
    const commandLine = (pid: number) => readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    const pids = hub.pids();
    expect(Object.keys(pids).sort()).toEqual(['consortium', 'gateway', 'leuven', 'muenster', 'ttu']);
    for (const [name, pid] of Object.entries(pids)) {
      const args = commandLine(pid);
      expect(args.join(' ')).not.toMatch(/tsx/);
      expect(args.at(-1)).toMatch(new RegExp(`${name === 'gateway' ? 'gateway' : `subgraphs/${name}`}/dist/main\\.mjs$`));
    }
    const bounds = { gateway: 240, leuven: 192, muenster: 192, ttu: 192, consortium: 224 } as const;
    for (const [name, mib] of Object.entries(bounds)) {
      // The bound caps; the growing factor keeps V8 from collecting more often below it.
      expect(commandLine(pids[name]!)).toEqual(expect.arrayContaining([`--max-old-space-size=${mib}`, '--heap-growing-percent=300']));
    }
  });

  it('development runs the same bundles, with source maps, so an edit applies at the next start without tsx compiling each process', () => {
    for (const name of ['leuven', 'gateway'] as const) {
      const [development, production] = [processArgs(name, 'development'), processArgs(name, 'production')];
      expect(development.at(-1)).toBe(production.at(-1));
      expect(development.join(' ')).not.toMatch(/tsx/);
      expect(development).toContain('--enable-source-maps');
      expect(production).not.toContain('--enable-source-maps');
    }
  });
});
