import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import {
  checkNewAttempt,
  checkRecognition,
  courseOutcome,
  courseScore,
  DEFAULT_MAX_ATTEMPTS,
  type AttemptRecord,
  type AttemptStatus,
  type ComponentSpec,
  type CourseOutcomeInput,
} from './course.js';
import type { UniversityCode } from './programme.js';
import { gradeOnScale, passMark } from './scales.js';
import { codeOf, Rational } from './test-support.js';

/** Reference: ⌈Σ wᵢ·pᵢ / Σ wᵢ⌉ with exact fractions. */
function referenceCourseScore(components: readonly { weight: number; points: number }[]): number {
  const total = Rational.sum(components.map((c) => new Rational(c.weight)));
  const weighted = Rational.sum(components.map((c) => new Rational(c.weight * c.points)));
  return Number(weighted.div(total).ceil());
}

const scored = (key: string, weight = 1, maxAttempts?: number): ComponentSpec =>
  maxAttempts === undefined ? { key, kind: 'SCORED', weight } : { key, kind: 'SCORED', weight, maxAttempts };
const passFail = (key: string): ComponentSpec => ({ key, kind: 'PASS_FAIL', weight: 0 });
const graded = (componentKey: string, attempt: number, points: number): AttemptRecord => ({ componentKey, attempt, status: 'GRADED', points, passed: null });
const verdict = (componentKey: string, attempt: number, passed: boolean): AttemptRecord => ({ componentKey, attempt, status: 'GRADED', points: null, passed });
const missed = (componentKey: string, attempt: number, status: AttemptStatus): AttemptRecord => ({ componentKey, attempt, status, points: null, passed: null });

function course(university: UniversityCode, components: ComponentSpec[], attempts: AttemptRecord[], recognition?: { points: number | null }): CourseOutcomeInput {
  return { university, components, attempts, recognition: recognition ?? null };
}

const componentArb = fc.record({ weight: fc.integer({ min: 1, max: 1000 }), points: fc.integer({ min: 0, max: 100 }) });

