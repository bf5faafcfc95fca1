import type { MikroORM } from '@mikro-orm/postgresql';
import { openDatabase } from '@pioneer/shared/persistence';
import { consortiumEntities } from './entities.js';
import { migrations } from './migrations/index.js';

/**
 * The consortium's database with its committed migrations applied. Its own module, without the
 * subgraph's server and resolvers, so that npm start migrates before loading them (issue 16).
 */
export function openConsortiumDatabase(clientUrl: string): Promise<MikroORM> {
  return openDatabase({ clientUrl, entities: consortiumEntities, migrations });
}
