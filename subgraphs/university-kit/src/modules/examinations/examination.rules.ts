import { DomainError, ErrorCode, requireText } from '@pioneer/shared/errors';
import { checkCourseRecord, gradeOnScale, parseIsoDate, type AttemptRecord } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import type { ExamComponent } from '../catalogue/exam-component.entity.js';
import { courseOutcomeInput, type CourseLike, type RegistrationLike } from '../student-record/student-record.service.js';
import { ResultStatus } from './exam-result.entity.js';

/**
 * The rules every write of a registration or a result obeys, as functions of what was read: the
 * single mutations (examination.service.ts) and examination sessions (session.service.ts) call
 * the same ones, so a row of a session is refused exactly when the single mutation would be.
 */

export interface ResultValue {
  status: ResultStatus;
  points?: number | null;
  passed?: boolean | null;
  examinedOn: string;
  examiner: string;
}

/** The examiner as stored: named, printable, at most 200 characters. */
export function checkExaminer(examiner: string | null | undefined): string {
  return requireText(examiner ?? '', 'examiner', 200);
}

/** §9 (4): attempts are numbered from 1. */
export function checkAttemptNumber(attempt: number): void {
  if (!Number.isInteger(attempt) || attempt < 1) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'An attempt is a whole number from 1', { attempt, field: 'attempt' });
  }
}

/** Points on scored examinations, a verdict on pass / fail ones, neither on a non-graded status (§16 (1), §20). */
export function checkResultValue(profile: UniversityProfile, component: Pick<ExamComponent, 'title' | 'kind'>, value: ResultValue): void {
  parseIsoDate(value.examinedOn, 'examinedOn');
  if (!value.examiner || !value.examiner.trim()) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The examiner must be named', { field: 'examiner' });
  }
  const points = value.points ?? null;
  const passed = value.passed ?? null;
  if (value.status !== ResultStatus.GRADED) {
    if (points !== null || passed !== null) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `A result with status ${value.status} carries no points or verdict: it counts as failed (§20)`, { field: 'status' });
    }
    return;
  }
  if (component.kind === 'SCORED') {
    if (passed !== null) {
      throw new DomainError(ErrorCode.PASS_FAIL_ON_SCORED_EXAMINATION, `${component.title} is scored: record points 0-100, not pass / fail`, { field: 'passed' });
    }
    if (points === null) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${component.title} is scored: points are required`, { field: 'points' });
    gradeOnScale(profile.code, points); // throws POINTS_OUT_OF_RANGE / POINTS_NOT_INTEGER
  } else {
    if (points !== null) {
      throw new DomainError(ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION, `${component.title} is graded pass / fail: record a verdict, not points`, { field: 'points' });
    }
    if (passed === null) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${component.title} is pass / fail: the verdict is required`, { field: 'passed' });
  }
}

/**
 * §9 (4): a new registration for `attempt` of one examination, given that examination's existing
 * registrations of the student: not twice, in order (the previous attempt has its result), and
 * within the examination's maximum.
 */
export function checkNewRegistration(
  course: Pick<CourseLike, 'code'>,
  component: Pick<ExamComponent, 'title' | 'maxAttempts'>,
  own: readonly { attempt: number; result: unknown }[],
  attempt: number,
): void {
  checkAttemptNumber(attempt);
  if (own.some((r) => r.attempt === attempt)) {
    throw new DomainError(ErrorCode.ALREADY_REGISTERED, `Already registered for attempt ${attempt}`, { attempt });
  }
  const pending = own.find((r) => !r.result);
  if (pending) {
    throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `Attempt ${pending.attempt} at ${component.title} has no result yet`, { attempt });
  }
  if (attempt > component.maxAttempts) {
    throw new DomainError(ErrorCode.ATTEMPT_LIMIT_EXCEEDED, `${component.title} of ${course.code} allows ${component.maxAttempts} attempts`, {
      attempt,
      maxAttempts: component.maxAttempts,
    });
  }
}

/** A result is recorded once; a later change is a rectification with its reason (§21). */
export function checkNoResultYet(existingResultId: string | null): void {
  if (existingResultId) {
    throw new DomainError(ErrorCode.RESULT_ALREADY_RECORDED, 'This attempt already has a result; correct it with a rectification (§21)', { resultId: existingResultId });
  }
}

export interface AttemptChange {
  componentKey: string;
  attempt: number;
  value: Omit<AttemptRecord, 'componentKey' | 'attempt'> | null;
}

/**
 * Issue 11: the course's whole record as it would stand after the write — recorded attempts
 * (with `change` applied), registrations still waiting for a result and the recognition — must
 * be one the regulations engine accepts (checkCourseRecord), or nothing is written.
 */
export function checkWholeCourse(
  profile: UniversityProfile,
  course: CourseLike,
  registrations: readonly RegistrationLike[],
  recognition: { points: number | null; decisionReference: string; decidedOn: string } | null,
  change: AttemptChange | null,
): void {
  const base = courseOutcomeInput(profile, course, registrations, recognition);
  const attempts = base.attempts.filter((a) => !(change && a.componentKey === change.componentKey && a.attempt === change.attempt));
  if (change?.value) attempts.push({ componentKey: change.componentKey, attempt: change.attempt, ...change.value });
  const recorded = new Set(attempts.map((a) => `${a.componentKey}#${a.attempt}`));
  const pending = registrations
    .map((r) => ({ componentKey: r.component.key, attempt: r.attempt }))
    .filter((p) => !recorded.has(`${p.componentKey}#${p.attempt}`));
  checkCourseRecord({ ...base, attempts, pending });
}

/** What a change to one attempt records, as the engine reads it. */
export function attemptValue(value: Pick<ResultValue, 'status' | 'points' | 'passed'>): AttemptChange['value'] {
  return { status: value.status, points: value.points ?? null, passed: value.passed ?? null };
}