describe('§16 (3) course score', () => {
  it('§16 (3) rounds 72.2 up to 73', () => {
    // weights 4 : 1, points 70 and 81 → (280 + 81) / 5 = 72.2
    expect(courseScore([{ weight: 4, points: 70 }, { weight: 1, points: 81 }])).toBe(73);
  });
  it('§16 (3) rounds 72.01 up to 73 (any decimal place rounds up)', () => {
    // (99·72 + 1·73) / 100 = 72.01
    expect(courseScore([{ weight: 99, points: 72 }, { weight: 1, points: 73 }])).toBe(73);
  });
  it('§16 (3) keeps a whole-number mean as it is (65)', () => {
    expect(courseScore([{ weight: 1, points: 60 }, { weight: 1, points: 70 }])).toBe(65);
  });
  it('§16 (3) a single examination is the course score', () => {
    expect(courseScore([{ weight: 3, points: 57 }])).toBe(57);
  });
  it('§16 (3) weights are relative: 1:3 equals 2:6', () => {
    expect(courseScore([{ weight: 1, points: 51 }, { weight: 3, points: 90 }])).toBe(81); // 80.25 → 81
    expect(courseScore([{ weight: 2, points: 51 }, { weight: 6, points: 90 }])).toBe(81);
  });
  it('§16 (3) rejects an empty set, bad weights and bad points', () => {
    expect(codeOf(() => courseScore([]))).toBe(ErrorCode.EMPTY_SCORE_SET);
    expect(codeOf(() => courseScore([{ weight: 0, points: 60 }]))).toBe(ErrorCode.INVALID_WEIGHT);
    expect(codeOf(() => courseScore([{ weight: 0.5, points: 60 }]))).toBe(ErrorCode.INVALID_WEIGHT);
    expect(codeOf(() => courseScore([{ weight: 1, points: 60.5 }]))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    expect(codeOf(() => courseScore([{ weight: 1, points: 101 }]))).toBe(ErrorCode.POINTS_OUT_OF_RANGE);
  });
  it('property: the exact score equals the rational reference (≥ 2000 cases)', () => {
    fc.assert(fc.property(fc.array(componentArb, { minLength: 1, maxLength: 8 }), (cs) => courseScore(cs) === referenceCourseScore(cs)), {
      numRuns: 3000,
    });
  });
  it('property: min ≤ score ≤ max, and score − mean < 1', () => {
    fc.assert(
      fc.property(fc.array(componentArb, { minLength: 1, maxLength: 8 }), (cs) => {
        const s = courseScore(cs);
        const ps = cs.map((c) => c.points);
        const mean = Rational.sum(cs.map((c) => new Rational(c.weight * c.points))).div(Rational.sum(cs.map((c) => new Rational(c.weight))));
        return Math.min(...ps) <= s && s <= Math.max(...ps) && new Rational(s).compare(mean) >= 0 && new Rational(s - 1).compare(mean) < 0;
      }),
      { numRuns: 2000 },
    );
  });
  it('property: scaling all weights by k changes nothing; more points never lower the score', () => {
    fc.assert(
      fc.property(fc.array(componentArb, { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 50 }), fc.nat(), (cs, k, i) => {
        const scaledSame = courseScore(cs.map((c) => ({ ...c, weight: c.weight * k }))) === courseScore(cs);
        const j = i % cs.length;
        const raised = cs.map((c, idx) => (idx === j ? { ...c, points: Math.min(100, c.points + 1) } : c));
        return scaledSame && courseScore(raised) >= courseScore(cs);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('§8 (2) course completion', () => {
  it('§8 (2) a course is completed when every examination is passed', () => {
    const o = courseOutcome(course('LEUVEN', [scored('exam', 3), scored('paper', 1)], [graded('exam', 1, 70), graded('paper', 1, 81)]));
    expect(o.state).toBe('COMPLETED');
    expect(o.completed).toBe(true);
    expect(o.score).toBe(73); // (210 + 81) / 4 = 72.75
    expect(o.grade).toEqual(gradeOnScale('LEUVEN', 73));
    expect(o.attemptsLeft).toBe(0);
  });
  it('§8 (2) a high weighted score never rescues a failed examination', () => {
    // weights 9 : 1, points 100 and 30 → score 93, but the paper failed
    const o = courseOutcome(course('MUENSTER', [scored('exam', 9), scored('paper', 1)], [graded('exam', 1, 100), graded('paper', 1, 30)]));
    expect(o.score).toBe(93);
    expect(o.completed).toBe(false);
    expect(o.state).toBe('FAILED_RETAKE_POSSIBLE');
    expect(o.grade).toBeNull();
    expect(o.hasFailedAttempt).toBe(true);
    expect(o.attemptsLeft).toBe(1);
  });
  it('§8 (2) a failed pass/fail examination blocks completion', () => {
    const o = courseOutcome(course('TTU', [scored('exam'), passFail('participation')], [graded('exam', 1, 95), verdict('participation', 1, false)]));
    expect(o.completed).toBe(false);
    expect(o.state).toBe('FAILED_RETAKE_POSSIBLE');
  });
  it('§16 (1), (3) pass/fail examinations stay out of the weighting', () => {
    const o = courseOutcome(course('TTU', [scored('exam', 2), passFail('participation'), scored('essay', 1)], [
      graded('exam', 1, 70),
      verdict('participation', 1, true),
      graded('essay', 1, 91),
    ]));
    expect(o.score).toBe(courseScore([{ weight: 2, points: 70 }, { weight: 1, points: 91 }]));
    expect(o.state).toBe('COMPLETED');
  });
  it('§16 (1) 50 points pass at KU Leuven and Münster but fail at TTÜ', () => {
    for (const [u, passed] of [['LEUVEN', true], ['MUENSTER', true], ['TTU', false]] as const) {
      expect(courseOutcome(course(u, [scored('exam')], [graded('exam', 1, 50)])).completed).toBe(passed);
    }
  });
  it('§16 (3) the score waits until every scored examination has an attempt', () => {
    const o = courseOutcome(course('LEUVEN', [scored('exam'), scored('paper')], [graded('exam', 1, 80)]));
    expect(o.score).toBeNull();
    expect(o.state).toBe('IN_PROGRESS');
  });
  it('NOT_STARTED without attempts', () => {
    const o = courseOutcome(course('LEUVEN', [scored('exam')], []));
    expect([o.state, o.score, o.attemptsUsed, o.attemptsLeft, o.hasFailedAttempt]).toEqual(['NOT_STARTED', null, 0, DEFAULT_MAX_ATTEMPTS, false]);
  });
  it('a course of pass/fail examinations only is completed without a score', () => {
    const o = courseOutcome(course('TTU', [passFail('attendance')], [verdict('attendance', 1, true)]));
    expect([o.state, o.completed, o.score, o.grade]).toEqual(['COMPLETED', true, null, null]);
  });
});

describe('§20 absence, withdrawal, deception', () => {
  it.each<AttemptStatus>(['ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM'])('§20 (1)/(2) %s is a failed attempt with 0 points', (status) => {
    const o = courseOutcome(course('LEUVEN', [scored('exam')], [missed('exam', 1, status)]));
    expect(o.components[0]).toMatchObject({ attemptsUsed: 1, latestPoints: 0, passed: false });
    expect(o.score).toBe(0);
    expect(o.state).toBe('FAILED_RETAKE_POSSIBLE');
  });
  it('§20 a non-graded attempt at a pass/fail examination is a fail', () => {
    const o = courseOutcome(course('TTU', [scored('exam'), passFail('attendance')], [graded('exam', 1, 70), missed('attendance', 1, 'ABSENT')]));
    expect(o.components[1]).toMatchObject({ passed: false, latestPoints: null });
  });
  it('§20 a non-graded attempt cannot carry points or a pass', () => {
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('exam')], [{ ...missed('exam', 1, 'ABSENT'), points: 40 }])))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('exam')], [{ ...missed('exam', 1, 'FRAUD'), passed: true }])))).toBe(ErrorCode.BAD_USER_INPUT);
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('exam')], [{ ...missed('exam', 1, 'ABSENT'), points: 0 }])))).toBe('NO_ERROR');
  });
});

