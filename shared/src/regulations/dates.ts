/**
 * The order of the acts on a student's record in time, in one place (issue 11; docs/regulations.md,
 * interpretation 27). Every act is dated; no act is dated after today, none before the act it
 * depends on:
 *
 *   admission (§4 (1)) ≤ enrolment (§4 (1) d) ≤ registration (§9 (4)) ≤ examination (§9 (4), §16)
 *   thesis: topic assigned (§10 (3)) ≤ topic changed (§10 (4)) / submitted (§10 (7)) ≤ defence held (§10 (8), §11 (2))
 *
 * Refusals are INVALID_DATE with `details.rule` (the rule's name below) and `details.section`.
 * Pure: "today" is an argument (the UTC calendar date of the server, injected by the services).
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { compareIsoDates, parseIsoDate, type IsoDate } from './calendar.js';

export const DateRule = {
  /** An act is put on record after it happened: never dated after today. */
  NOT_IN_FUTURE: 'NOT_IN_FUTURE',
  /** §4 (1) d: a university enrols a student the consortium has admitted, not before the admission. */
  ENROLMENT_AFTER_ADMISSION: 'ENROLMENT_AFTER_ADMISSION',
  /** §9 (4): a student registers for an examination of a university they are enrolled at. */
  REGISTRATION_AFTER_ENROLMENT: 'REGISTRATION_AFTER_ENROLMENT',
  /** §9 (4), §16 (1): an examination is held after the registration for it. */
  RESULT_AFTER_REGISTRATION: 'RESULT_AFTER_REGISTRATION',
  /** A registration is cancelled after it was made. */
  CANCELLATION_AFTER_REGISTRATION: 'CANCELLATION_AFTER_REGISTRATION',
  /** §13 (3), (4): the university records a recognition on or after the committee's decision. */
  RECOGNITION_AFTER_DECISION: 'RECOGNITION_AFTER_DECISION',
  /** §10 (4), (5), (7), (8): every thesis step follows the topic assignment and the step before. */
  THESIS_STEPS_IN_ORDER: 'THESIS_STEPS_IN_ORDER',
} as const;
export type DateRule = (typeof DateRule)[keyof typeof DateRule];

/** The section each rule applies (shown to the caller in `details.section`). */
const SECTION: Record<DateRule, string> = {
  NOT_IN_FUTURE: '§21 (acts on record)',
  ENROLMENT_AFTER_ADMISSION: '§4 (1) d',
  REGISTRATION_AFTER_ENROLMENT: '§9 (4)',
  RESULT_AFTER_REGISTRATION: '§9 (4)',
  CANCELLATION_AFTER_REGISTRATION: '§9 (4)',
  RECOGNITION_AFTER_DECISION: '§13 (3), (4)',
  THESIS_STEPS_IN_ORDER: '§10 (3)-(8)',
};

/** `field` (dated `date`) is not after `today`. */
export function checkNotInFuture(date: IsoDate, today: IsoDate, field: string): void {
  parseIsoDate(date, field);
  if (compareIsoDates(date, today) > 0) {
    throw new DomainError(ErrorCode.INVALID_DATE, `${field} ${date} is in the future (today is ${today})`, {
      rule: DateRule.NOT_IN_FUTURE,
      section: SECTION.NOT_IN_FUTURE,
      field,
      date,
      today,
    });
  }
}

/** `field` (dated `date`) is not before `earlierField` (dated `earlier`), by `rule`. */
export function checkNotBefore(rule: DateRule, date: IsoDate, field: string, earlier: IsoDate, earlierField: string): void {
  parseIsoDate(date, field);
  if (compareIsoDates(date, earlier) < 0) {
    throw new DomainError(ErrorCode.INVALID_DATE, `${field} ${date} is before ${earlierField} ${earlier} (${SECTION[rule]})`, {
      rule,
      section: SECTION[rule],
      field,
      date,
      [earlierField]: earlier,
    });
  }
}

/** §4 (1) d: enrolled on or after the admission, not in the future. */
export function checkEnrolmentDate(input: { enrolledOn: IsoDate; admittedOn: IsoDate; today: IsoDate }): void {
  checkNotInFuture(input.enrolledOn, input.today, 'enrolledOn');
  checkNotBefore(DateRule.ENROLMENT_AFTER_ADMISSION, input.enrolledOn, 'enrolledOn', input.admittedOn, 'admittedOn');
}

/** §9 (4): registered on or after the enrolment, not in the future. */
export function checkRegistrationDate(input: { registeredOn: IsoDate; enrolledOn: IsoDate; today: IsoDate }): void {
  checkNotInFuture(input.registeredOn, input.today, 'registeredOn');
  checkNotBefore(DateRule.REGISTRATION_AFTER_ENROLMENT, input.registeredOn, 'registeredOn', input.enrolledOn, 'enrolledOn');
}

/** §9 (4), §16: the examination took place on or after its registration and not after today. */
export function checkExaminationDate(input: { examinedOn: IsoDate; registeredOn: IsoDate; today: IsoDate }): void {
  checkNotInFuture(input.examinedOn, input.today, 'examinedOn');
  checkNotBefore(DateRule.RESULT_AFTER_REGISTRATION, input.examinedOn, 'examinedOn', input.registeredOn, 'registeredOn');
}

/** A cancellation of a registration follows the registration and is not in the future. */
export function checkCancellationDate(input: { cancelledOn: IsoDate; registeredOn: IsoDate; today: IsoDate }): void {
  checkNotInFuture(input.cancelledOn, input.today, 'cancelledOn');
  checkNotBefore(DateRule.CANCELLATION_AFTER_REGISTRATION, input.cancelledOn, 'cancelledOn', input.registeredOn, 'registeredOn');
}

/**
 * §10 (3)-(8): a thesis step dated `on` is not in the future and not before the step it follows
 * (`after`, e.g. the assignment for a submission, the submission for a defence).
 */
export function checkThesisStepDate(input: { step: string; on: IsoDate; after: { step: string; on: IsoDate } | null; today: IsoDate }): void {
  checkNotInFuture(input.on, input.today, input.step);
  if (input.after) checkNotBefore(DateRule.THESIS_STEPS_IN_ORDER, input.on, input.step, input.after.on, input.after.step);
}

/** One course as the federated record shows it, with what dates its completion. */
export interface DatedCourse {
  credits: number;
  completed: boolean;
  /** §13: the recognition decision's date, when recognised. */
  recognisedOn: IsoDate | null;
  /** The dates of every recorded attempt (the last pass of each examination is among them). */
  examinedOn: readonly IsoDate[];
}

/**
 * The date a completed course was completed: the recognition decision (§13), else the latest
 * examination date (§8 (2): the course is complete once its last examination is passed; nothing
 * is recorded after a pass, so the latest attempt of all is that one). Null when not completed.
 */
export function courseCompletedOn(course: DatedCourse): IsoDate | null {
  if (!course.completed) return null;
  if (course.recognisedOn) return course.recognisedOn;
  return course.examinedOn.reduce<IsoDate | null>((latest, d) => (latest === null || compareIsoDates(d, latest) > 0 ? d : latest), null);
}

/**
 * §10 (3): the credits a student had earned on `date` — those of the courses completed on or
 * before it (a topic assigned in February counts February's credits, not today's).
 */
export function creditsEarnedOn(courses: readonly DatedCourse[], date: IsoDate): number {
  parseIsoDate(date, 'date');
  return courses.reduce((sum, c) => {
    const on = courseCompletedOn(c);
    return on !== null && compareIsoDates(on, date) <= 0 ? sum + c.credits : sum;
  }, 0);
}
