/**
 * Programme-level constants of the PIONEER Examination Regulations (2017). Every number the engine
 * uses about the shape of the programme lives here, once.
 */

/** The three universities of the consortium (§1). */
export type UniversityCode = 'LEUVEN' | 'MUENSTER' | 'TTU';

/** In programme order: the semester order of §7 (1). */
export const UNIVERSITIES: readonly UniversityCode[] = ['LEUVEN', 'MUENSTER', 'TTU'];

// §6 (2), §7 (2): 120 credits in all, the Master thesis and its defence account for 30.
export const PROGRAMME_TOTAL_CREDITS = 120;
// §7 (2)
export const THESIS_CREDITS = 30;
// §7 (2): the 17 courses / modules carry the rest, 120 − 30 = 90.
export const COURSE_CREDITS = PROGRAMME_TOTAL_CREDITS - THESIS_CREDITS;

// §7 (2): 17 courses (KU Leuven, TTÜ) / modules (Münster).
export const COURSE_COUNT = 17;

// §7 (1): KU Leuven 5 courses, Münster 5 modules, TTÜ 7 courses.
export const COURSES_PER_UNIVERSITY: Readonly<Record<UniversityCode, number>> = {
  LEUVEN: 5,
  MUENSTER: 5,
  TTU: 7,
};

// §7 (1): semester 1 at KU Leuven, semester 2 at Münster, semester 3 at TTÜ.
export const SEMESTER_OF_UNIVERSITY: Readonly<Record<UniversityCode, 1 | 2 | 3>> = {
  LEUVEN: 1,
  MUENSTER: 2,
  TTU: 3,
};

// §7 (1): "The last semester is dedicated to the Master thesis and its thesis defence."
export const THESIS_SEMESTER = 4;

// §6 (1): two academic years of two semesters each.
export const STANDARD_DURATION_YEARS = 2;
export const SEMESTERS_PER_YEAR = 2;

// §6 (2): "60 credits can be earned each year".
export const CREDITS_PER_YEAR = 60;

export function isUniversityCode(value: unknown): value is UniversityCode {
  return typeof value === 'string' && (UNIVERSITIES as readonly string[]).includes(value);
}
