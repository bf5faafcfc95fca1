/**
 * The Master thesis and its defence: §10, §11, §15 (2)–(3), §19 (1), §7 (1).
 * Dates are ISO calendar dates 'YYYY-MM-DD'; every deadline is inclusive (see calendar.ts).
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { addDays, addMonths, addWeeks, isOnOrBefore, parseIsoDate, compareIsoDates, type IsoDate } from './calendar.js';
import { assertPoints } from './points.js';
import type { UniversityCode } from './programme.js';
import { gradeOnScale, isPassingPoints, type LocalGrade, type ScaleId } from './scales.js';

// §10 (3): "Topics can only be assigned on the condition that the student has already earned a total of 90 credits."
export const THESIS_ELIGIBILITY_CREDITS = 90;
// §10 (4): "The Master thesis must be completed within 16 weeks."
export const THESIS_WORKING_PERIOD_WEEKS = 16;
// §10 (4): the topic may be changed "only once, and only within the first four weeks".
export const MAX_TOPIC_CHANGES = 1;
export const TOPIC_CHANGE_WINDOW_WEEKS = 4;
// §10 (5): the deadline may be extended "by up to twelve weeks".
export const MAX_THESIS_EXTENSION_WEEKS = 12;
// §10 (5): a new topic instead of an extension if the candidate "was unable to work on the thesis
// for more than one year in total" — one year counted as 365 days, the limit itself not included.
export const NEW_TOPIC_INABILITY_DAYS = 365;
// §10 (7): "three copies … (typewritten, bound and paginated) as well as one digital version".
export const REQUIRED_BOUND_COPIES = 3;
// §10 (8): defence "within an eight-week period after the proper submission", extendable "by up to 4 weeks".
export const DEFENCE_PERIOD_WEEKS = 8;
export const MAX_DEFENCE_EXTENSION_WEEKS = 4;
// §11 (1): "the Thesis Defence Committee, which consists of three members".
export const THESIS_DEFENCE_COMMITTEE_SIZE = 3;
// §11 (3): grade communicated "within a one-week period after the defence".
export const GRADE_COMMUNICATION_WEEKS = 1;
// §11 (3): "Rectifications can be made within a time period of 10 days after the formal announcement".
export const RECTIFICATION_DAYS = 10;
// §19 (1): access requests "no later than three months after the results … announced".
export const FILE_ACCESS_REQUEST_MONTHS = 3;
// §15 (2): one more chance; "A third attempt is not allowed" — thesis and defence alike.
export const MAX_THESIS_ATTEMPTS = 2;
// §7 (1), §10 (8): defences rotate among the three universities. Order and start year are our choice.
export const DEFENCE_ROTATION: readonly UniversityCode[] = ['LEUVEN', 'MUENSTER', 'TTU'];
export const DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR = 2017; // §22: students starting in or after winter 2017/18
/** §11 (2) → §16 (1): the thesis is scored on the KU Leuven table, the one of the §16 (4) overall grade. */
export const THESIS_SCALE: ScaleId = 'OVERALL';

function assertNonNegativeWholeNumber(n: unknown, what: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `${what} must be a whole number ≥ 0, got ${String(n)}`, { what, value: n });
  }
}

function assertExtensionWeeks(weeks: unknown, max: number, section: string): asserts weeks is number {
  if (typeof weeks !== 'number' || !Number.isSafeInteger(weeks) || weeks < 0 || weeks > max) {
    throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, `${section}: an extension is a whole number of weeks from 0 to ${max}, got ${String(weeks)}`, {
      extensionWeeks: weeks,
      max,
    });
  }
}

/** §10 (3): a topic can be assigned once 90 credits are earned. */
export function canAssignThesisTopic(creditsEarned: number): boolean {
  if (typeof creditsEarned !== 'number' || !Number.isFinite(creditsEarned) || creditsEarned < 0) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `credits earned must be a number ≥ 0, got ${String(creditsEarned)}`, { creditsEarned });
  }
  return creditsEarned >= THESIS_ELIGIBILITY_CREDITS;
}

/** §10 (4) 16 weeks from the assignment (+ §10 (5) an extension of up to 12 weeks); inclusive. */
export function thesisSubmissionDeadline(assignedOn: IsoDate, extensionWeeks = 0): IsoDate {
  parseIsoDate(assignedOn, 'assignedOn');
  assertExtensionWeeks(extensionWeeks, MAX_THESIS_EXTENSION_WEEKS, '§10 (5)');
  return addWeeks(assignedOn, THESIS_WORKING_PERIOD_WEEKS + extensionWeeks);
}

/** §10 (4): the last day on which the topic may be changed (first four weeks). */
export function topicChangeDeadline(assignedOn: IsoDate): IsoDate {
  parseIsoDate(assignedOn, 'assignedOn');
  return addWeeks(assignedOn, TOPIC_CHANGE_WINDOW_WEEKS);
}

