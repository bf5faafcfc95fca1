import type { EntityManager } from '@mikro-orm/postgresql';
import { isStudentId } from '@pioneer/shared/federation';
import { batchLoader, selectRows } from '@pioneer/shared/persistence';
import type { ThesisState } from '../thesis/thesis.entity.js';
import { DecisionKind } from '../thesis/committee-decision.entity.js';

/** What progression reads from the consortium's own tables besides the universities' records. */
export interface ProgressionFacts {
  /** The current thesis attempt, the latest one (§15 (2)). */
  thesis: { attempt: number; state: ThesisState; score: number | null } | null;
  /** §20: excluded by the Academic Committee. */
  excluded: boolean;
}

const NONE: ProgressionFacts = { thesis: null, excluded: false };

/**
 * Every student's current thesis attempt and exclusion, for a whole page in one statement of plain
 * rows: progression is computed for every student of every page of an intake, and loading the
 * thesis and decision entities with their relations for it cost more than the rules (issue 16).
 * The thesis and decision fields of the schema keep their entity loaders.
 */
export function createProgressionFactsLoader(em: EntityManager) {
  return batchLoader<string, ProgressionFacts>(
    async (studentIds) => {
      const ids = studentIds.filter(isStudentId);
      if (ids.length === 0) return new Map();
      const rows = await selectRows<{ student_id: string; attempt: number | null; state: ThesisState | null; score: number | null; excluded: boolean }>(
        em,
        `select s.id as student_id, t.attempt, t.state, t.score,
                exists (select 1 from committee_decision d where d.student_id = s.id and d.kind = ?) as excluded
           from unnest(?::uuid[]) as s(id)
           left join lateral (select attempt, state, score from thesis where student_id = s.id order by attempt desc limit 1) t on true`,
        [DecisionKind.EXCLUSION, ids],
      );
      return new Map(rows.map((r) => [r.student_id, { thesis: r.attempt === null ? null : { attempt: r.attempt, state: r.state!, score: r.score }, excluded: r.excluded }]));
    },
    () => NONE,
  );
}
