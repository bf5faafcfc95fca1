import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBGRAPHS, SUPERGRAPH_PATH, readSubgraphSdl, subgraphSchemaPath, type SubgraphName } from '@pioneer/gateway';
import { buildSubgraphSdl, composeCommittedSupergraph } from '../scripts/lib/schemas.js';

const HINT = 'run `npm run schemas:write` and commit the result';

describe('committed schemas match the code', () => {
  for (const { name } of SUBGRAPHS) {
    it(`subgraphs/${name}/schema.graphql is the SDL the code builds`, async () => {
      const built = await buildSubgraphSdl(name);
      expect(built, HINT).toBe(readFileSync(subgraphSchemaPath(name), 'utf8'));
    });
  }

  it('gateway/supergraph.graphql is the composition of the committed subgraph SDL', () => {
    const sdl = Object.fromEntries(SUBGRAPHS.map((s) => [s.name, readSubgraphSdl(s.name)])) as Record<SubgraphName, string>;
    expect(composeCommittedSupergraph(sdl), HINT).toBe(readFileSync(SUPERGRAPH_PATH, 'utf8'));
  });

  it('the consortium computes progression and the overall grade through @requires on the universities’ records', () => {
    const consortium = readSubgraphSdl('consortium');
    expect(consortium).toMatch(/progression: Progression @requires\(fields: "leuven \{/);
    expect(consortium).toMatch(/overallGrade: OverallGrade @requires\(fields: "leuven \{/);
    for (const u of ['leuven', 'muenster', 'ttu']) expect(consortium).toContain(`${u}: UniversityRecord @external`);
  });
});