/**
 * §10 (4): the topic may be changed once, within the first four weeks. A change does not restart
 * the 16 weeks: the submission deadline stays thesisSubmissionDeadline(original assignedOn).
 * Throws THESIS_TOPIC_CHANGE_NOT_ALLOWED.
 */
export function checkTopicChange(input: { assignedOn: IsoDate; changeOn: IsoDate; changesSoFar: number }): void {
  const { assignedOn, changeOn, changesSoFar } = input;
  parseIsoDate(assignedOn, 'assignedOn');
  parseIsoDate(changeOn, 'changeOn');
  assertNonNegativeWholeNumber(changesSoFar, 'changesSoFar');
  if (changesSoFar >= MAX_TOPIC_CHANGES) {
    throw new DomainError(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED, '§10 (4): the topic may be changed only once', { changesSoFar });
  }
  if (compareIsoDates(changeOn, assignedOn) < 0) {
    throw new DomainError(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED, 'a topic cannot be changed before it is assigned', { assignedOn, changeOn });
  }
  const deadline = topicChangeDeadline(assignedOn);
  if (!isOnOrBefore(changeOn, deadline)) {
    throw new DomainError(ErrorCode.THESIS_TOPIC_CHANGE_NOT_ALLOWED, `§10 (4): the topic may be changed only within the first four weeks (until ${deadline})`, {
      assignedOn,
      changeOn,
      deadline,
    });
  }
}

/**
 * §10 (5): an extension of the submission deadline. The extensions granted add up to at most
 * 12 weeks; each is a positive whole number of weeks; it is requested on or before the deadline
 * in force (assignment + 16 weeks + extensions already granted). Returns the new deadline.
 * Throws THESIS_EXTENSION_NOT_ALLOWED.
 */
export function checkExtension(input: {
  assignedOn: IsoDate;
  requestedOn: IsoDate;
  alreadyGrantedWeeks: number;
  requestedWeeks: number;
}): IsoDate {
  const { assignedOn, requestedOn, alreadyGrantedWeeks, requestedWeeks } = input;
  parseIsoDate(assignedOn, 'assignedOn');
  parseIsoDate(requestedOn, 'requestedOn');
  assertExtensionWeeks(alreadyGrantedWeeks, MAX_THESIS_EXTENSION_WEEKS, '§10 (5)');
  if (typeof requestedWeeks !== 'number' || !Number.isSafeInteger(requestedWeeks) || requestedWeeks <= 0) {
    throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, `an extension is a positive whole number of weeks, got ${String(requestedWeeks)}`, {
      requestedWeeks,
    });
  }
  if (alreadyGrantedWeeks + requestedWeeks > MAX_THESIS_EXTENSION_WEEKS) {
    throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, `§10 (5): extensions add up to at most ${MAX_THESIS_EXTENSION_WEEKS} weeks`, {
      alreadyGrantedWeeks,
      requestedWeeks,
      max: MAX_THESIS_EXTENSION_WEEKS,
    });
  }
  if (compareIsoDates(requestedOn, assignedOn) < 0) {
    throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, 'an extension cannot be requested before the topic is assigned', { assignedOn, requestedOn });
  }
  const currentDeadline = thesisSubmissionDeadline(assignedOn, alreadyGrantedWeeks);
  if (!isOnOrBefore(requestedOn, currentDeadline)) {
    throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, `§10 (5): the request must be made by the submission deadline ${currentDeadline}`, {
      requestedOn,
      deadline: currentDeadline,
    });
  }
  return thesisSubmissionDeadline(assignedOn, alreadyGrantedWeeks + requestedWeeks);
}

export interface SubmissionInput {
  deadline: IsoDate;
  /** When the bound copies were handed in, null if not (yet). */
  boundCopiesOn: IsoDate | null;
  boundCopies: number;
  /** When the digital version was handed in, null if not (yet). */
  digitalOn: IsoDate | null;
}

export type SubmissionProblem = 'BOUND_COPIES_MISSING' | 'TOO_FEW_BOUND_COPIES' | 'BOUND_COPIES_LATE' | 'DIGITAL_VERSION_MISSING' | 'DIGITAL_VERSION_LATE';

