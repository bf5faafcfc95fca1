import { openConsortiumDatabase } from '@pioneer/consortium';
import { CatalogueService, openUniversityDatabase, loadStudentRecords, type UniversityProfile } from '@pioneer/university-kit';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { hasStudents, planDemoCohort, seedAdmissions, seedTheses, seedUniversity } from './demo-cohort.js';

/**
 * Migrates the four databases and, when the consortium has no students yet, seeds the PIONEER
 * catalogue and the demo cohort through the subgraphs' services.
 */
export async function seedDemoIfEmpty(databases: Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>, log: (l: string) => void): Promise<boolean> {
  const consortium = await openConsortiumDatabase(databases.consortium);
  log('consortium database migrated');
  const universities: [UniversityProfile, string][] = [
    [leuven, databases.leuven],
    [muenster, databases.muenster],
    [ttu, databases.ttu],
  ];
  try {
    if (await hasStudents(consortium)) return false;
    const plans = planDemoCohort();
    // Admissions and decisions first: the universities enrol only admitted students and cite decisions (issue 11).
    const { register, decisions } = await seedAdmissions(consortium, plans);
    const credits = new Map<string, number>();
    for (const [profile, url] of universities) {
      const orm = await openUniversityDatabase(url);
      log(`${profile.name} database migrated; seeding …`);
      try {
        const count = await seedUniversity(orm, profile, plans, register, decisions);
        const records = await loadStudentRecords(orm.em.fork(), profile, plans.map((p) => p.id));
        for (const [id, record] of records) credits.set(id, (credits.get(id) ?? 0) + record.creditsEarned);
        log(`seeded ${profile.name}: ${profile.catalogue.length} ${profile.noun.plural}, ${count} results`);
      } finally {
        await orm.close();
      }
    }
    await seedTheses(consortium, plans, (id) => credits.get(id) ?? 0);
    log(`seeded consortium: ${plans.length} students`);
    return true;
  } finally {
    await consortium.close();
  }
}

export { migrateDatabases } from './migrate.js';

/** Only the §7 (3) catalogues, no students: `SEED_DEMO=false`, and tests that build their own records. */
export async function seedCatalogues(databases: Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>): Promise<void> {
  await (await openConsortiumDatabase(databases.consortium)).close();
  for (const [profile, url] of [
    [leuven, databases.leuven],
    [muenster, databases.muenster],
    [ttu, databases.ttu],
  ] as const) {
    const orm = await openUniversityDatabase(url);
    try {
      await new CatalogueService(orm.em.fork(), profile).seedCatalogue();
    } finally {
      await orm.close();
    }
  }
}
