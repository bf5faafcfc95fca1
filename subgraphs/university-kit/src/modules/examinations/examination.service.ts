import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireReason } from '@pioneer/shared/errors';
import { isUuid } from '@pioneer/shared/federation';
import { checkNewAttempt, checkRecognition, compareIsoDates, courseOutcome, gradeOnScale, parseIsoDate } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import type { Course } from '../catalogue/course.entity.js';
import type { ExamComponent } from '../catalogue/exam-component.entity.js';
import { EnrolmentService } from '../enrolment/enrolment.service.js';
import type { Enrolment } from '../enrolment/enrolment.entity.js';
import { ExamResult, ResultStatus } from './exam-result.entity.js';
import { Recognition } from './recognition.entity.js';
import { Registration } from './registration.entity.js';
import { ResultVersion } from './result-version.entity.js';
import { RegistrationCancellation } from './registration-cancellation.entity.js';
import { courseOutcomeInput } from '../student-record/student-record.service.js';

export interface RegisterInput {
  studentId: string;
  courseCode: string;
  componentKey: string;
  attempt: number;
  registeredOn: string;
}

export interface ResultValue {
  status: ResultStatus;
  points?: number | null;
  passed?: boolean | null;
  examinedOn: string;
  examiner: string;
}

export interface RecordResultInput extends ResultValue {
  studentId: string;
  courseCode: string;
  componentKey: string;
  attempt: number;
}

/**
 * Registration and results, attempt by attempt. Every check runs before anything is written, and
 * each operation is one transaction: bad input writes nothing.
 */
export class ExaminationService {
  private readonly enrolments: EnrolmentService;

  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    /** Today's calendar date (UTC); injectable so that tests and the demo seed can fix it. */
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {
    this.enrolments = new EnrolmentService(em, profile);
  }