/** §10 (7): what keeps a submission from being on time and complete (empty when it is). */
export function submissionProblems(input: SubmissionInput): SubmissionProblem[] {
  const { deadline, boundCopiesOn, boundCopies, digitalOn } = input;
  parseIsoDate(deadline, 'deadline');
  assertNonNegativeWholeNumber(boundCopies, 'boundCopies');
  const problems: SubmissionProblem[] = [];
  if (boundCopiesOn === null || boundCopies === 0) {
    problems.push('BOUND_COPIES_MISSING');
  } else {
    parseIsoDate(boundCopiesOn, 'boundCopiesOn');
    if (boundCopies < REQUIRED_BOUND_COPIES) problems.push('TOO_FEW_BOUND_COPIES');
    if (!isOnOrBefore(boundCopiesOn, deadline)) problems.push('BOUND_COPIES_LATE');
  }
  if (digitalOn === null) {
    problems.push('DIGITAL_VERSION_MISSING');
  } else {
    parseIsoDate(digitalOn, 'digitalOn');
    if (!isOnOrBefore(digitalOn, deadline)) problems.push('DIGITAL_VERSION_LATE');
  }
  return problems;
}

/** §10 (7): three bound copies and the digital version, both handed in on or before the deadline. */
export function isSubmissionOnTimeAndComplete(input: SubmissionInput): boolean {
  return submissionProblems(input).length === 0;
}

/** §10 (7) "The date of submission must be put on record": the later of the two hand-ins (null until both are in). */
export function submissionDate(input: { boundCopiesOn: IsoDate | null; digitalOn: IsoDate | null }): IsoDate | null {
  const { boundCopiesOn, digitalOn } = input;
  if (boundCopiesOn === null || digitalOn === null) return null;
  return compareIsoDates(boundCopiesOn, digitalOn) >= 0 ? boundCopiesOn : digitalOn;
}

/**
 * §10 (8): the defence takes place after the submission (from the next day) and within eight
 * weeks of it (+ up to 4 weeks in exceptional cases); both ends inclusive.
 */
export function defenceWindow(submittedOn: IsoDate, extensionWeeks = 0): { from: IsoDate; to: IsoDate } {
  parseIsoDate(submittedOn, 'submittedOn');
  assertExtensionWeeks(extensionWeeks, MAX_DEFENCE_EXTENSION_WEEKS, '§10 (8)');
  return { from: addDays(submittedOn, 1), to: addWeeks(submittedOn, DEFENCE_PERIOD_WEEKS + extensionWeeks) };
}

/** §10 (8): throws THESIS_DEFENCE_OUTSIDE_WINDOW unless the defence date lies in the window. */
export function checkDefenceDate(input: { submittedOn: IsoDate; defenceOn: IsoDate; extensionWeeks?: number }): void {
  const { submittedOn, defenceOn, extensionWeeks = 0 } = input;
  parseIsoDate(defenceOn, 'defenceOn');
  const window = defenceWindow(submittedOn, extensionWeeks);
  if (compareIsoDates(defenceOn, window.from) < 0 || compareIsoDates(defenceOn, window.to) > 0) {
    throw new DomainError(ErrorCode.THESIS_DEFENCE_OUTSIDE_WINDOW, `§10 (8): the defence must take place from ${window.from} to ${window.to}`, {
      defenceOn,
      ...window,
    });
  }
}

export interface CommitteeMember {
  name: string;
  /** A doctoral degree or an equivalent qualification within the field of the programme (§11 (1)). */
  hasDoctorate: boolean;
}

/** §11 (1): exactly three distinct members, each with a doctorate or equivalent. Throws THESIS_COMMITTEE_INVALID. */
export function checkDefenceCommittee(members: readonly CommitteeMember[]): void {
  if (members.length !== THESIS_DEFENCE_COMMITTEE_SIZE) {
    throw new DomainError(ErrorCode.THESIS_COMMITTEE_INVALID, `§11 (1): the Thesis Defence Committee has ${THESIS_DEFENCE_COMMITTEE_SIZE} members, got ${members.length}`, {
      size: members.length,
    });
  }
  const normalised = members.map((m) => (typeof m.name === 'string' ? m.name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('en') : ''));
  if (normalised.some((n) => n === '')) {
    throw new DomainError(ErrorCode.THESIS_COMMITTEE_INVALID, 'every committee member needs a name', {});
  }
  if (new Set(normalised).size !== normalised.length) {
    throw new DomainError(ErrorCode.THESIS_COMMITTEE_INVALID, '§11 (1): the three members must be three different people', {
      names: members.map((m) => m.name),
    });
  }
  const without = members.filter((m) => m.hasDoctorate !== true).map((m) => m.name);
  if (without.length > 0) {
    throw new DomainError(ErrorCode.THESIS_COMMITTEE_INVALID, '§11 (1): every member needs at least a doctoral degree or an equivalent qualification', {
      withoutDoctorate: without,
    });
  }
}

export interface ThesisVerdict {
  passed: boolean;
  /**
   * The grade of the joint score on the thesis scale, when it stands: always when passed, and
   * when the joint score itself fails. null when the joint score would pass but an examiner's
   * failing score forbids a pass grade (§11 (2)): the regulations name no fail grade for that case.
   */
  grade: LocalGrade | null;
  /** Indices (0-based) of the examiners whose score fails. */
  failingExaminers: number[];
}

