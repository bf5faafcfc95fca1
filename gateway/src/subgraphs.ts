import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** The four subgraphs, their committed SDL and default addresses (ports 4101-4104). */
export const SUBGRAPHS = [
  { name: 'leuven', urlVariable: 'LEUVEN_URL', defaultUrl: 'http://127.0.0.1:4101/' },
  { name: 'muenster', urlVariable: 'MUENSTER_URL', defaultUrl: 'http://127.0.0.1:4102/' },
  { name: 'ttu', urlVariable: 'TTU_URL', defaultUrl: 'http://127.0.0.1:4103/' },
  { name: 'consortium', urlVariable: 'CONSORTIUM_URL', defaultUrl: 'http://127.0.0.1:4104/' },
] as const;

export type SubgraphName = (typeof SUBGRAPHS)[number]['name'];

export function subgraphSchemaPath(name: SubgraphName): string {
  return join(repoRoot, 'subgraphs', name, 'schema.graphql');
}

export const SUPERGRAPH_PATH = join(repoRoot, 'gateway', 'supergraph.graphql');

export function readSubgraphSdl(name: SubgraphName): string {
  return readFileSync(subgraphSchemaPath(name), 'utf8');
}