  /** §9 (4): registration for one attempt; attempts go in order and stop at the maximum. */
  async register(input: RegisterInput): Promise<Registration> {
    parseIsoDate(input.registeredOn, 'registeredOn');
    return this.em.transactional(async (em) => {
      const enrolment = await this.enrolments.require(em, input.studentId);
      const { course, component } = await this.component(em, input.courseCode, input.componentKey);
      if (!Number.isInteger(input.attempt) || input.attempt < 1) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'An attempt is a whole number from 1', { attempt: input.attempt });
      }
      const registrations = await this.courseRegistrations(em, enrolment, course);
      const own = registrations.filter((r) => r.component.id === component.id);
      if (own.some((r) => r.attempt === input.attempt)) {
        throw new DomainError(ErrorCode.ALREADY_REGISTERED, `Already registered for attempt ${input.attempt}`, { attempt: input.attempt });
      }
      const pending = own.find((r) => !r.result);
      if (pending) {
        throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `Attempt ${pending.attempt} at ${component.title} has no result yet`, { attempt: input.attempt });
      }
      if (input.attempt > component.maxAttempts) {
        throw new DomainError(ErrorCode.ATTEMPT_LIMIT_EXCEEDED, `${component.title} of ${course.code} allows ${component.maxAttempts} attempts`, {
          attempt: input.attempt,
          maxAttempts: component.maxAttempts,
        });
      }
      // The engine decides whether another attempt is allowed at all and which one it is (§8 (2), §15 (4)).
      const recognition = await em.findOne(Recognition, { enrolment, course });
      const next = checkNewAttempt(courseOutcomeInput(this.profile, course, registrations, recognition), component.key);
      if (input.attempt !== next) {
        throw new DomainError(ErrorCode.ATTEMPT_OUT_OF_ORDER, `The next attempt at ${component.title} is ${next}`, { attempt: input.attempt, next });
      }
      return em.create(Registration, { enrolment, component, attempt: input.attempt, registeredOn: input.registeredOn });
    });
  }

  /**
   * An accepted withdrawal: a registration without a result is cancelled with its reason, so the
   * attempt is not used (§20 (2) leaves withdrawal to the course descriptions; docs/regulations.md).
   */
  async cancelRegistration(registrationId: string, input: { cancelledOn: string; reason: string }, actor: string): Promise<RegistrationCancellation> {
    parseIsoDate(input.cancelledOn, 'cancelledOn');
    const reason = requireReason(input.reason, 'A cancellation must state its reason');
    return this.em.transactional(async (em) => {
      const registration = isUuid(registrationId) ? await em.findOne(Registration, { id: registrationId }, { populate: ['result', 'enrolment', 'component'] }) : null;
      if (!registration) throw new DomainError(ErrorCode.NOT_FOUND, `No registration ${registrationId}`, { registrationId });
      if (registration.result) {
        throw new DomainError(ErrorCode.RESULT_ALREADY_RECORDED, 'This attempt has a result; a withdrawal after the examination is a result (WITHDRAWN), not a cancellation', {
          resultId: registration.result.id,
        });
      }
      const cancellation = em.create(RegistrationCancellation, {
        enrolment: registration.enrolment,
        component: registration.component,
        attempt: registration.attempt,
        registeredOn: registration.registeredOn,
        cancelledOn: input.cancelledOn,
        reason,
        cancelledBy: actor,
      });
      em.remove(registration);
      return cancellation;
    });
  }

  /** Records the result of a registered attempt, once; later changes go through rectify(). */
  async recordResult(input: RecordResultInput, actor: string): Promise<ExamResult> {
    return this.em.transactional(async (em) => {
      const enrolment = await this.enrolments.require(em, input.studentId);
      const { component } = await this.component(em, input.courseCode, input.componentKey);
      this.checkValue(component, input);
      const registration = await em.findOne(Registration, { enrolment, component, attempt: input.attempt }, { populate: ['result'] });
      if (!registration) {
        throw new DomainError(ErrorCode.NOT_REGISTERED, `No registration for attempt ${input.attempt} at ${component.title} (§9 (4))`, {
          attempt: input.attempt,
        });
      }
      this.checkExamDate(input.examinedOn, registration.registeredOn);
      if (registration.result) {
        throw new DomainError(ErrorCode.RESULT_ALREADY_RECORDED, 'This attempt already has a result; correct it with a rectification (§21)', {
          resultId: registration.result.id,
        });
      }
      const result = em.create(ExamResult, {
        registration,
        status: input.status,
        points: input.points ?? null,
        passed: input.passed ?? null,
        examinedOn: input.examinedOn,
        examiner: input.examiner,
        version: 1,
        recordedBy: actor,
        recordedAt: new Date(),
      });
      em.create(ResultVersion, { result, version: 1, ...this.snapshot(result), changedBy: actor, changedAt: result.recordedAt, reason: null });
      return result;
    });
  }

  /** §16 (2), §21: a correction needs a reason and keeps every earlier version. */
  async rectify(resultId: string, value: ResultValue, reason: string, actor: string): Promise<ExamResult> {
    const why = requireReason(reason, 'A rectification must state its reason (§21)');
    return this.em.transactional(async (em) => {
      const result = isUuid(resultId) ? await em.findOne(ExamResult, { id: resultId }, { populate: ['registration.component.course.components', 'registration.enrolment'] }) : null;
      if (!result) throw new DomainError(ErrorCode.UNKNOWN_RESULT, `No result ${resultId}`, { resultId });
      this.checkValue(result.registration.component, value);
      this.checkExamDate(value.examinedOn, result.registration.registeredOn);
      // The corrected record must still be one the engine accepts (e.g. no pass before a later attempt).
      const { component, enrolment } = result.registration;
      const registrations = await this.courseRegistrations(em, enrolment, component.course);
      const recognition = await em.findOne(Recognition, { enrolment, course: component.course });
      const proposed = courseOutcomeInput(this.profile, component.course, registrations, recognition);
      courseOutcome({
        ...proposed,
        attempts: proposed.attempts.map((a) =>
          a.componentKey === component.key && a.attempt === result.registration.attempt
            ? { ...a, status: value.status, points: value.points ?? null, passed: value.passed ?? null }
            : a,
        ),
      });
      result.status = value.status;
      result.points = value.points ?? null;
      result.passed = value.passed ?? null;
      result.examinedOn = value.examinedOn;
      result.examiner = value.examiner;
      result.version += 1;
      em.create(ResultVersion, { result, version: result.version, ...this.snapshot(result), changedBy: actor, changedAt: new Date(), reason: why });
      return result;
    });
  }

  /** §13: credits recognised by an Academic Committee decision. */
  async recognise(
    input: { studentId: string; courseCode: string; decisionReference: string; decidedOn: string; points?: number | null },
    actor: string,
  ): Promise<Recognition> {
    parseIsoDate(input.decidedOn, 'decidedOn');
    if (!input.decisionReference.trim()) {
      throw new DomainError(ErrorCode.REASON_REQUIRED, 'A recognition must cite the Academic Committee decision (§13 (3))');
    }
    return this.em.transactional(async (em) => {
      const enrolment = await this.enrolments.require(em, input.studentId);
      const course = await new CatalogueService(em, this.profile).byCode(input.courseCode);
      const existing = await em.findOne(Recognition, { enrolment, course });
      if (existing) throw new DomainError(ErrorCode.CONFLICT, `${course.code} is already recognised (${existing.decisionReference})`);
      const registrations = await this.courseRegistrations(em, enrolment, course);
      checkRecognition({ ...courseOutcomeInput(this.profile, course, registrations, null), recognition: { points: input.points ?? null } });
      return em.create(Recognition, {
        enrolment,
        course,
        decisionReference: input.decisionReference.trim(),
        decidedOn: input.decidedOn,
        points: input.points ?? null,
        recordedBy: actor,
      });
    });
  }

  private async component(em: EntityManager, courseCode: string, componentKey: string): Promise<{ course: Course; component: ExamComponent }> {
    const course = await new CatalogueService(em, this.profile).byCode(courseCode);
    const component = course.components.getItems().find((c) => c.key === componentKey);
    if (!component) {
      throw new DomainError(ErrorCode.UNKNOWN_COMPONENT, `${course.code} has no examination "${componentKey}"`, {
        courseCode,
        componentKey,
        known: course.components.getItems().map((c) => c.key),
      });
    }
    return { course, component };
  }

  private courseRegistrations(em: EntityManager, enrolment: Enrolment, course: Course): Promise<Registration[]> {
    return em.find(Registration, { enrolment, component: { course } }, { populate: ['result', 'component'], orderBy: { attempt: 'asc' } });
  }

  /** An examination is recorded after it took place, and not before the student registered for it. */
  private checkExamDate(examinedOn: string, registeredOn: string): void {
    const today = this.today();
    if (compareIsoDates(examinedOn, today) > 0) {
      throw new DomainError(ErrorCode.INVALID_DATE, `examinedOn ${examinedOn} is in the future (today is ${today})`, { examinedOn, today });
    }
    if (compareIsoDates(examinedOn, registeredOn) < 0) {
      throw new DomainError(ErrorCode.INVALID_DATE, `examinedOn ${examinedOn} is before the registration of ${registeredOn}`, { examinedOn, registeredOn });
    }
  }

  /** Points on scored examinations, a verdict on pass / fail ones, neither on a non-graded status. */
  private checkValue(component: ExamComponent, value: ResultValue): void {
    parseIsoDate(value.examinedOn, 'examinedOn');
    if (!value.examiner || !value.examiner.trim()) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'The examiner must be named', { field: 'examiner' });
    }
    const points = value.points ?? null;
    const passed = value.passed ?? null;
    if (value.status !== ResultStatus.GRADED) {
      if (points !== null || passed !== null) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `A result with status ${value.status} carries no points or verdict: it counts as failed (§20)`);
      }
      return;
    }
    if (component.kind === 'SCORED') {
      if (passed !== null) {
        throw new DomainError(ErrorCode.PASS_FAIL_ON_SCORED_COMPONENT, `${component.title} is scored: record points 0-100, not pass / fail`);
      }
      if (points === null) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${component.title} is scored: points are required`);
      gradeOnScale(this.profile.code, points); // throws POINTS_OUT_OF_RANGE / POINTS_NOT_INTEGER
    } else {
      if (points !== null) {
        throw new DomainError(ErrorCode.POINTS_ON_PASS_FAIL_COMPONENT, `${component.title} is graded pass / fail: record a verdict, not points`);
      }
      if (passed === null) throw new DomainError(ErrorCode.BAD_USER_INPUT, `${component.title} is pass / fail: the verdict is required`);
    }
  }

  private snapshot(r: ExamResult) {
    return { status: r.status, points: r.points, passed: r.passed, examinedOn: r.examinedOn, examiner: r.examiner };
  }
}
