import type { EntityManager } from '@mikro-orm/postgresql';
import type { UniversityProfile } from './profile.js';
import type { StudentRecordLoaders } from './modules/student-record/student-record.service.js';

/** Per request: one forked EntityManager and fresh DataLoaders. */
export interface UniversityContext {
  em: EntityManager;
  profile: UniversityProfile;
  loaders: StudentRecordLoaders;
  /** Who acts, recorded on every result and rectification; authentication is not built yet (issue 6). */
  actor: string;
}
