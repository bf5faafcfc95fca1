import type { UniversityContext } from '../../context.js';

/**
 * `_entities` for Student: the gateway sends one representation per student; returning the bare
 * key and resolving the record field through the per-request DataLoader batches a whole cohort
 * into one set of queries.
 */
export const studentReference = {
  Student: {
    __resolveReference(reference: { id: string }, _context: UniversityContext) {
      return { id: reference.id };
    },
  },
};
