import { buildHTTPExecutor } from '@graphql-tools/executor-http';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { SUBGRAPH_TRANSPORT_OPTIONS } from './gateway.js';

/**
 * Issue 16: the gateway's HTTP executor sends a subgraph's variables as JSON without first walking
 * and cloning them in search of files to upload (`multipart: false`, patches/). The properties
 * read from the representations tell which happened: serializing reads `toJSON` and each key;
 * the search also asks every value whether it is a promise, a thenable or a blob.
 */
describe('subgraph transport', () => {
  const QUERY = parse('query($r: [_Any!]!) { _entities(representations: $r) { __typename } }');

  async function send(options: Record<string, unknown>) {
    const reads = new Set<string>();
    const watched = <T extends object>(o: T): T =>
      new Proxy(o, {
        get(target, key, receiver) {
          if (typeof key === 'string') reads.add(key);
          return Reflect.get(target, key, receiver);
        },
      });
    const representation = watched({ __typename: 'Student', id: 'b7c1a2e0-0000-4000-8000-000000000001', leuven: watched({ courses: [watched({ credits: 6, score: null })] }) });
    let body: string | undefined;
    const executor = buildHTTPExecutor({
      endpoint: 'http://subgraph.invalid/graphql',
      ...options,
      fetch: async (_url: string, init?: { body?: unknown }) => {
        body = init?.body as string;
        return new Response(JSON.stringify({ data: { _entities: [] } }), { headers: { 'content-type': 'application/json' } });
      },
    } as never);
    await executor({ document: QUERY, variables: { r: [representation] } });
    return { reads: [...reads].filter((k) => !['toJSON', '__typename', 'id', 'leuven', 'courses', 'credits', 'score'].includes(k)), sent: JSON.parse(body!) };
  }

  it('sends the representations as JSON, reading nothing of them but what it serializes', async () => {
    const { reads, sent } = await send(SUBGRAPH_TRANSPORT_OPTIONS);
    expect(sent.variables).toEqual({ r: [{ __typename: 'Student', id: 'b7c1a2e0-0000-4000-8000-000000000001', leuven: { courses: [{ credits: 6, score: null }] } }] });
    expect(reads).toEqual([]);
  });

  it('the library default walks every value in search of files (what the option turns off)', async () => {
    const { reads, sent } = await send({});
    expect(sent.variables.r).toHaveLength(1);
    expect(reads).toEqual(expect.arrayContaining(['then']));
  });
});
