import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import { auditStudent } from '@pioneer/shared/audit';
import { isUuid } from '@pioneer/shared/federation';
import {
  checkCancellationDate,
  checkExaminationDate,
  checkNotBefore,
  checkNotInFuture,
  checkRecognition,
  checkRegistrationDate,
  DateRule,
  parseIsoDate,
} from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueService, checkTakesNewStudents } from '../catalogue/catalogue.service.js';
import type { Course } from '../catalogue/course.entity.js';
import type { ExamComponent } from '../catalogue/exam-component.entity.js';
import { EnrolmentService, utcToday } from '../enrolment/enrolment.service.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import type { ConsortiumRegister } from '../enrolment/consortium-register.client.js';
import { ExamResult } from './exam-result.entity.js';
import { Recognition } from './recognition.entity.js';
import { Registration } from './registration.entity.js';
import { ResultVersion } from './result-version.entity.js';
import { RegistrationCancellation } from './registration-cancellation.entity.js';
import { courseOutcomeInput } from '../student-record/student-record.service.js';
import { attemptValue, checkExaminer, checkNewRegistration, checkNoResultYet, checkResultValue, checkWholeCourse, type ResultValue } from './examination.rules.js';

export type { ResultValue } from './examination.rules.js';

export interface RegisterInput {
  studentId: string;
  courseCode: string;
  componentKey: string;
  attempt: number;
  registeredOn: string;
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
    private readonly today: () => string = utcToday,
  ) {
    this.enrolments = new EnrolmentService(em, profile, today);
  }

  /**
   * Every write to a student's record at this university holds the lock on their enrolment row
   * until it commits: the whole-record check below then sees every earlier write, and two
   * concurrent writes of one student's record are serialised (one outcome, one code).
   */
  private async lockedEnrolment(em: EntityManager, studentId: string): Promise<Enrolment> {
    // The audit entry of this write is about this student, also where the arguments name only a result or registration (issue 14).
    auditStudent(studentId);
    const enrolment = await this.enrolments.require(em, studentId);
    await em.lock(enrolment, LockMode.PESSIMISTIC_WRITE);
    return enrolment;
  }

  /** §9 (4): registration for one attempt; attempts go in order and stop at the maximum. */
  async register(input: RegisterInput): Promise<Registration> {
    parseIsoDate(input.registeredOn, 'registeredOn');
    return this.em.transactional(async (em) => {
      const enrolment = await this.lockedEnrolment(em, input.studentId);
      checkRegistrationDate({ registeredOn: input.registeredOn, enrolledOn: enrolment.enrolledOn, today: this.today() });
      const { course, component, started } = await this.component(em, input.courseCode, input.componentKey, enrolment, input.registeredOn);
      checkTakesNewStudents(course, started, input.registeredOn);
      const registrations = await this.courseRegistrations(em, enrolment, course);
      checkNewRegistration(course, component, registrations.filter((r) => r.component.id === component.id), input.attempt);
      // The engine decides whether another attempt is allowed at all and which one it is (§8 (2), §15 (4)).
      const recognition = await em.findOne(Recognition, { enrolment, course });
      const registration = em.create(Registration, { enrolment, component, attempt: input.attempt, registeredOn: input.registeredOn });
      checkWholeCourse(this.profile, course, [...registrations, registration], recognition, null);
      return registration;
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
      const found = isUuid(registrationId) ? await em.findOne(Registration, { id: registrationId }, { populate: ['enrolment'] }) : null;
      if (!found) throw new DomainError(ErrorCode.UNKNOWN_REGISTRATION, `No registration ${registrationId}`, { registrationId });
      await this.lockedEnrolment(em, found.enrolment.studentId);
      const registration = await em.findOne(Registration, { id: registrationId }, { populate: ['result', 'enrolment', 'component'], refresh: true });
      if (!registration) throw new DomainError(ErrorCode.UNKNOWN_REGISTRATION, `No registration ${registrationId}`, { registrationId });
      checkCancellationDate({ cancelledOn: input.cancelledOn, registeredOn: registration.registeredOn, today: this.today() });
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
    const examiner = checkExaminer(input.examiner);
    return this.em.transactional(async (em) => {
      const enrolment = await this.lockedEnrolment(em, input.studentId);
      const { course, component } = await this.component(em, input.courseCode, input.componentKey, enrolment, input.examinedOn);
      checkResultValue(this.profile, component, input);
      const registration = await em.findOne(Registration, { enrolment, component, attempt: input.attempt }, { populate: ['result'] });
      if (!registration) {
        throw new DomainError(ErrorCode.NOT_REGISTERED, `No registration for attempt ${input.attempt} at ${component.title} (§9 (4))`, {
          attempt: input.attempt,
        });
      }
      checkExaminationDate({ examinedOn: input.examinedOn, registeredOn: registration.registeredOn, today: this.today() });
      checkNoResultYet(registration.result?.id ?? null);
      const registrations = await this.courseRegistrations(em, enrolment, course);
      const recognition = await em.findOne(Recognition, { enrolment, course });
      checkWholeCourse(this.profile, course, registrations, recognition, {
        componentKey: component.key,
        attempt: input.attempt,
        value: attemptValue(input),
      });
      const result = em.create(ExamResult, {
        registration,
        enrolment,
        status: input.status,
        points: input.points ?? null,
        passed: input.passed ?? null,
        examinedOn: input.examinedOn,
        examiner,
        version: 1,
        recordedBy: actor,
        recordedAt: new Date(),
      });
      em.create(ResultVersion, { result, version: 1, ...this.snapshot(result), changedBy: actor, changedAt: result.recordedAt, reason: null });
      return result;
    });
  }

  /**
   * §16 (2), §21: a correction needs a reason and keeps every earlier version. `expectedVersion`,
   * when given, is the version the office read: if the result has changed since, nothing is
   * written and VERSION_CONFLICT carries the current version (optimistic concurrency).
   */
  async rectify(resultId: string, value: ResultValue, reason: string, actor: string, expectedVersion: number | null = null): Promise<ExamResult> {
    const why = requireReason(reason, 'A rectification must state its reason (§21)');
    const examiner = checkExaminer(value.examiner);
    if (expectedVersion !== null && (!Number.isInteger(expectedVersion) || expectedVersion < 1)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'expectedVersion is a whole number from 1', { expectedVersion });
    }
    return this.em.transactional(async (em) => {
      const studentId = isUuid(resultId) ? await this.studentOfResult(em, resultId) : null;
      if (!studentId) throw new DomainError(ErrorCode.UNKNOWN_RESULT, `No result ${resultId}`, { resultId });
      await this.lockedEnrolment(em, studentId);
      // Read after the lock: the version compared is the one a concurrent correction committed.
      const result = await em.findOne(ExamResult, { id: resultId }, { populate: ['registration.component.course.components', 'registration.enrolment'], refresh: true });
      if (!result) throw new DomainError(ErrorCode.UNKNOWN_RESULT, `No result ${resultId}`, { resultId });
      if (expectedVersion !== null && expectedVersion !== result.version) {
        throw new DomainError(ErrorCode.VERSION_CONFLICT, `The result is at version ${result.version}, not ${expectedVersion}: it was changed since it was read`, {
          resultId,
          expectedVersion,
          currentVersion: result.version,
        });
      }
      checkResultValue(this.profile, result.registration.component, value);
      checkExaminationDate({ examinedOn: value.examinedOn, registeredOn: result.registration.registeredOn, today: this.today() });
      const { component, enrolment } = result.registration;
      const registrations = await this.courseRegistrations(em, enrolment, component.course);
      const recognition = await em.findOne(Recognition, { enrolment, course: component.course });
      // The corrected record must still be one the engine accepts, pending registrations included
      // (no pass on attempt 1 while attempt 2 is registered).
      checkWholeCourse(this.profile, component.course, registrations, recognition, {
        componentKey: component.key,
        attempt: result.registration.attempt,
        value: attemptValue(value),
      });
      result.status = value.status;
      result.points = value.points ?? null;
      result.passed = value.passed ?? null;
      result.examinedOn = value.examinedOn;
      result.examiner = examiner;
      result.version += 1;
      em.create(ResultVersion, { result, version: result.version, ...this.snapshot(result), changedBy: actor, changedAt: new Date(), reason: why });
      return result;
    });
  }

  /** The student a result belongs to, without loading (and caching) the result before the lock. */
  private async studentOfResult(em: EntityManager, resultId: string): Promise<string | null> {
    const rows = await em.getConnection().execute<{ student_id: string }[]>(
      'select e.student_id from exam_result x join registration r on r.id = x.registration_id join enrolment e on e.id = r.enrolment_id where x.id = ?',
      [resultId],
      'all',
      em.getTransactionContext(),
    );
    return rows[0]?.student_id ?? null;
  }

  /** §13: credits recognised by an Academic Committee decision. */
  async recognise(
    input: { studentId: string; courseCode: string; decisionReference: string; decidedOn: string; points?: number | null },
    actor: string,
    consortium: ConsortiumRegister,
  ): Promise<Recognition> {
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    if (!input.decisionReference.trim()) {
      throw new DomainError(ErrorCode.REASON_REQUIRED, 'A recognition must cite the Academic Committee decision (§13 (3))');
    }
    const reference = requireText(input.decisionReference, 'decisionReference', 64);
    const known = await new CatalogueService(this.em, this.profile, this.today).byCode(input.courseCode);
    // §13 (3), (4): the university records what the Academic Committee decided, for this student
    // and this course; a reference to nothing is refused before anything is written.
    const decision = (await consortium.decisions(input.studentId)).find(
      (d) => d.id === reference && d.kind === 'RECOGNITION' && d.university === this.profile.code && d.courseCode === known.code,
    );
    if (!decision) {
      throw new DomainError(ErrorCode.UNKNOWN_DECISION, `No Academic Committee recognition decision ${reference} for ${known.code} of this student (§13 (3))`, {
        decisionReference: reference,
        courseCode: known.code,
        section: '§13 (3)',
      });
    }
    checkNotBefore(DateRule.RECOGNITION_AFTER_DECISION, input.decidedOn, 'decidedOn', decision.decidedOn, 'committeeDecidedOn');
    return this.em.transactional(async (em) => {
      const enrolment = await this.lockedEnrolment(em, input.studentId);
      // The edition the student took the course in, or the one in force when the committee decided.
      const { course } = await new CatalogueService(em, this.profile, this.today).studentEdition(em, enrolment, known.code, input.decidedOn);
      const existing = await em.findOne(Recognition, { enrolment, course });
      if (existing) throw new DomainError(ErrorCode.CONFLICT, `${course.code} is already recognised (${existing.decisionReference})`);
      const registrations = await this.courseRegistrations(em, enrolment, course);
      checkRecognition({ ...courseOutcomeInput(this.profile, course, registrations, null), recognition: { points: input.points ?? null } });
      const recognition = em.create(Recognition, {
        enrolment,
        course,
        decisionReference: reference,
        decidedOn: input.decidedOn,
        points: input.points ?? null,
        recordedBy: actor,
      });
      checkWholeCourse(this.profile, course, registrations, recognition, null);
      return recognition;
    });
  }

  /** The examination in the edition the student takes the course in (CatalogueService.studentEdition). */
  private async component(em: EntityManager, courseCode: string, componentKey: string, enrolment: Enrolment, onDate: string): Promise<{ course: Course; component: ExamComponent; started: boolean }> {
    const { course, started } = await new CatalogueService(em, this.profile, this.today).studentEdition(em, enrolment, courseCode, onDate);
    const component = course.components.getItems().find((c) => c.key === componentKey);
    if (!component) {
      throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `${course.code} has no examination "${componentKey}"`, {
        courseCode,
        examinationKey: componentKey,
        known: course.components.getItems().map((c) => c.key),
      });
    }
    return { course, component, started };
  }

  private courseRegistrations(em: EntityManager, enrolment: Enrolment, course: Course): Promise<Registration[]> {
    return em.find(Registration, { enrolment, component: { course } }, { populate: ['result', 'component'], orderBy: { attempt: 'asc' } });
  }

  private snapshot(r: ExamResult) {
    return { status: r.status, points: r.points, passed: r.passed, examinedOn: r.examinedOn, examiner: r.examiner };
  }
}
