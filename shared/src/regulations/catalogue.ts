import { DomainError, ErrorCode } from '../errors/index.js';
import { ACADEMIC_YEAR_START_MONTH, DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR } from './thesis.js';

/**
 * Academic years as the offices write them: "2025/26" is the year that starts on 1 September 2025
 * (§6 (1): an academic year of two semesters; the programme starts at KU Leuven in September,
 * §7 (1)). Stored as its starting calendar year.
 */

/** §22: the regulations apply to students starting in or after winter 2017/18; nothing is earlier. */
export const FIRST_ACADEMIC_YEAR = DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR;
/** Far enough ahead for any catalogue an office plans; a typo such as "2205/06" is refused. */
export const LAST_ACADEMIC_YEAR = 2099;

/** 2025 → "2025/26". */
export function academicYearLabel(start: number): string {
  return `${start}/${String((start + 1) % 100).padStart(2, '0')}`;
}

/** "2025/26" → 2025; anything else (2025, "2025-26", "2025/27") is refused with the form expected. */
export function parseAcademicYear(label: string, field = 'academicYear'): number {
  const m = /^(\d{4})\/(\d{2})$/.exec(label);
  const start = m ? Number(m[1]) : NaN;
  if (!m || Number(m[2]) !== (start + 1) % 100 || start < FIRST_ACADEMIC_YEAR || start > LAST_ACADEMIC_YEAR) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `An academic year is written like "2025/26", from ${academicYearLabel(FIRST_ACADEMIC_YEAR)} (§22) to ${academicYearLabel(LAST_ACADEMIC_YEAR)}`, {
      field,
      value: label,
    });
  }
  return start;
}


/**
 * §6 (2), §7 (1): a semester is 30 credits and each university teaches one, so no course of its
 * catalogue has more; a course without credits is no course of the programme.
 */
export const MIN_COURSE_CREDITS = 1;
export const MAX_COURSE_CREDITS = 30;

export function assertCourseCredits(credits: number): void {
  if (!Number.isInteger(credits) || credits < MIN_COURSE_CREDITS || credits > MAX_COURSE_CREDITS) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `Credits are a whole number from ${MIN_COURSE_CREDITS} to ${MAX_COURSE_CREDITS}: one semester at most (§6 (2), §7 (1))`, { field: 'credits', credits });
  }
}

/**
 * §15 (4) fails a course permanently once an examination's last allowed attempt fails; the course
 * descriptions set how many attempts that is (default DEFAULT_MAX_ATTEMPTS, docs/regulations.md
 * reading 10). Bounded so that a typo cannot make a course impossible to fail for good.
 */
export const MAX_ATTEMPTS_LIMIT = 10;

export function assertMaxAttempts(maxAttempts: number): void {
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1 || maxAttempts > MAX_ATTEMPTS_LIMIT) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `maxAttempts is a whole number from 1 to ${MAX_ATTEMPTS_LIMIT} (§15 (4))`, { field: 'maxAttempts', maxAttempts });
  }
}

/**
 * §7 (1): semester 1 at KU Leuven, 2 at Münster, 3 at TalTech, two semesters an academic year
 * (§6 (1)), all starting with the intake's autumn. A university enrols a student for its semester,
 * so the intake is the academic year of the enrolment, less the years before that semester
 * (TalTech's semester 3 is in the intake's second year). Read this way where the university has no
 * word from the consortium (docs/regulations.md reading 36).
 */
export function semesterYearOffset(semester: number): number {
  return Math.floor((semester - 1) / 2);
}

/** The enrolment dates of an intake at a university teaching `semester`: [from, until) as ISO dates. */
export function enrolmentWindowOfIntake(intake: number, semester: number): { from: string; until: string } {
  const year = intake + semesterYearOffset(semester);
  const month = String(ACADEMIC_YEAR_START_MONTH).padStart(2, '0');
  return { from: `${year}-${month}-01`, until: `${year + 1}-${month}-01` };
}
