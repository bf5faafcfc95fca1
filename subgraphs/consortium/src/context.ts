import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@pioneer/shared/auth';
import type { createStudentLoader } from './modules/students/student.service.js';
import type { createThesisLoader } from './modules/thesis/thesis.loader.js';
import type { CohortSource, CreditSource } from './modules/thesis/federated-credits.js';
import type { createAdmissionLoader } from './modules/admission/admission.service.js';
import type { createDecisionLoader } from './modules/thesis/decision.service.js';
import type { createProgressionFactsLoader } from './modules/progression/progression-facts.loader.js';
import type { DocumentContext } from './modules/documents/document.service.js';
import type { DashboardSnapshots } from './modules/dashboard/dashboard.snapshots.js';

/** Per request: one forked EntityManager and fresh DataLoaders. */
export interface ConsortiumContext {
  em: EntityManager;
  /** Who is asking, from the bearer token the gateway forwards; null without one. */
  principal: Principal | null;
  loaders: {
    students: ReturnType<typeof createStudentLoader>;
    theses: ReturnType<typeof createThesisLoader>;
    admissions: ReturnType<typeof createAdmissionLoader>;
    decisions: ReturnType<typeof createDecisionLoader>;
    progressionFacts: ReturnType<typeof createProgressionFactsLoader>;
  };
  /** The engine's progression per Student object of this request, computed once (progression.resolver.ts). */
  progressions: WeakMap<object, Promise<import('@pioneer/shared/regulations').Progression>>;
  /** The federated record, read through the gateway: credits for decisions (§10 (3)), cohorts for dashboards. */
  federation: CreditSource & CohortSource;
  /** Readings of whole intakes that filtered dashboard pages share (per process, bounded). */
  dashboardSnapshots: DashboardSnapshots;
  /** Issued documents: the federated record through the gateway, the signatories, loaders (§17, §18). */
  documents: DocumentContext;
}
