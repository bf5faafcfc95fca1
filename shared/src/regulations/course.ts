/**
 * Course / module results: §8 (2) completion, §16 (3) course score, §15 (4) permanent failure,
 * §20 absence / withdrawal / deception, §13 recognition.
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { weightedMeanCeil } from './exact.js';
import { assertPoints, assertWeight } from './points.js';
import { isUniversityCode, type UniversityCode } from './programme.js';
import { gradeOnScale, isPassingPoints, passMark, type LocalGrade } from './scales.js';

/**
 * Attempts per examination when the course description sets none: the first sitting and one
 * retake, mirroring the single retake of §15 (2) (the course descriptions are not in our text).
 */
export const DEFAULT_MAX_ATTEMPTS = 2;

/**
 * §16 (3): the course / module score is the weighted mean of the scores of its examinations,
 * rounded up to the next whole point ("all decimal places are rounded up"), once, exactly.
 * A course with a single examination has that examination's score.
 */
export function courseScore(components: readonly { weight: number; points: number }[]): number {
  if (components.length === 0) {
    throw new DomainError(ErrorCode.EMPTY_SCORE_SET, 'a course score needs at least one scored examination (§9 (1), §16 (3))');
  }
  components.forEach((c, i) => {
    assertWeight(c.weight, `weight of examination ${i + 1}`);
    assertPoints(c.points, `points of examination ${i + 1}`);
  });
  // §16 (3): ⌈Σ wᵢ·pᵢ / Σ wᵢ⌉
  return weightedMeanCeil(components.map((c) => ({ weight: c.weight, value: c.points })));
}

// ---------------------------------------------------------------------------------------------

/** §16 (1): an examination is either scored or graded pass / fail. */
export interface ComponentSpec {
  key: string;
  kind: 'SCORED' | 'PASS_FAIL';
  /** §16 (3) relative weight from the course description; ignored for PASS_FAIL. */
  weight: number;
  /** Attempts allowed (first sitting included); DEFAULT_MAX_ATTEMPTS when absent. */
  maxAttempts?: number;
}

/** §20: every status but GRADED is a failed attempt with 0 points. */
export type AttemptStatus = 'GRADED' | 'ABSENT' | 'WITHDRAWN' | 'FRAUD' | 'PLAGIARISM';
export const ATTEMPT_STATUSES: readonly AttemptStatus[] = ['GRADED', 'ABSENT', 'WITHDRAWN', 'FRAUD', 'PLAGIARISM'];

export interface AttemptRecord {
  componentKey: string;
  /** 1 for the first sitting, 2 for the first retake, … */
  attempt: number;
  status: AttemptStatus;
  /** SCORED + GRADED: the points; otherwise null (0 is tolerated for non-GRADED scored attempts). */
  points: number | null;
  /** PASS_FAIL + GRADED: the verdict; otherwise null (false is tolerated for non-GRADED attempts). */
  passed: boolean | null;
}

export interface CourseOutcomeInput {
  university: UniversityCode;
  components: ComponentSpec[];
  attempts: AttemptRecord[];
  /** §13: recognised by the Academic Committee; `points` transferred, or null when none were. */
  recognition?: { points: number | null } | null;
}

export interface ComponentOutcome {
  key: string;
  kind: 'SCORED' | 'PASS_FAIL';
  attemptsUsed: number;
  /** Attempts still allowed; 0 once passed. */
  attemptsLeft: number;
  /** SCORED: points of the latest attempt (0 for a non-GRADED one); PASS_FAIL or no attempt: null. */
  latestPoints: number | null;
  /** The latest attempt passed. */
  passed: boolean;
  /** The latest attempt failed and no attempt is left (§15 (4)). */
  finallyFailed: boolean;
}

export const COURSE_STATES = ['NOT_STARTED', 'IN_PROGRESS', 'COMPLETED', 'FAILED_RETAKE_POSSIBLE', 'PERMANENTLY_FAILED', 'RECOGNISED'] as const;
export type CourseState = (typeof COURSE_STATES)[number];

/** §8 (2) completed, or §13 recognised, which completes a course: its credits are earned (§6 (2)). */
export function isCompleted(state: CourseState): boolean {
  return state === 'COMPLETED' || state === 'RECOGNISED';
}

export interface CourseOutcome {
  state: CourseState;
  /** §16 (3) score once every scored examination has a latest attempt (also when the course is not completed); for a recognised course the transferred points. */
  score: number | null;
  /** The course grade: only for a completed (or recognised-with-points) course; a failed course gets none, whatever its score. */
  grade: LocalGrade | null;
  /** §8 (2): every examination passed (or §13 recognised). */
  completed: boolean;
  /** §15 (4): an examination failed with no attempt left. */
  permanentlyFailed: boolean;
  /** Highest attempt count over the examinations. */
  attemptsUsed: number;
  /** Fewest attempts left over the examinations not yet passed; 0 when completed. */
  attemptsLeft: number;
  /** Some examination's LATEST attempt failed: an outstanding fail (false once it is passed on retake). */
  hasFailedAttempt: boolean;
  components: ComponentOutcome[];
}

