import { DomainError, ErrorCode } from '../errors/index.js';

// §16 (1): every scored examination is scored on 0–100 points (the tables cover "< 50" … "95-100").
export const MIN_POINTS = 0;
export const MAX_POINTS = 100;

/**
 * Points are whole numbers from 0 to 100 (interpretation 2: the tables of §16 (1) list whole
 * points only, and §16 (3)/(4) round every computed score up to the "next integral number of
 * the points"). A non-integer (including NaN and ±Infinity) is POINTS_NOT_INTEGER; an integer
 * outside 0–100 is POINTS_OUT_OF_RANGE.
 */
export function assertPoints(points: unknown, what = 'points'): asserts points is number {
  if (typeof points !== 'number' || !Number.isInteger(points)) {
    throw new DomainError(ErrorCode.POINTS_NOT_INTEGER, `${what} must be a whole number of points, got ${String(points)}`, {
      what,
      points,
    });
  }
  if (points < MIN_POINTS || points > MAX_POINTS) {
    throw new DomainError(
      ErrorCode.POINTS_OUT_OF_RANGE,
      `${what} must lie between ${MIN_POINTS} and ${MAX_POINTS}, got ${points}`,
      { what, points, min: MIN_POINTS, max: MAX_POINTS },
    );
  }
}

/**
 * Weights (§16 (3) examination weights, §16 (4) course weights) are positive whole numbers:
 * relative weights such as 1:3 or ECTS credits. Anything else is INVALID_WEIGHT.
 */
export function assertWeight(weight: unknown, what = 'weight'): asserts weight is number {
  if (typeof weight !== 'number' || !Number.isSafeInteger(weight) || weight <= 0) {
    throw new DomainError(ErrorCode.INVALID_WEIGHT, `${what} must be a positive whole number, got ${String(weight)}`, {
      what,
      weight,
    });
  }
}

/**
 * §16 (4) leaves each course's weight in the overall grade to the course descriptions and takes
 * the credits as the default (docs/regulations.md, interpretation 28). Bound: 1 to 30, a whole
 * semester's credits (§6 (2), §7 (1)): no single course may weigh more than the semester it is
 * part of. (An office once set 2,147,483,647 and changed every graduate's overall grade.)
 */
export const MIN_COURSE_WEIGHT = 1;
export const MAX_COURSE_WEIGHT = 30;

/**
 * §16 (3) leaves the weights of the examinations inside a course to the course descriptions. The
 * hub keeps them as whole-number percentages (docs/catalogue.md): 1 to 100.
 */
export const MIN_EXAMINATION_WEIGHT = 1;
export const MAX_EXAMINATION_WEIGHT = 100;

function assertBoundedWeight(weight: unknown, min: number, max: number, what: string, section: string): asserts weight is number {
  assertWeight(weight, what);
  if (weight < min || weight > max) {
    throw new DomainError(ErrorCode.INVALID_WEIGHT, `${what} must lie between ${min} and ${max} (${section}), got ${weight}`, { what, weight, min, max, section });
  }
}

/** §16 (4): a course's weight in the overall grade, 1-30. */
export function assertCourseWeight(weight: unknown, what = 'overall weight'): asserts weight is number {
  assertBoundedWeight(weight, MIN_COURSE_WEIGHT, MAX_COURSE_WEIGHT, what, '§16 (4)');
}

/** §16 (3): an examination's weight in its course score, 1-100. */
export function assertExaminationWeight(weight: unknown, what = 'weight'): asserts weight is number {
  assertBoundedWeight(weight, MIN_EXAMINATION_WEIGHT, MAX_EXAMINATION_WEIGHT, what, '§16 (3)');
}
