import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import { overallGrade, overallScore, overallWeight, type WeightedCourseScore } from './overall.js';
import { COURSE_CREDITS } from './programme.js';
import { gradeOnScale } from './scales.js';
import { codeOf, Rational } from './test-support.js';

/**
 * Reference for §16 (4), straight from the text with exact fractions: the thesis counts 1/4, the
 * weighted mean of the course scores 3/4; "all decimal places are rounded up" once.
 */
function referenceOverall(courses: readonly WeightedCourseScore[], thesis: number): number {
  const weights = Rational.sum(courses.map((c) => new Rational(c.weight)));
  const mean = Rational.sum(courses.map((c) => new Rational(c.weight).mul(new Rational(c.score)))).div(weights);
  return Number(new Rational(3, 4).mul(mean).add(new Rational(1, 4).mul(new Rational(thesis))).ceil());
}

function exactOverallValue(courses: readonly WeightedCourseScore[], thesis: number): Rational {
  const weights = Rational.sum(courses.map((c) => new Rational(c.weight)));
  const mean = Rational.sum(courses.map((c) => new Rational(c.weight * c.score))).div(weights);
  return new Rational(3, 4).mul(mean).add(new Rational(thesis, 4));
}

// The real catalogue mix: KU Leuven 5 × 6, Münster 5 × 6, TTÜ 3 × 6 + 4 × 3 credits = 90.
const CATALOGUE_CREDITS = [6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 6, 3, 3, 3, 3] as const;

/** The tempting float formula: Σ (credits / 90 × 0.75 × score) + 0.25 × thesis, then Math.ceil. */
function floatFormula(scores: readonly number[], thesis: number): number {
  let sum = 0;
  scores.forEach((score, i) => {
    sum += (CATALOGUE_CREDITS[i]! / 90) * 0.75 * score;
  });
  return Math.ceil(sum + 0.25 * thesis);
}

const withCatalogueCredits = (scores: readonly number[]): WeightedCourseScore[] =>
  scores.map((score, i) => ({ score, weight: CATALOGUE_CREDITS[i]! }));

const passing = fc.integer({ min: 50, max: 100 });
const catalogueCase = fc.record({
  scores: fc.array(passing, { minLength: CATALOGUE_CREDITS.length, maxLength: CATALOGUE_CREDITS.length }),
  thesis: passing,
});
const anyCase = fc.record({
  courses: fc.array(fc.record({ score: fc.integer({ min: 0, max: 100 }), weight: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 20 }),
  thesis: fc.integer({ min: 0, max: 100 }),
});

describe('§16 (4) overall score', () => {
  it('§16 (4) the thesis counts 25 %, the weighted courses 75 %: courses 80, thesis 60 → 75', () => {
    expect(overallScore([{ score: 80, weight: 6 }, { score: 80, weight: 3 }], 60)).toBe(75);
  });
  it('§16 (4) decimal places round up: courses 71, thesis 70 → 70.75 → 71', () => {
    expect(overallScore([{ score: 71, weight: 6 }], 70)).toBe(71);
  });
  it('§16 (4) rounds once, at the end: course mean 50.5 and thesis 48 give 50 (rounding the mean first would give 51)', () => {
    // exact: (3 · 50.5 + 48) / 4 = 49.875 → 50; with the mean rounded first: (3 · 51 + 48) / 4 = 50.25 → 51
    const courses = [{ score: 50, weight: 1 }, { score: 51, weight: 1 }];
    expect(overallScore(courses, 48)).toBe(50);
    expect(Math.ceil((3 * Math.ceil(50.5) + 48) / 4)).toBe(51);
  });
  it('§16 (4) courses are weighted (credits by default): 6 credits at 90 and 3 at 60 → mean 80', () => {
    // (3 · 80 + 80) / 4 = 80
    const courses = [{ credits: 6, score: 90 }, { credits: 3, score: 60 }].map((c) => ({ score: c.score, weight: overallWeight(c) }));
    expect(overallScore(courses, 80)).toBe(80);
  });
  it('§16 (4) a configured weight replaces the credits', () => {
    expect(overallWeight({ credits: 6 })).toBe(6);
    expect(overallWeight({ credits: 6, weight: 2 })).toBe(2);
    expect(overallWeight({ credits: 6, weight: null })).toBe(6);
    expect(codeOf(() => overallWeight({ credits: 6, weight: 0 }))).toBe(ErrorCode.INVALID_WEIGHT);
    // equal weights instead of 6:3 → mean 75 → (225 + 80) / 4 = 76.25 → 77
    expect(overallScore([{ score: 90, weight: 1 }, { score: 60, weight: 1 }], 80)).toBe(77);
  });
  it('§16 (4) the overall grade is read on the KU Leuven table: 89 → 17 Very Good', () => {
    expect(overallGrade([{ score: 89, weight: 90 }], 89)).toEqual({ ...gradeOnScale('OVERALL', 89), grade: '17', label: 'VERY_GOOD' });
  });
  it('§16 (4) refuses an empty course set, bad weights and bad scores', () => {
    expect(codeOf(() => overallScore([], 80))).toBe(ErrorCode.EMPTY_SCORE_SET);
    expect(codeOf(() => overallScore([{ score: 80, weight: -6 }], 80))).toBe(ErrorCode.INVALID_WEIGHT);
    expect(codeOf(() => overallScore([{ score: 80.5, weight: 6 }], 80))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => overallScore([{ score: 80, weight: 6 }], 101))).toBe(ErrorCode.POINTS_OUT_OF_RANGE);
  });
});

