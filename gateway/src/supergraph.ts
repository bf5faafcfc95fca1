import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl, type SubgraphName } from './subgraphs.js';

/**
 * The supergraph the gateway serves. The committed `gateway/supergraph.graphql` is the composition
 * of the committed subgraph schemas (drift-tested, `npm run schemas:write`); its first line names
 * them by a hash. At start the gateway takes it and puts in the configured subgraph addresses when
 * the four `schema.graphql` files still hash to that line, and composes them itself otherwise (a
 * schema edited without `schemas:write`). Composing took about half a second of the gateway's
 * start and loading the composition library another tenth, on the path of every restart
 * (issue 16: restart ≤ 10 s).
 */

/** One hash over the four subgraph schemas, in the gateway's order of subgraphs. */
export function subgraphSchemasHash(sdl: Record<SubgraphName, string>): string {
  const hash = createHash('sha256');
  for (const { name } of SUBGRAPHS) hash.update(name).update('\0').update(sdl[name]).update('\0');
  return hash.digest('hex');
}

/** The committed file's first line: the schemas it was composed from, by their hash. */
const headerFor = (sdl: Record<SubgraphName, string>) => `# Composed by \`npm run schemas:write\` from the subgraph schemas with sha256 ${subgraphSchemasHash(sdl)}.\n`;

/** The committed file: the composition (with the default addresses) under the line naming its inputs. */
export function withSchemasHeader(composed: string, sdl: Record<SubgraphName, string>): string {
  return `${headerFor(sdl)}${composed}`;
}

/**
 * The committed supergraph with the given subgraph addresses, or null when it was not composed
 * from exactly these schemas (or its addresses are not the defaults it is written with).
 */
export function committedSupergraphFor(committed: string, sdl: Record<SubgraphName, string>, urls: Record<SubgraphName, string>): string | null {
  const header = headerFor(sdl);
  if (!committed.startsWith(header)) return null;
  let supergraph = committed.slice(header.length);
  for (const { name, defaultUrl } of SUBGRAPHS) {
    const graph = `@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(defaultUrl)})`;
    const [first, ...rest] = supergraph.split(graph);
    if (rest.length !== 1) return null;
    supergraph = `${first}@join__graph(name: ${JSON.stringify(name)}, url: ${JSON.stringify(urls[name])})${rest[0]}`;
  }
  return supergraph;
}

/** The supergraph for these subgraph addresses: the committed one when current, else composed now. */
export async function loadSupergraph(urls: Record<SubgraphName, string>): Promise<string> {
  const sdl = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readSubgraphSdl(s.name)])) as Record<SubgraphName, string>;
  const committed = committedSupergraphFor(readFileSync(SUPERGRAPH_PATH, 'utf8'), sdl, urls);
  if (committed !== null) return committed;
  const { composeSupergraph } = await import('./compose.js');
  return composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: urls[s.name], sdl: sdl[s.name] })));
}
