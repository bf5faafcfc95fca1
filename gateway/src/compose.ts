import { composeServices } from '@theguild/federation-composition';
import { parse } from 'graphql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';

export interface SubgraphSource {
  name: string;
  url: string;
  sdl: string;
}

/** Composes the Federation 2 supergraph; a composition error stops the gateway at start. */
export function composeSupergraph(subgraphs: readonly SubgraphSource[]): string {
  const result = composeServices(subgraphs.map((s) => ({ name: s.name, url: s.url, typeDefs: parse(s.sdl) })));
  if (result.errors) {
    throw new DomainError(ErrorCode.CONFIG_INVALID, `Supergraph composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}
