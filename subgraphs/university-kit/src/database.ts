import type { MikroORM } from '@mikro-orm/postgresql';
import { openDatabase } from '@pioneer/shared/persistence';
import { universityEntities } from './entities.js';
import { migrations } from './migrations/index.js';

/**
 * A university's database with its committed migrations applied. Its own module, without the
 * subgraph's server and resolvers, so that npm start migrates before loading them (issue 16).
 */
export function openUniversityDatabase(clientUrl: string): Promise<MikroORM> {
  return openDatabase({ clientUrl, entities: universityEntities, migrations });
}