describe('§15 (4) retakes and permanent failure', () => {
  it('§15 (4) a second failed attempt fails the course permanently (default 2 attempts)', () => {
    const o = courseOutcome(course('MUENSTER', [scored('exam')], [graded('exam', 1, 40), graded('exam', 2, 45)]));
    expect(o.state).toBe('PERMANENTLY_FAILED');
    expect(o.permanentlyFailed).toBe(true);
    expect(o.components[0]!.finallyFailed).toBe(true);
    expect(o.attemptsLeft).toBe(0);
  });
  it('§15 (4) a passed retake completes the course; the fail is no longer outstanding', () => {
    const o = courseOutcome(course('MUENSTER', [scored('exam')], [graded('exam', 1, 40), graded('exam', 2, 62)]));
    expect([o.state, o.score, o.attemptsUsed, o.hasFailedAttempt]).toEqual(['COMPLETED', 62, 2, false]);
    expect(o.grade?.grade).toBe('3.3');
  });
  it('§15 (4) maximum attempts are configurable per examination', () => {
    const o = courseOutcome(course('TTU', [scored('exam', 1, 3)], [graded('exam', 1, 40), graded('exam', 2, 45)]));
    expect([o.state, o.attemptsLeft]).toEqual(['FAILED_RETAKE_POSSIBLE', 1]);
  });
  it('§15 (4) one examination finally failed fails the course even if another is pending', () => {
    const o = courseOutcome(course('TTU', [scored('exam'), scored('essay')], [graded('exam', 1, 10), graded('exam', 2, 20)]));
    expect(o.state).toBe('PERMANENTLY_FAILED');
  });
  it('course attemptsLeft is the minimum over examinations not yet passed', () => {
    const o = courseOutcome(course('TTU', [scored('exam', 1, 3), scored('essay', 1, 2), scored('talk')], [
      graded('exam', 1, 10),
      graded('essay', 1, 20),
      graded('talk', 1, 90),
    ]));
    expect([o.attemptsUsed, o.attemptsLeft]).toEqual([1, 1]);
  });
  it('checkNewAttempt gives the next attempt number and refuses when settled', () => {
    const failedOnce = course('LEUVEN', [scored('exam'), scored('paper')], [graded('exam', 1, 30), graded('paper', 1, 80)]);
    expect(checkNewAttempt(failedOnce, 'exam')).toBe(2);
    expect(codeOf(() => checkNewAttempt(failedOnce, 'paper'))).toBe(ErrorCode.ATTEMPT_OUT_OF_ORDER);
    expect(codeOf(() => checkNewAttempt(failedOnce, 'oral'))).toBe(ErrorCode.UNKNOWN_EXAMINATION);
    const done = course('LEUVEN', [scored('exam')], [graded('exam', 1, 60)]);
    expect(codeOf(() => checkNewAttempt(done, 'exam'))).toBe(ErrorCode.COURSE_ALREADY_COMPLETED);
    const lost = course('LEUVEN', [scored('exam')], [graded('exam', 1, 30), graded('exam', 2, 30)]);
    expect(codeOf(() => checkNewAttempt(lost, 'exam'))).toBe(ErrorCode.COURSE_PERMANENTLY_FAILED);
  });
});

