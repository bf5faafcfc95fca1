import { printSubgraphSchema } from '@apollo/subgraph';
import { composeSupergraph, SUBGRAPHS, withSchemasHeader, type SubgraphName } from '@pioneer/gateway';

/** Builds one subgraph's schema from its code and prints its SDL as committed in schema.graphql. */
export async function buildSubgraphSdl(name: SubgraphName): Promise<string> {
  if (name === 'consortium') {
    const { buildConsortiumSchema } = await import('@pioneer/consortium');
    return printSubgraphSchema(await buildConsortiumSchema()) + '\n';
  }
  const { buildUniversitySchema } = await import('@pioneer/university-kit');
  const profiles = {
    leuven: async () => (await import('@pioneer/leuven')).profile,
    muenster: async () => (await import('@pioneer/muenster')).profile,
    ttu: async () => (await import('@pioneer/ttu')).profile,
  };
  return printSubgraphSchema(await buildUniversitySchema(await profiles[name]())) + '\n';
}

/**
 * The supergraph as committed: composed from the given SDL with the default subgraph URLs, under
 * the line naming those schemas by their hash (the gateway serves it when they are unchanged).
 */
export function composeCommittedSupergraph(sdl: Record<SubgraphName, string>): string {
  return withSchemasHeader(composeSupergraph(SUBGRAPHS.map((s) => ({ name: s.name, url: s.defaultUrl, sdl: sdl[s.name] }))) + '\n', sdl);
}
