import type { EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '@pioneer/shared/auth';
import type { UniversityProfile } from './profile.js';
import type { ConsortiumRegister } from './modules/enrolment/consortium-register.client.js';
import type { StudentRecordLoaders } from './modules/student-record/student-record.service.js';

/** Per request: one forked EntityManager and fresh DataLoaders. */
export interface UniversityContext {
  em: EntityManager;
  profile: UniversityProfile;
  loaders: StudentRecordLoaders;
  /** Who is asking, from the bearer token the gateway forwards; null without one. */
  principal: Principal | null;
  /** The consortium's admissions and decisions, asked through the gateway with the caller's token. */
  consortium: ConsortiumRegister;
}