describe('attempt records are checked', () => {
  const one = [scored('exam')];
  it.each([
    ['an unknown examination', [graded('oral', 1, 60)], ErrorCode.UNKNOWN_EXAMINATION],
    ['a gap in attempt numbers', [graded('exam', 1, 30), graded('exam', 3, 60)], ErrorCode.ATTEMPT_OUT_OF_ORDER],
    ['a repeated attempt number', [graded('exam', 1, 30), graded('exam', 1, 60)], ErrorCode.ATTEMPT_OUT_OF_ORDER],
    ['an attempt after a pass', [graded('exam', 1, 70), graded('exam', 2, 80)], ErrorCode.ATTEMPT_OUT_OF_ORDER],
    ['more attempts than allowed', [graded('exam', 1, 10), graded('exam', 2, 10), graded('exam', 3, 10)], ErrorCode.ATTEMPT_LIMIT_EXCEEDED],
    ['a verdict on a scored examination', [{ ...graded('exam', 1, 70), passed: true }], ErrorCode.PASS_FAIL_ON_SCORED_EXAMINATION],
    ['a graded scored attempt without points', [{ ...graded('exam', 1, 70), points: null }], ErrorCode.BAD_USER_INPUT],
    ['fractional points', [graded('exam', 1, 55.5)], ErrorCode.POINTS_NOT_INTEGER],
    ['points above 100', [graded('exam', 1, 120)], ErrorCode.POINTS_OUT_OF_RANGE],
  ] as const)('refuses %s', (_what, attempts, code) => {
    expect(codeOf(() => courseOutcome(course('LEUVEN', one, [...attempts])))).toBe(code);
  });
  it('refuses points on a pass/fail examination and a missing verdict', () => {
    expect(codeOf(() => courseOutcome(course('TTU', [scored('exam'), passFail('att')], [{ ...verdict('att', 1, true), points: 60 }])))).toBe(
      ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION,
    );
    expect(codeOf(() => courseOutcome(course('TTU', [scored('exam'), passFail('att')], [{ ...verdict('att', 1, true), passed: null }])))).toBe(
      ErrorCode.BAD_USER_INPUT,
    );
  });
  it('refuses bad course specifications', () => {
    expect(codeOf(() => courseOutcome(course('LEUVEN', [], [])))).toBe(ErrorCode.EMPTY_SCORE_SET);
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('a'), scored('a')], [])))).toBe(ErrorCode.CONFIG_INVALID);
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('a', 0)], [])))).toBe(ErrorCode.INVALID_WEIGHT);
    expect(codeOf(() => courseOutcome(course('LEUVEN', [scored('a', 1, 0)], [])))).toBe(ErrorCode.CONFIG_INVALID);
    expect(codeOf(() => courseOutcome(course('GHENT' as UniversityCode, [scored('a')], [])))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});

