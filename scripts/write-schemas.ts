/**
 * Writes each subgraph's SDL (subgraphs/<name>/schema.graphql) from the code and the composed
 * supergraph (gateway/supergraph.graphql). Run after changing a schema; a test fails until then.
 */
import { writeFileSync } from 'node:fs';
import { SUBGRAPHS, SUPERGRAPH_PATH, subgraphSchemaPath, type SubgraphName } from '@pioneer/gateway';
import { buildSubgraphSdl, composeCommittedSupergraph } from './lib/schemas.js';

const sdl = {} as Record<SubgraphName, string>;
for (const { name } of SUBGRAPHS) {
  sdl[name] = await buildSubgraphSdl(name);
  writeFileSync(subgraphSchemaPath(name), sdl[name]);
  console.log(`wrote ${subgraphSchemaPath(name)}`);
}
writeFileSync(SUPERGRAPH_PATH, composeCommittedSupergraph(sdl));
console.log(`wrote ${SUPERGRAPH_PATH}`);