describe('§16 (4) laws', () => {
  it('property: the exact implementation agrees with the rational reference (≥ 2000 random cases)', () => {
    fc.assert(fc.property(anyCase, ({ courses, thesis }) => overallScore(courses, thesis) === referenceOverall(courses, thesis)), { numRuns: 3000 });
    fc.assert(fc.property(catalogueCase, ({ scores, thesis }) => overallScore(withCatalogueCredits(scores), thesis) === referenceOverall(withCatalogueCredits(scores), thesis)), {
      numRuns: 2000,
    });
  });
  /*
   * Law: with m = min and M = max of all inputs (course scores and thesis score),
   *   m ≤ overallScore ≤ M, and overallScore − x < 1 for the exact value x.
   * Proof: x = Σ (3wᵢ / 4W)·sᵢ + (1/4)·t with W = Σ wᵢ is a convex combination (non-negative
   * coefficients summing to 3/4 + 1/4 = 1), so m ≤ x ≤ M. The inputs are whole numbers, so
   * ⌈m⌉ = m ≤ ⌈x⌉, and x ≤ M with M whole gives ⌈x⌉ ≤ M. ⌈x⌉ − x < 1 by definition of ⌈·⌉.
   */
  it('property: ⌈min⌉ = min ≤ overall ≤ max of the inputs, and overall − exact value < 1', () => {
    fc.assert(
      fc.property(anyCase, ({ courses, thesis }) => {
        const all = [...courses.map((c) => c.score), thesis];
        const o = overallScore(courses, thesis);
        const x = exactOverallValue(courses, thesis);
        return Math.min(...all) <= o && o <= Math.max(...all) && new Rational(o).compare(x) >= 0 && new Rational(o - 1).compare(x) < 0;
      }),
      { numRuns: 2000 },
    );
  });
  it('property: a better course or thesis score never lowers the overall score', () => {
    fc.assert(
      fc.property(anyCase, fc.nat(), ({ courses, thesis }, i) => {
        const j = i % courses.length;
        const better = courses.map((c, k) => (k === j ? { ...c, score: Math.min(100, c.score + 1) } : c));
        return overallScore(better, thesis) >= overallScore(courses, thesis) && overallScore(courses, Math.min(100, thesis + 1)) >= overallScore(courses, thesis);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('§16 (4) the float formula is wrong', () => {
  it('property: the float formula gives the exact score or one point too many, the latter only when the exact value is whole', () => {
    fc.assert(
      fc.property(catalogueCase, ({ scores, thesis }) => {
        const exact = overallScore(withCatalogueCredits(scores), thesis);
        const float = floatFormula(scores, thesis);
        const whole = exactOverallValue(withCatalogueCredits(scores), thesis).isInteger();
        return float === exact || (float === exact + 1 && whole);
      }),
      { numRuns: 5000 },
    );
  });
  it('fast-check finds catalogue inputs where the float formula gives one point too many', () => {
    const run = fc.check(
      fc.property(catalogueCase, ({ scores, thesis }) => floatFormula(scores, thesis) === overallScore(withCatalogueCredits(scores), thesis)),
      { numRuns: 20000, seed: 20170905 },
    );
    expect(run.failed).toBe(true);
    const [found] = run.counterexample!;
    console.info('float-formula counterexample (shrunk):', JSON.stringify(found));
    expect(floatFormula(found.scores, found.thesis)).toBe(overallScore(withCatalogueCredits(found.scores), found.thesis) + 1);
  });
  it('fast-check finds many of them among random catalogue cases', () => {
    const cases = fc.sample(catalogueCase, { numRuns: 20000, seed: 42 });
    const wrong = cases.filter(({ scores, thesis }) => floatFormula(scores, thesis) !== overallScore(withCatalogueCredits(scores), thesis));
    expect(wrong.length).toBeGreaterThanOrEqual(5);
    for (const { scores, thesis } of wrong) expect(floatFormula(scores, thesis)).toBe(overallScore(withCatalogueCredits(scores), thesis) + 1);
  });

  const uniform = (score: number): number[] => CATALOGUE_CREDITS.map(() => score);
  const regressions: [name: string, scores: number[], thesis: number, exact: number, floatGives: number, grade: string][] = [
    ['every course 53, thesis 53', uniform(53), 53, 53, 54, '10'],
    ['every course 59, thesis 59', uniform(59), 59, 59, 60, '11'],
    ['every course 69, thesis 69', uniform(69), 69, 69, 70, '13'],
    ['every course 79, thesis 79', uniform(79), 79, 79, 80, '15'],
    ['every course 89, thesis 89', uniform(89), 89, 89, 90, '17'],
    ['every course 74, thesis 54', uniform(74), 54, 69, 70, '13'],
    ['mixed scores, thesis 100', [69, 84, 50, 73, 71, 82, 90, 97, 79, 81, 54, 82, 70, 93, 58, 77, 88], 100, 82, 83, '16'],
    ['mixed scores, thesis 56', [65, 59, 50, 71, 59, 68, 50, 72, 67, 54, 59, 88, 72, 68, 91, 53, 80], 56, 63, 64, '12'],
    ['mixed scores, thesis 94', [88, 74, 52, 69, 50, 63, 81, 55, 84, 77, 51, 69, 87, 83, 53, 60, 64], 94, 75, 76, '15'],
    ['mixed scores, thesis 50 (fast-check seed 20170905)', [82, 81, 76, 62, 98, 59, 67, 66, 96, 99, 84, 57, 87, 74, 53, 93, 92], 50, 71, 72, '14'],
  ];
  it.each(regressions)('§16 (4) %s → %i (float formula would give %i)', (_name, scores, thesis, exact, floatGives, grade) => {
    expect(floatGives).toBe(exact + 1);
    expect(scores.reduce((s, _x, i) => s + CATALOGUE_CREDITS[i]!, 0)).toBe(COURSE_CREDITS);
    expect(overallScore(withCatalogueCredits(scores), thesis)).toBe(exact);
    expect(referenceOverall(withCatalogueCredits(scores), thesis)).toBe(exact);
    expect(floatFormula(scores, thesis)).toBe(floatGives);
    expect(overallGrade(withCatalogueCredits(scores), thesis).grade).toBe(grade);
  });
  it('§16 (4) every course 89, thesis 89 → 89 = 17 Very Good (float formula would give 90 = 18 Excellent)', () => {
    expect(overallGrade(withCatalogueCredits(uniform(89)), 89)).toMatchObject({ points: 89, grade: '17', label: 'VERY_GOOD' });
    expect(gradeOnScale('OVERALL', floatFormula(uniform(89), 89))).toMatchObject({ points: 90, grade: '18', label: 'EXCELLENT' });
  });
});