describe('§13 recognition', () => {
  it('§13 a recognised course is completed with its transferred points', () => {
    const o = courseOutcome(course('MUENSTER', [scored('exam')], [], { points: 88 }));
    expect([o.state, o.completed, o.score, o.grade?.grade, o.grade?.label]).toEqual(['RECOGNISED', true, 88, '1.7', 'GOOD']);
  });
  it('§13 a recognition without transferred points has no score or grade', () => {
    const o = courseOutcome(course('TTU', [scored('exam')], [], { points: null }));
    expect([o.state, o.completed, o.score, o.grade]).toEqual(['RECOGNISED', true, null, null]);
  });
  it('§13 recognised points must pass on the university’s table', () => {
    expect(codeOf(() => courseOutcome(course('TTU', [scored('exam')], [], { points: passMark('TTU') - 1 })))).toBe(ErrorCode.POINTS_OUT_OF_RANGE);
  });
  it('§13, §15 (4) a permanently failed course stays failed; checkRecognition refuses to recognise it', () => {
    const attempts = [graded('exam', 1, 10), graded('exam', 2, 10)];
    expect(courseOutcome(course('TTU', [scored('exam')], attempts, { points: 80 })).state).toBe('PERMANENTLY_FAILED');
    expect(codeOf(() => checkRecognition({ university: 'TTU', components: [scored('exam')], attempts, recognition: { points: 80 } }))).toBe(
      ErrorCode.COURSE_PERMANENTLY_FAILED,
    );
    expect(codeOf(() => checkRecognition({ university: 'TTU', components: [scored('exam')], attempts: [], recognition: { points: 80 } }))).toBe('NO_ERROR');
  });
});

describe('course outcome laws', () => {
  const attemptArb = fc.record({
    status: fc.constantFrom<AttemptStatus>('GRADED', 'GRADED', 'GRADED', 'ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM'),
    points: fc.integer({ min: 0, max: 100 }),
  });
  const historyArb = fc.array(attemptArb, { maxLength: 2 });
  it('property: completed ⇔ every latest attempt passes; a completed course has a passing grade; never both completed and permanently failed', () => {
    fc.assert(
      fc.property(fc.constantFrom<UniversityCode>('LEUVEN', 'MUENSTER', 'TTU'), fc.array(fc.tuple(fc.integer({ min: 1, max: 5 }), historyArb), { minLength: 1, maxLength: 4 }), (u, specs) => {
        const components = specs.map(([w], i) => scored(`c${i}`, w));
        const attempts: AttemptRecord[] = [];
        specs.forEach(([, history], i) => {
          for (const [n, a] of history.entries()) {
            attempts.push(a.status === 'GRADED' ? graded(`c${i}`, n + 1, a.points) : missed(`c${i}`, n + 1, a.status));
            if (a.status === 'GRADED' && a.points >= passMark(u)) break; // nothing follows a pass
          }
        });
        const o = courseOutcome(course(u, components, attempts));
        const everyPassed = o.components.every((c) => c.passed);
        return (
          o.completed === everyPassed &&
          !(o.completed && o.permanentlyFailed) &&
          (!o.completed || (o.grade !== null && o.grade.passed)) &&
          (o.score === null || o.score === courseScore(components.map((c, i) => ({ weight: c.weight, points: o.components[i]!.latestPoints! }))))
        );
      }),
      { numRuns: 2000 },
    );
  });
});
