/**
 * §16 (4): the final overall score and grade.
 *
 *   overall = ⌈ (75 % · Σ wᵢ·sᵢ / Σ wᵢ) + 25 % · thesis ⌉
 *           = ⌈ (75 · Σ wᵢ·sᵢ + 25 · thesis · Σ wᵢ) / (100 · Σ wᵢ) ⌉
 *
 * computed as one fraction of BigInts and rounded up once, at the end. Course scores are already
 * whole points (§16 (3)), so nothing is rounded before.
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { ceilDiv } from './exact.js';
import { assertPoints, assertWeight } from './points.js';
import { gradeOnScale, type LocalGrade } from './scales.js';

// §16 (4): "The score of the Master thesis module accounts for 25 per cent of the final overall grade."
export const OVERALL_THESIS_SHARE_PERCENT = 25;
/** The courses share the remaining 75 per cent, weighted among themselves. */
export const OVERALL_COURSES_SHARE_PERCENT = 100 - OVERALL_THESIS_SHARE_PERCENT;

/** The scale of the §16 (4) final overall grade (the KU Leuven table printed there). */
export const OVERALL_SCALE = 'OVERALL' as const;

export interface WeightedCourseScore {
  score: number;
  /** Positive whole number; by default the course's ECTS credits (see overallWeight). */
  weight: number;
}

/**
 * §16 (4) weight of a course: configured per course (the Course Descriptions "designate the
 * weighting"), by default its ECTS credits.
 */
export function overallWeight(course: { credits: number; weight?: number | null }): number {
  const weight = course.weight ?? course.credits;
  assertWeight(weight, 'overall weight of a course');
  return weight;
}

/** §16 (4) final overall score, exact, rounded up once. */
export function overallScore(courses: readonly WeightedCourseScore[], thesisScore: number): number {
  if (courses.length === 0) {
    throw new DomainError(ErrorCode.EMPTY_SCORE_SET, 'the overall score needs at least one weighted course score (§16 (4))');
  }
  courses.forEach((c, i) => {
    assertPoints(c.score, `score of course ${i + 1}`);
    assertWeight(c.weight, `weight of course ${i + 1}`);
  });
  assertPoints(thesisScore, 'thesis score');

  let weightedSum = 0n; // Σ wᵢ·sᵢ
  let weightTotal = 0n; // Σ wᵢ
  for (const c of courses) {
    weightedSum += BigInt(c.weight) * BigInt(c.score);
    weightTotal += BigInt(c.weight);
  }
  const numerator =
    BigInt(OVERALL_COURSES_SHARE_PERCENT) * weightedSum + BigInt(OVERALL_THESIS_SHARE_PERCENT) * BigInt(thesisScore) * weightTotal;
  const denominator = 100n * weightTotal;
  return Number(ceilDiv(numerator, denominator));
}

/** §16 (4) final overall grade: the overall score on the OVERALL (KU Leuven) table. */
export function overallGrade(courses: readonly WeightedCourseScore[], thesisScore: number): LocalGrade {
  return gradeOnScale(OVERALL_SCALE, overallScore(courses, thesisScore));
}
