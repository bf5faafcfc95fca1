/**
 * Migrations and the demo data's presence, with only the databases' own modules (entities and
 * migrations): npm start runs these while the gateway loads, and imports the subgraphs' services
 * (seed.ts) only when there is something to seed (issue 16: a restart ≤ 10 s).
 */
import { openConsortiumDatabase } from '@pioneer/consortium/database';
import { openUniversityDatabase } from '@pioneer/university-kit/database';
import { openClient } from '@pioneer/shared/persistence';

export type HubDatabaseUrls = Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>;

/** Applies the committed migrations to the four databases (as whoever the URLs name: the owner role). */
export async function migrateDatabases(databases: HubDatabaseUrls): Promise<void> {
  await (await openConsortiumDatabase(databases.consortium)).close();
  for (const url of [databases.leuven, databases.muenster, databases.ttu]) await (await openUniversityDatabase(url)).close();
}

/**
 * Whether the (migrated) consortium has any student yet: the demo cohort is seeded only into an
 * empty hub. One plain connection, not the ORM a second time: this runs at every start.
 */
export async function consortiumHasStudents(url: string): Promise<boolean> {
  const client = await openClient(url);
  try {
    return (await client.query<{ present: boolean }>('select exists (select 1 from student) as present')).rows[0]?.present === true;
  } finally {
    await client.end();
  }
}
