import type { University } from '@pioneer/shared/graphql';

export interface ComponentSeed {
  key: string;
  title: string;
  kind: 'SCORED' | 'PASS_FAIL';
  /** Relative weight in the course score (§16 (3)); 0 for pass / fail. */
  weight: number;
  maxAttempts?: number;
}

export interface CourseSeed {
  code: string;
  title: string;
  courseType: string;
  examinationTypes: string[];
  credits: number;
  components: ComponentSeed[];
}

/**
 * What differs between the three universities, as data: who they are, what they call a unit of
 * teaching, which semester they teach and their catalogue of §7 (3). The grading scale is the
 * regulations engine's table for `code`.
 */
export interface UniversityProfile {
  code: University;
  name: string;
  /** Field on the federated `Student` and prefix of this subgraph's root fields. */
  field: 'leuven' | 'muenster' | 'ttu';
  noun: { singular: string; plural: string };
  semester: number;
  /** Student numbers look like the university's own (e.g. KU Leuven r0123456). */
  studentNumber: (serial: number) => string;
  catalogue: CourseSeed[];
}

/** The hub's course codes start with the owning university's prefix (docs/catalogue.md). */
export const COURSE_CODE_PREFIX: Record<University, string> = { LEUVEN: 'LEU', MUENSTER: 'MS', TTU: 'TTU' };

export function universityOfCourseCode(code: string): University | null {
  const prefix = code.split('-')[0];
  const found = Object.entries(COURSE_CODE_PREFIX).find(([, p]) => p === prefix);
  return found ? (found[0] as University) : null;
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
