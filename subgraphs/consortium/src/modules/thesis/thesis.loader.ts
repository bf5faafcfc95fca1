import type { EntityManager } from '@mikro-orm/postgresql';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { Thesis } from './thesis.entity.js';

/** Every thesis attempt of every student in the request, in one query. */
export function createThesisLoader(em: EntityManager) {
  return batchLoader<string, Thesis[]>(
    async (studentIds) => {
      const theses = await em.find(Thesis, { student: { $in: [...studentIds] } }, { orderBy: { attempt: 'asc' }, populate: ['defenceCommittee'] });
      return groupBy(theses, (t) => t.student.id);
    },
    () => [],
  );
}
