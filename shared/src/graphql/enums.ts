import { registerEnumType } from 'type-graphql';

/**
 * Enums that more than one subgraph exposes. Federation merges them by name, so they are
 * defined once here; their values are the regulations engine's string unions.
 */
export const University = { LEUVEN: 'LEUVEN', MUENSTER: 'MUENSTER', TTU: 'TTU' } as const;
export type University = (typeof University)[keyof typeof University];
registerEnumType(University, { name: 'University', description: 'The three degree-awarding universities (§1)' });

export const ResultLabel = {
  FAIL: 'FAIL',
  SUFFICIENT: 'SUFFICIENT',
  SATISFACTORY: 'SATISFACTORY',
  GOOD: 'GOOD',
  VERY_GOOD: 'VERY_GOOD',
  EXCELLENT: 'EXCELLENT',
} as const;
export type ResultLabel = (typeof ResultLabel)[keyof typeof ResultLabel];
registerEnumType(ResultLabel, { name: 'ResultLabel', description: 'Result labels of the grading tables of §16 (1)' });

export const CourseState = {
  NOT_STARTED: 'NOT_STARTED',
  IN_PROGRESS: 'IN_PROGRESS',
  COMPLETED: 'COMPLETED',
  FAILED_RETAKE_POSSIBLE: 'FAILED_RETAKE_POSSIBLE',
  PERMANENTLY_FAILED: 'PERMANENTLY_FAILED',
  RECOGNISED: 'RECOGNISED',
} as const;
export type CourseState = (typeof CourseState)[keyof typeof CourseState];
registerEnumType(CourseState, { name: 'CourseState', description: 'Where a student stands in one course / module (§8 (2), §13, §15 (4))' });
