import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph } from './compose.js';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl, type SubgraphName } from './subgraphs.js';
import { committedSupergraphFor, loadSupergraph, subgraphSchemasHash } from './supergraph.js';

const sdl = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readSubgraphSdl(s.name)])) as Record<SubgraphName, string>;
const committed = readFileSync(SUPERGRAPH_PATH, 'utf8');
const urls: Record<SubgraphName, string> = { leuven: 'http://leuven.internal:8080/graphql', muenster: 'http://10.0.0.7:4102/', ttu: 'https://ttu.example/"quoted"', consortium: 'http://127.0.0.1:5104/' };
const composed = (u: Record<SubgraphName, string>, schemas = sdl) => composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: u[s.name], sdl: schemas[s.name] })));

describe('the supergraph the gateway serves', () => {
  it('is the committed one with the configured addresses, equal to composing them now', async () => {
    const served = committedSupergraphFor(committed, sdl, urls);
    expect(served).not.toBeNull();
    expect(served).toBe(`${composed(urls)}\n`);
    expect(await loadSupergraph(urls)).toBe(served);
  });

  it('is composed again when a subgraph schema is not the one the committed supergraph was composed from', () => {
    const edited = { ...sdl, ttu: sdl.ttu.replace('type Query {', 'type Query {\n  ttuNewField: String') };
    expect(edited.ttu).not.toBe(sdl.ttu);
    expect(subgraphSchemasHash(edited)).not.toBe(subgraphSchemasHash(sdl));
    expect(committedSupergraphFor(committed, edited, urls)).toBeNull();
    // What loadSupergraph then serves: the composition, with the new field.
    expect(composed(urls, edited)).toContain('ttuNewField');
  });

  it('is composed again when the committed file has no hash line or not the default addresses', () => {
    expect(committedSupergraphFor(committed.slice(committed.indexOf('\n') + 1), sdl, urls)).toBeNull();
    expect(committedSupergraphFor(committed.replace('url: "http://127.0.0.1:4101/"', 'url: "http://elsewhere/"'), sdl, urls)).toBeNull();
  });
});
