import { ApolloServer, HeaderMap } from '@apollo/server';
import { buildSchema } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../auth/principal.js';
import { idempotentMutations, type IdempotencyStore } from './idempotency.plugin.js';

/**
 * The answers of the Idempotency-Key plugin for each state a stored key can be in (issue 12 item
 * 3); the end-to-end test (test/e2e/integrity.test.ts) shows the key is written with the write.
 */
type Row = { fingerprint: string; response: unknown; createdAt: Date };
const principal: Principal = { subject: 'leuven-office', name: 'Office', scopes: new Set(['leuven:office']) };

async function serverWith(rows: Map<string, Row>) {
  let executed = 0;
  const store: IdempotencyStore = {
    find: async (actor, key) => rows.get(`${actor}/${key}`) ?? null,
    saveResponse: async () => undefined,
    purgeExpired: async () => undefined,
  };
  const schema = buildSchema('type Query { ok: Boolean } type Mutation { rectify(points: Int!): Int other: Int }');
  const server = new ApolloServer<{ principal: Principal | null }>({
    schema,
    rootValue: { rectify: ({ points }: { points: number }) => ((executed += 1), points), other: () => 1 },
    plugins: [idempotentMutations(store)],
  });
  await server.start();
  const run = async (query: string, key: string | null, variables: Record<string, unknown> = {}) => {
    const headers = new HeaderMap();
    if (key !== null) headers.set('idempotency-key', key);
    const res = await server.executeOperation({ query, variables, http: { method: 'POST', headers, search: '', body: {} } }, { contextValue: { principal } });
    return res.body.kind === 'single' ? (res.body.singleResult as any) : null;
  };
  return { run, executed: () => executed };
}

const RECTIFY = 'mutation($p: Int!) { rectify(points: $p) }';

describe('Idempotency-Key answers', () => {
  it('an unknown key runs the mutation; a malformed key or several fields are refused before it runs', async () => {
    const s = await serverWith(new Map());
    expect((await s.run(RECTIFY, 'key-00000001', { p: 5 })).data).toEqual({ rectify: 5 });
    expect((await s.run(RECTIFY, 'short', { p: 5 })).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await s.run(RECTIFY, 'has spaces in it', { p: 5 })).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect((await s.run('mutation { a: rectify(points: 1) b: other }', 'key-00000002')).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_INVALID');
    expect(s.executed()).toBe(1);
  });

  it('a stored key: the first answer for the same request, refusals for another request, in progress or lost', async () => {
    // The fingerprint the plugin computes for RECTIFY with p = 5 (query, operation name, variables).
    const { createHash } = await import('node:crypto');
    const fingerprint = createHash('sha256').update(JSON.stringify([RECTIFY, null, { p: 5 }])).digest('hex');
    const rows = new Map<string, Row>([
      ['leuven-office/done-0001', { fingerprint, response: { data: { rectify: 5 } }, createdAt: new Date() }],
      ['leuven-office/busy-0001', { fingerprint, response: null, createdAt: new Date() }],
      ['leuven-office/lost-0001', { fingerprint, response: null, createdAt: new Date(Date.now() - 3_600_000) }],
    ]);
    const s = await serverWith(rows);
    expect(await s.run(RECTIFY, 'done-0001', { p: 5 })).toEqual({ data: { rectify: 5 } });
    expect((await s.run(RECTIFY, 'done-0001', { p: 6 })).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect((await s.run(RECTIFY, 'busy-0001', { p: 5 })).errors[0].extensions.code).toBe('IDEMPOTENCY_KEY_IN_PROGRESS');
    const lost = await s.run(RECTIFY, 'lost-0001', { p: 5 });
    expect(lost.errors[0].extensions).toMatchObject({ code: 'IDEMPOTENCY_RESPONSE_LOST', details: { carriedOutAt: expect.any(String) } });
    // None of those ran the mutation again.
    expect(s.executed()).toBe(0);
    // Queries and requests without a key are not touched.
    expect((await s.run('{ ok }', 'done-0001')).data).toEqual({ ok: null });
    expect((await s.run(RECTIFY, null, { p: 7 })).data).toEqual({ rectify: 7 });
  });
});