/**
 * §11 (2): the committee scores thesis and defence together (§16 (1)); the result is a pass only
 * if every examiner's score passes and the joint score passes, on the KU Leuven (OVERALL) table.
 */
export function thesisVerdict(input: { examinerScores: readonly number[]; jointScore: number }): ThesisVerdict {
  const { examinerScores, jointScore } = input;
  if (examinerScores.length !== THESIS_DEFENCE_COMMITTEE_SIZE) {
    throw new DomainError(ErrorCode.THESIS_EXAMINER_SCORES_INCOMPLETE, `§11 (1)–(2): one score from each of the ${THESIS_DEFENCE_COMMITTEE_SIZE} examiners, got ${examinerScores.length}`, {
      scores: examinerScores.length,
    });
  }
  examinerScores.forEach((s, i) => assertPoints(s, `score of examiner ${i + 1}`));
  const grade = gradeOnScale(THESIS_SCALE, jointScore);
  const failingExaminers = examinerScores.flatMap((s, i) => (isPassingPoints(THESIS_SCALE, s) ? [] : [i]));
  const passed = grade.passed && failingExaminers.length === 0;
  return { passed, grade: passed || !grade.passed ? grade : null, failingExaminers };
}

/** §11 (3): the grade is communicated within one week after the defence. */
export function gradeCommunicationDeadline(defenceOn: IsoDate): IsoDate {
  return addWeeks(defenceOn, GRADE_COMMUNICATION_WEEKS);
}

/** §11 (3): rectifications within 10 days after the formal announcement of the result. */
export function rectificationDeadline(announcedOn: IsoDate): IsoDate {
  return addDays(announcedOn, RECTIFICATION_DAYS);
}

/** §19 (1): file access requested no later than three months after the thesis result is announced. */
export function fileAccessRequestDeadline(announcedOn: IsoDate): IsoDate {
  return addMonths(announcedOn, FILE_ACCESS_REQUEST_MONTHS);
}

/**
 * §15 (2): a failed thesis (or defence) gets one more chance; a third attempt is not allowed.
 * `attemptsSoFar` counts the attempts already made. Returns the number of the new attempt;
 * throws THESIS_ATTEMPT_LIMIT_EXCEEDED.
 */
export function checkNewThesisAttempt(attemptsSoFar: number): number {
  assertNonNegativeWholeNumber(attemptsSoFar, 'attemptsSoFar');
  if (attemptsSoFar >= MAX_THESIS_ATTEMPTS) {
    throw new DomainError(ErrorCode.THESIS_ATTEMPT_LIMIT_EXCEEDED, `§15 (2): at most ${MAX_THESIS_ATTEMPTS} attempts at the Master thesis and its defence`, {
      attemptsSoFar,
    });
  }
  return attemptsSoFar + 1;
}

/**
 * §10 (5) sentences 6–7: instead of an extension, a new topic may be assigned if the candidate was
 * unable to work on the thesis for more than one year (> 365 days) in total, and it then counts as
 * a second attempt (§15 (2)). true: the new-topic route applies and counts as an attempt; false:
 * the route is not open (the deadline is extended instead).
 */
export function newTopicAfterInabilityCountsAsAttempt(daysUnableToWork: number): boolean {
  assertNonNegativeWholeNumber(daysUnableToWork, 'daysUnableToWork');
  return daysUnableToWork > NEW_TOPIC_INABILITY_DAYS;
}

/**
 * §7 (1), §10 (8): the university whose turn it is to host the defences in the academic year
 * starting in `academicYearStart` (2017 = 2017/18). Rotation LEUVEN → MUENSTER → TTU from 2017.
 */
export function defenceHostByRotation(academicYearStart: number): UniversityCode {
  if (!Number.isSafeInteger(academicYearStart) || academicYearStart < DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR) {
    throw new DomainError(ErrorCode.INVALID_DATE, `the academic year must be a whole year from ${DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR} (§22)`, {
      academicYearStart,
    });
  }
  return DEFENCE_ROTATION[(academicYearStart - DEFENCE_ROTATION_FIRST_ACADEMIC_YEAR) % DEFENCE_ROTATION.length]!;
}

/** An academic year starts in September (2026-09-01 begins 2026/27), the month the programme begins at KU Leuven (§7 (1)). */
export const ACADEMIC_YEAR_START_MONTH = 9;

/** §11 (1): the academic year (its starting calendar year) a date falls in, e.g. '2026-07-02' → 2025 (2025/26). */
export function academicYearOf(date: IsoDate): number {
  const { year, month } = parseIsoDate(date, 'date');
  return month >= ACADEMIC_YEAR_START_MONTH ? year : year - 1;
}