interface EvaluatedAttempt {
  attempt: number;
  passed: boolean;
  points: number | null;
}

function maxAttemptsOf(spec: ComponentSpec): number {
  const max = spec.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new DomainError(ErrorCode.CONFIG_INVALID, `maxAttempts of examination ${spec.key} must be a positive whole number`, {
      examinationKey: spec.key,
      maxAttempts: max,
    });
  }
  return max;
}

function evaluateAttempt(university: UniversityCode, spec: ComponentSpec, a: AttemptRecord): EvaluatedAttempt {
  const details = { examinationKey: spec.key, attempt: a.attempt, status: a.status };
  if (!(ATTEMPT_STATUSES as readonly string[]).includes(a.status)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown attempt status ${String(a.status)}`, details);
  }
  if (a.status !== 'GRADED') {
    // §20 (1)/(2): absence, withdrawal, deception or plagiarism — "considered a fail", 0 points.
    if ((a.points !== null && a.points !== 0) || (a.passed !== null && a.passed !== false)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `a ${a.status} attempt is a fail and carries no points or pass verdict`, details);
    }
    if (spec.kind === 'PASS_FAIL' && a.points !== null) {
      throw new DomainError(ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION, `examination ${spec.key} is pass/fail and takes no points`, details);
    }
    return { attempt: a.attempt, passed: false, points: spec.kind === 'SCORED' ? 0 : null };
  }
  if (spec.kind === 'SCORED') {
    if (a.passed !== null) {
      throw new DomainError(ErrorCode.PASS_FAIL_ON_SCORED_EXAMINATION, `examination ${spec.key} is scored: record points, not a pass/fail verdict`, details);
    }
    if (a.points === null) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `a graded attempt at the scored examination ${spec.key} needs points`, details);
    }
    assertPoints(a.points, `points of ${spec.key} attempt ${a.attempt}`);
    // §16 (1): passed when the result is not "Fail" on the university's table.
    return { attempt: a.attempt, passed: isPassingPoints(university, a.points), points: a.points };
  }
  if (a.points !== null) {
    throw new DomainError(ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION, `examination ${spec.key} is pass/fail and takes no points`, details);
  }
  if (typeof a.passed !== 'boolean') {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `a graded attempt at the pass/fail examination ${spec.key} needs a verdict`, details);
  }
  return { attempt: a.attempt, passed: a.passed, points: null };
}

function evaluateComponent(university: UniversityCode, spec: ComponentSpec, records: readonly AttemptRecord[]): ComponentOutcome {
  const maxAttempts = maxAttemptsOf(spec);
  const sorted = [...records].sort((x, y) => x.attempt - y.attempt);
  sorted.forEach((a, i) => {
    if (a.attempt !== i + 1) {
      throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `attempts at ${spec.key} must be numbered 1, 2, … without gaps or repeats`, {
        examinationKey: spec.key,
        attempts: sorted.map((r) => r.attempt),
      });
    }
  });
  if (sorted.length > maxAttempts) {
    throw new DomainError(ErrorCode.ATTEMPT_LIMIT_EXCEEDED, `examination ${spec.key} allows ${maxAttempts} attempts, ${sorted.length} recorded`, {
      examinationKey: spec.key,
      maxAttempts,
      attemptsUsed: sorted.length,
    });
  }
  const evaluated = sorted.map((a) => evaluateAttempt(university, spec, a));
  // A retake follows a fail (§15 (2) by analogy): nothing may follow a passed attempt.
  const firstPass = evaluated.findIndex((e) => e.passed);
  if (firstPass >= 0 && firstPass < evaluated.length - 1) {
    throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `examination ${spec.key} was passed at attempt ${firstPass + 1}; it is not retaken`, {
      examinationKey: spec.key,
      passedAt: firstPass + 1,
    });
  }
  const latest = evaluated.at(-1);
  const attemptsUsed = evaluated.length;
  const passed = latest?.passed ?? false;
  return {
    key: spec.key,
    kind: spec.kind,
    attemptsUsed,
    attemptsLeft: passed ? 0 : maxAttempts - attemptsUsed,
    latestPoints: latest === undefined ? null : latest.points,
    passed,
    // §15 (4): failed with every attempt used
    finallyFailed: latest !== undefined && !latest.passed && attemptsUsed >= maxAttempts,
  };
}

function validateSpecs(university: unknown, components: readonly ComponentSpec[]): void {
  if (!isUniversityCode(university)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `unknown university ${String(university)}`, { university });
  }
  // §9 (1): "students must complete at least one examination" in each course.
  if (components.length === 0) {
    throw new DomainError(ErrorCode.EMPTY_SCORE_SET, 'a course has at least one examination (§9 (1))');
  }
  const seen = new Set<string>();
  for (const c of components) {
    if (seen.has(c.key)) throw new DomainError(ErrorCode.CONFIG_INVALID, `examination key ${c.key} appears twice`, { examinationKey: c.key });
    seen.add(c.key);
    if (c.kind !== 'SCORED' && c.kind !== 'PASS_FAIL') {
      throw new DomainError(ErrorCode.CONFIG_INVALID, `examination ${c.key} has unknown kind ${String(c.kind)}`, { examinationKey: c.key });
    }
    if (c.kind === 'SCORED') assertWeight(c.weight, `weight of examination ${c.key}`);
    maxAttemptsOf(c);
  }
}

/**
 * §13: checks a recognition before it is recorded. Throws COURSE_PERMANENTLY_FAILED when the
 * course is already permanently failed (§15 (4): the master's examination is then permanently
 * failed; a later recognition cannot undo it), POINTS_NOT_INTEGER / POINTS_OUT_OF_RANGE when the
 * transferred points are not whole points 0–100 or do not pass on the university's table.
 */
export function checkRecognition(input: CourseOutcomeInput & { recognition: { points: number | null } }): void {
  const { recognition, ...rest } = input;
  const outcome = courseOutcome({ ...rest, recognition: null });
  if (outcome.permanentlyFailed) {
    throw new DomainError(
      ErrorCode.COURSE_PERMANENTLY_FAILED,
      'a permanently failed course cannot be recognised: the master’s examination is already permanently failed (§15 (4))',
      { university: input.university },
    );
  }
  assertRecognisedPoints(input.university, recognition.points);
}

function assertRecognisedPoints(university: UniversityCode, points: number | null): void {
  if (points === null) return;
  assertPoints(points, 'recognised points');
  if (!isPassingPoints(university, points)) {
    throw new DomainError(
      ErrorCode.POINTS_OUT_OF_RANGE,
      `recognised points must be a passing score on the ${university} table (at least ${passMark(university)})`,
      { university, points, passMark: passMark(university) },
    );
  }
}

/**
 * The state of one course / module from its examinations and attempts.
 *  - §8 (2): completed only when every examination's latest attempt is passed (scored: passing
 *    points on the university's table; pass/fail: passed). A high weighted score never rescues a
 *    failed examination.
 *  - §16 (3): score = ⌈Σ wᵢ·pᵢ / Σ wᵢ⌉ over the SCORED examinations' latest attempts.
 *  - §20 (1)/(2): ABSENT, WITHDRAWN, FRAUD, PLAGIARISM are failed attempts with 0 points.
 *  - §15 (4): an examination failed with no attempt left fails the course permanently.
 *  - §13: a recognised course is completed; its transferred points (if any) are its score
 *    (unless it was already permanently failed: §15 (4) stands).
 */
export function courseOutcome(input: CourseOutcomeInput): CourseOutcome {
  const { university, components, attempts } = input;
  validateSpecs(university, components);
  const specByKey = new Map(components.map((c) => [c.key, c]));
  for (const a of attempts) {
    if (!specByKey.has(a.componentKey)) {
      throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `no examination ${a.componentKey} in this course`, { examinationKey: a.componentKey });
    }
  }
  const outcomes = components.map((spec) =>
    evaluateComponent(university, spec, attempts.filter((a) => a.componentKey === spec.key)),
  );

  const attemptsUsed = Math.max(0, ...outcomes.map((o) => o.attemptsUsed));
  const allPassed = outcomes.every((o) => o.passed);
  const permanentlyFailed = outcomes.some((o) => o.finallyFailed);
  const hasFailedAttempt = outcomes.some((o) => o.attemptsUsed > 0 && !o.passed);

  const scored = components
    .map((spec, i) => ({ spec, outcome: outcomes[i]! }))
    .filter(({ spec }) => spec.kind === 'SCORED');
  // §16 (3) over the scored examinations; a course of pass/fail examinations only has no score.
  const score =
    scored.length > 0 && scored.every(({ outcome }) => outcome.latestPoints !== null)
      ? courseScore(scored.map(({ spec, outcome }) => ({ weight: spec.weight, points: outcome.latestPoints! })))
      : null;

  const recognition = input.recognition ?? null;
  // §15 (4) comes first: a permanently failed course stays failed whatever is recognised later
  // (checkRecognition refuses such a recognition before it is recorded).
  if (recognition !== null && !permanentlyFailed) {
    assertRecognisedPoints(university, recognition.points);
    // §13: recognition completes the course; transferred points (if any) replace the score.
    return {
      state: 'RECOGNISED',
      score: recognition.points,
      grade: recognition.points === null ? null : gradeOnScale(university, recognition.points),
      completed: true,
      permanentlyFailed: false,
      attemptsUsed,
      attemptsLeft: 0,
      hasFailedAttempt: false,
      components: outcomes,
    };
  }

  const state: CourseState = allPassed
    ? 'COMPLETED'
    : permanentlyFailed
      ? 'PERMANENTLY_FAILED'
      : attemptsUsed === 0
        ? 'NOT_STARTED'
        : hasFailedAttempt
          ? 'FAILED_RETAKE_POSSIBLE'
          : 'IN_PROGRESS';

  return {
    state,
    score,
    grade: allPassed && score !== null ? gradeOnScale(university, score) : null,
    completed: allPassed,
    permanentlyFailed,
    attemptsUsed,
    attemptsLeft: allPassed ? 0 : Math.min(...outcomes.filter((o) => !o.passed).map((o) => o.attemptsLeft)),
    hasFailedAttempt,
    components: outcomes,
  };
}

/**
 * Whether a new attempt at one examination may be recorded, and its number. Throws
 * COURSE_ALREADY_COMPLETED (course completed or recognised), COURSE_PERMANENTLY_FAILED,
 * UNKNOWN_EXAMINATION, ATTEMPT_OUT_OF_ORDER (that examination is already passed) or
 * ATTEMPT_LIMIT_EXCEEDED.
 */
export function checkNewAttempt(input: CourseOutcomeInput, componentKey: string): number {
  const outcome = courseOutcome(input);
  if (outcome.completed) {
    throw new DomainError(ErrorCode.COURSE_ALREADY_COMPLETED, 'the course is already completed', { state: outcome.state });
  }
  if (outcome.permanentlyFailed) {
    throw new DomainError(ErrorCode.COURSE_PERMANENTLY_FAILED, 'the course is permanently failed (§15 (4))', { examinationKey: componentKey });
  }
  const component = outcome.components.find((c) => c.key === componentKey);
  if (component === undefined) {
    throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `no examination ${componentKey} in this course`, { examinationKey: componentKey });
  }
  if (component.passed) {
    throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `examination ${componentKey} is already passed; it is not retaken`, { examinationKey: componentKey });
  }
  if (component.attemptsLeft <= 0) {
    throw new DomainError(ErrorCode.ATTEMPT_LIMIT_EXCEEDED, `no attempt left at ${componentKey}`, { examinationKey: componentKey });
  }
  return component.attemptsUsed + 1;
}

/** A registration for an attempt that has no result yet (§9 (4)). */
export interface PendingRegistration {
  componentKey: string;
  attempt: number;
}

/**
 * The whole record of one course as it would stand after a write (issue 11): the recorded
 * attempts must be a record `courseOutcome` accepts, and every registration still waiting for its
 * result must be the next attempt the regulations allow given those results (§8 (2), §15 (4):
 * a retake only after a fail, within the maximum, never after a pass or a recognition). Every
 * write of results, registrations and recognitions is checked with this before it is written, so
 * no sequence of accepted writes leaves a record the engine refuses to read. Throws the engine's
 * code (ATTEMPT_OUT_OF_ORDER, ATTEMPT_LIMIT_EXCEEDED, COURSE_ALREADY_COMPLETED, …) with
 * `details.rule` naming it and `details.section`.
 */
export function checkCourseRecord(input: CourseOutcomeInput & { pending: readonly PendingRegistration[] }): CourseOutcome {
  const { pending, ...recorded } = input;
  const withSection = (section: string, f: () => void) => {
    try {
      f();
    } catch (e) {
      if (e instanceof DomainError) throw new DomainError(e.code, e.message, { ...e.details, rule: e.code, section });
      throw e;
    }
  };
  let outcome!: CourseOutcome;
  withSection('§8 (2), §15 (4), §16, §20', () => {
    outcome = courseOutcome(recorded);
  });
  const seen = new Set<string>();
  for (const p of pending) {
    withSection('§9 (4), §15 (4)', () => {
      if (seen.has(p.componentKey)) {
        throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `examination ${p.componentKey} has two registrations without a result`, { examinationKey: p.componentKey });
      }
      seen.add(p.componentKey);
      const next = checkNewAttempt(recorded, p.componentKey);
      if (p.attempt !== next) {
        throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `attempt ${p.attempt} at ${p.componentKey} is registered, but the next attempt the record allows is ${next}`, {
          examinationKey: p.componentKey,
          attempt: p.attempt,
          next,
        });
      }
    });
  }
  return outcome;
}
