import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { noteSetBasedWrite, setAuditTarget } from '@pioneer/shared/audit';
import { DomainError, ErrorCode, isDomainError } from '@pioneer/shared/errors';
import { isStudentId } from '@pioneer/shared/federation';
import { jsonRowsInsert, type BulkColumn } from '@pioneer/shared/persistence';
import { checkExaminationDate, checkRegistrationDate, parseIsoDate } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueService, checkTakesNewStudents, editionFor } from '../catalogue/catalogue.service.js';
import { utcToday } from '../enrolment/enrolment.service.js';
import { readCatalogue, type ComponentRow, type CourseRow } from '../student-record/student-record.query.js';
import type { ResultStatus } from './exam-result.entity.js';
import { attemptValue, checkAttemptNumber, checkExaminer, checkNewRegistration, checkNoResultYet, checkResultValue, checkWholeCourse } from './examination.rules.js';

/** Rows of one examination session, at most: a whole intake in one call (docs/examinations-office.md). */
export const SESSION_MAX_ROWS = 500;

/** One result to record: one student, one examination, one attempt (or the student's next). */
export interface ResultLine {
  /** How the caller numbers it: the position in a session (1, 2, …) or the line of a CSV file. */
  row: number;
  studentId?: string | null;
  studentNumber?: string | null;
  courseCode: string;
  examinationKey: string;
  /** Null: the student's next attempt at this examination. */
  attempt: number | null;
  /** The registration's date when one is needed; the examination's date when not given. */
  registeredOn?: string | null;
  status: ResultStatus;
  points?: number | null;
  passed?: boolean | null;
  examinedOn: string;
  examiner: string;
}

export type LineOutcome = 'RECORDED' | 'UNCHANGED';

export interface LinePlan {
  row: number;
  studentId: string;
  studentNumber: string;
  attempt: number;
  outcome: LineOutcome;
  /** A registration was (or would be) made for this attempt. */
  registered: boolean;
  resultId: string;
}

/** A refused row: its number, the error code of the rule it breaks and the field at fault. */
export interface RowRefusal {
  row: number;
  code: string;
  message: string;
  field: string | null;
}

export interface SessionOutcome {
  lines: LinePlan[];
  refusals: RowRefusal[];
  committed: boolean;
}

/** The field a refusal is about, for the codes whose errors do not name one. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  [ErrorCode.STUDENT_NOT_ENROLLED]: 'student',
  [ErrorCode.DUPLICATE_ROW]: 'student',
  [ErrorCode.UNKNOWN_COURSE]: 'courseCode',
  [ErrorCode.COURSE_OF_ANOTHER_UNIVERSITY]: 'courseCode',
  [ErrorCode.COURSE_RETIRED]: 'courseCode',
  [ErrorCode.UNKNOWN_EXAMINATION]: 'examinationKey',
  [ErrorCode.POINTS_OUT_OF_RANGE]: 'points',
  [ErrorCode.POINTS_NOT_INTEGER]: 'points',
  [ErrorCode.POINTS_ON_PASS_FAIL_EXAMINATION]: 'points',
  [ErrorCode.PASS_FAIL_ON_SCORED_EXAMINATION]: 'passed',
  [ErrorCode.ALREADY_REGISTERED]: 'attempt',
  [ErrorCode.ATTEMPT_OUT_OF_ORDER]: 'attempt',
  [ErrorCode.ATTEMPT_LIMIT_EXCEEDED]: 'attempt',
  [ErrorCode.RESULT_ALREADY_RECORDED]: 'attempt',
  [ErrorCode.COURSE_ALREADY_COMPLETED]: 'attempt',
  [ErrorCode.COURSE_PERMANENTLY_FAILED]: 'attempt',
};

export function refusalOf(row: number, e: DomainError): RowRefusal {
  const field = typeof e.details.field === 'string' ? e.details.field : (FIELD_OF_CODE[e.code] ?? null);
  return { row, code: e.code, message: e.message, field };
}

/** The refusal of a whole session: every bad row, nothing written. */
export function sessionRefused(refusals: readonly RowRefusal[], total: number, extra: Record<string, unknown> = {}): DomainError {
  return new DomainError(ErrorCode.SESSION_REFUSED, `${refusals.length} of ${total} rows refused; nothing was recorded`, { ...extra, rows: refusals });
}

interface StateResult {
  id: string;
  status: ResultStatus;
  points: number | null;
  passed: boolean | null;
  examinedOn: string;
  examiner: string;
}

/** A registration as the rules read it (RegistrationLike), with what the writes need. */
interface StateRegistration {
  id: string;
  attempt: number;
  component: ComponentRow;
  registeredOn: string;
  result: StateResult | null;
}

/** A result to insert, with its registration (new or waiting for it). */
interface Written {
  registration: StateRegistration;
  isNew: boolean;
  enrolment: EnrolmentRow;
  result: StateResult;
  line: ResultLine;
  course: CourseRow;
}

/** One student's record in one edition of a course, as read and as the rows before change it. */
interface CourseState {
  registrations: StateRegistration[];
  recognition: { points: number | null; decisionReference: string; decidedOn: string } | null;
}

interface EnrolmentRow {
  id: string;
  student_id: string;
  student_number: string;
  enrolled_on: string;
}

const REGISTRATION: readonly BulkColumn[] = [['id', 'uuid'], ['enrolment_id', 'uuid'], ['component_id', 'uuid'], ['attempt', 'int'], ['registered_on', 'date']];
const RESULT: readonly BulkColumn[] = [
  ['id', 'uuid'],
  ['registration_id', 'uuid'],
  ['enrolment_id', 'uuid'],
  ['status', 'text'],
  ['points', 'int'],
  ['passed', 'boolean'],
  ['examined_on', 'date'],
  ['examiner', 'varchar'],
  ['version', 'int'],
  ['recorded_by', 'varchar'],
  ['recorded_at', 'timestamptz'],
];
const VERSION: readonly BulkColumn[] = [
  ['id', 'uuid'],
  ['result_id', 'uuid'],
  ['version', 'int'],
  ['status', 'text'],
  ['points', 'int'],
  ['passed', 'boolean'],
  ['examined_on', 'date'],
  ['examiner', 'varchar'],
  ['changed_by', 'varchar'],
  ['changed_at', 'timestamptz'],
  ['reason', 'text'],
];
const AUDIT: readonly BulkColumn[] = [
  ['id', 'uuid'],
  ['at', 'timestamptz'],
  ['service', 'varchar'],
  ['actor', 'varchar'],
  ['actor_name', 'varchar'],
  ['roles', 'varchar'],
  ['operation', 'varchar'],
  ['target', 'varchar'],
  ['outcome', 'varchar'],
  ['student_id', 'uuid'],
];

/**
 * Examination sessions (issue 15): many results in one transaction, all or nothing. Every row is
 * checked by the rules of the single mutations (examination.rules.ts) — a row is refused exactly
 * when registering and recording it one by one would be — against the records as they stand with
 * the rows before it applied. The SQL is set-based: the same statements for 1 or 500 rows (lock
 * the enrolments in one statement ordered by id, read registrations and recognitions, one insert
 * per table). Each row is filed under the edition its student takes the course in
 * (catalogue.service.ts editionFor, as the single mutations choose it): the records read cover
 * every edition of the course, so that choice costs no statement per student.
 */
export class SessionService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    private readonly today: () => string = utcToday,
  ) {}

  /** `<u>RecordExaminationSession`: one examination, one date, up to SESSION_MAX_ROWS students. */
  async recordSession(
    input: {
      courseCode: string;
      examinationKey: string;
      attempt?: number | null;
      examinedOn: string;
      examiner: string;
      registeredOn?: string | null;
      results: readonly { studentNumber?: string | null; studentId?: string | null; status: ResultStatus; points?: number | null; passed?: boolean | null }[];
    },
    actor: string,
  ): Promise<{ courseCode: string; examinationKey: string; examinedOn: string; recorded: number; registered: number; unchanged: number; rows: LinePlan[] }> {
    if (input.results.length === 0) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A session has at least one row', { field: 'results' });
    if (input.results.length > SESSION_MAX_ROWS) {
      throw new DomainError(ErrorCode.PAYLOAD_TOO_LARGE, `A session has at most ${SESSION_MAX_ROWS} rows, not ${input.results.length}: send the intake in several sessions`, {
        limit: SESSION_MAX_ROWS,
        rows: input.results.length,
      });
    }
    setAuditTarget(`courseCode=${input.courseCode} examinationKey=${input.examinationKey} attempt=${input.attempt ?? 'next'} examinedOn=${input.examinedOn} rows=${input.results.length}`);
    // What every row shares is checked once: a wrong date or examination is one error, not 500.
    const catalogue = await readCatalogue(this.em);
    checkExaminer(input.examiner);
    parseIsoDate(input.examinedOn, 'examinedOn');
    if (input.registeredOn != null) parseIsoDate(input.registeredOn, 'registeredOn');
    if (input.attempt != null) checkAttemptNumber(input.attempt);
    this.examination(catalogue, input.courseCode, input.examinationKey);
    const lines = input.results.map((r, i) => ({
      ...r,
      row: i + 1,
      courseCode: input.courseCode,
      examinationKey: input.examinationKey,
      attempt: input.attempt ?? null,
      registeredOn: input.registeredOn ?? null,
      examinedOn: input.examinedOn,
      examiner: input.examiner,
    }));
    const { lines: rows } = await this.apply(lines, actor, { commit: true }, catalogue);
    const recorded = rows.filter((r) => r.outcome === 'RECORDED');
    return {
      courseCode: input.courseCode,
      examinationKey: input.examinationKey,
      examinedOn: input.examinedOn,
      recorded: recorded.length,
      registered: recorded.filter((r) => r.registered).length,
      unchanged: rows.length - recorded.length,
      rows,
    };
  }

  /**
   * Checks every line and, when `commit` and none is refused, records them. With refused lines a
   * commit throws SESSION_REFUSED listing every one; a dry run returns them.
   */
  async apply(lines: readonly ResultLine[], actor: string, options: { commit: boolean }, catalogueRead?: readonly CourseRow[]): Promise<SessionOutcome> {
    const catalogue = catalogueRead ?? (await readCatalogue(this.em));
    const refusals: RowRefusal[] = [];
    const checked: { line: ResultLine; editions: readonly CourseRow[]; examiner: string }[] = [];
    for (const line of lines) {
      try {
        checked.push({ line, ...this.checkLine(line, catalogue) });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        refusals.push(refusalOf(line.row, e));
      }
    }
    return this.em.transactional(async (em) => {
      const execute = <T>(sql: string, params: unknown[], method: 'all' | 'run' = 'all'): Promise<T> =>
        em.getConnection().execute(sql, params as never[], method, em.getTransactionContext()) as Promise<T>;
      const ids = [...new Set(checked.map((c) => c.line.studentId).filter((id): id is string => !!id && isStudentId(id)))];
      const numbers = [...new Set(checked.map((c) => c.line.studentNumber).filter((n): n is string => !!n))];
      // One statement, rows locked in id order: two sessions over overlapping students wait for
      // each other instead of deadlocking; the single mutations lock the same rows.
      const enrolments = await execute<EnrolmentRow[]>(
        `select id, student_id, student_number, enrolled_on::text as enrolled_on from enrolment
          where student_id in (?) or student_number in (?) order by id${options.commit ? ' for update' : ''}`,
        [orNull(ids), orNull(numbers)],
      );
      const byId = new Map(enrolments.map((e) => [e.student_id, e]));
      const byNumber = new Map(enrolments.map((e) => [e.student_number, e]));
      // Every edition of the courses named: a student's rows go to the edition they started.
      const courseIds = [...new Set(checked.flatMap((c) => c.editions.map((e) => e.id)))];
      const state = await this.readState(execute, enrolments, courseIds, catalogue);

      const plans: LinePlan[] = [];
      const seen = new Map<string, number>();
      const written: Written[] = [];
      for (const { line, editions, examiner } of checked) {
        try {
          const enrolment = line.studentId ? byId.get(line.studentId) : byNumber.get(line.studentNumber ?? '');
          if (!enrolment) {
            const who = line.studentId ? `Student ${line.studentId}` : `Student number ${line.studentNumber}`;
            throw new DomainError(ErrorCode.STUDENT_NOT_ENROLLED, `${who} is not enrolled at ${this.profile.name}`, { field: 'student' });
          }
          // A new registration is made on this date, so the edition is chosen on it, as register() does.
          const registeredOn = line.registeredOn ?? line.examinedOn;
          const chosen = editionFor(editions, startedEdition(state, enrolment.id, editions), registeredOn);
          if (!chosen) throw new CatalogueService(this.em, this.profile).unknownCourse(line.courseCode);
          const { course, started } = chosen;
          const component = examinationOf(course, line.examinationKey);
          checkResultValue(this.profile, component, line);
          const record = state.get(`${enrolment.id}:${course.id}`) ?? { registrations: [], recognition: null };
          state.set(`${enrolment.id}:${course.id}`, record);
          const own = record.registrations.filter((r) => r.component.id === component.id);
          const attempt = line.attempt ?? nextAttempt(own, line.examinedOn);
          const key = `${enrolment.id}:${component.id}:${attempt}`;
          const earlier = seen.get(key);
          if (earlier !== undefined) {
            throw new DomainError(ErrorCode.DUPLICATE_ROW, `${enrolment.student_number} already has row ${earlier} for attempt ${attempt} of this examination`, { field: 'student', otherRow: earlier });
          }
          seen.set(key, line.row);
          const existing = own.find((r) => r.attempt === attempt) ?? null;
          const value = { status: line.status, points: line.points ?? null, passed: line.passed ?? null, examinedOn: line.examinedOn, examiner };
          if (existing?.result) {
            if (sameResult(existing.result, value)) {
              plans.push({ row: line.row, studentId: enrolment.student_id, studentNumber: enrolment.student_number, attempt, outcome: 'UNCHANGED', registered: false, resultId: existing.result.id });
              continue;
            }
            checkNoResultYet(existing.result.id);
          }
          let registration = existing;
          if (!registration) {
            // As registerExaminationAttempt would (examination.service.ts register()).
            checkTakesNewStudents(course, started, registeredOn);
            checkRegistrationDate({ registeredOn, enrolledOn: enrolment.enrolled_on, today: this.today() });
            checkNewRegistration(course, component, own, attempt);
            const fresh: StateRegistration = { id: randomUUID(), attempt, component, registeredOn, result: null };
            checkWholeCourse(this.profile, course, [...record.registrations, fresh], record.recognition, null);
            registration = fresh;
          }
          // As recordResult would.
          checkExaminationDate({ examinedOn: line.examinedOn, registeredOn: registration.registeredOn, today: this.today() });
          const withRegistration = existing ? record.registrations : [...record.registrations, registration];
          checkWholeCourse(this.profile, course, withRegistration, record.recognition, { componentKey: component.key, attempt, value: attemptValue(value) });
          const result: StateResult = { id: randomUUID(), ...value };
          registration.result = result;
          if (!existing) record.registrations.push(registration);
          written.push({ registration, isNew: !existing, enrolment, result, line, course });
          plans.push({ row: line.row, studentId: enrolment.student_id, studentNumber: enrolment.student_number, attempt, outcome: 'RECORDED', registered: !existing, resultId: result.id });
        } catch (e) {
          if (!isDomainError(e)) throw e;
          refusals.push(refusalOf(line.row, e));
        }
      }
      refusals.sort((a, b) => a.row - b.row);
      if (refusals.length && options.commit) throw sessionRefused(refusals, lines.length);
      if (!options.commit || refusals.length || written.length === 0) return { lines: plans, refusals, committed: false };
      await this.write(execute, written, actor);
      return { lines: plans, refusals, committed: true };
    });
  }

  /** The checks that need no student's record: who, which examination, a well-formed value. */
  private checkLine(line: ResultLine, catalogue: readonly CourseRow[]): { editions: readonly CourseRow[]; examiner: string } {
    const hasId = !!line.studentId?.trim();
    const hasNumber = !!line.studentNumber?.trim();
    if (hasId === hasNumber) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'Each row names its student once: by student number or by student id', { field: 'student' });
    }
    const examiner = checkExaminer(line.examiner);
    parseIsoDate(line.examinedOn, 'examinedOn');
    if (line.registeredOn != null) parseIsoDate(line.registeredOn, 'registeredOn');
    if (line.attempt !== null) checkAttemptNumber(line.attempt);
    const { editions, component } = this.examination(catalogue, line.courseCode, line.examinationKey);
    // Checked again against the student's edition once it is known; a value wrong for the
    // examination is refused here already, before any student is looked up.
    checkResultValue(this.profile, component, line);
    return { editions, examiner };
  }

  /**
   * The editions of the course a row names and its examination in the latest edition that has it
   * (UNKNOWN_COURSE, UNKNOWN_EXAMINATION when no edition has it); which edition a student's row
   * goes to depends on their record (apply()).
   */
  private examination(catalogue: readonly CourseRow[], courseCode: string, examinationKey: string): { editions: readonly CourseRow[]; component: ComponentRow } {
    const editions = catalogue.filter((c) => c.code === courseCode);
    if (!editions.length) throw new CatalogueService(this.em, this.profile).unknownCourse(courseCode);
    const component = editions
      .flatMap((e) => e.components.getItems())
      .filter((c) => c.key === examinationKey)
      .at(-1);
    return { editions, component: component ?? examinationOf(editions.at(-1)!, examinationKey) };
  }

  /** Registrations (with results) and recognitions of these enrolments in these courses: two statements. */
  private async readState(
    execute: <T>(sql: string, params: unknown[]) => Promise<T>,
    enrolments: readonly EnrolmentRow[],
    courseIds: readonly string[],
    catalogue: readonly CourseRow[],
  ): Promise<Map<string, CourseState>> {
    const enrolmentIds = orNull(enrolments.map((e) => e.id));
    const courses = orNull([...courseIds]);
    const components = new Map(catalogue.flatMap((c) => c.components.getItems().map((x) => [x.id, { component: x as ComponentRow, courseId: c.id }] as const)));
    const registrations = await execute<
      { id: string; enrolment_id: string; component_id: string; attempt: number; registered_on: string; result_id: string | null; status: ResultStatus | null; points: number | null; passed: boolean | null; examined_on: string | null; examiner: string | null }[]
    >(
      `select r.id, r.enrolment_id, r.component_id, r.attempt, r.registered_on::text as registered_on,
              res.id as result_id, res.status, res.points, res.passed, res.examined_on::text as examined_on, res.examiner
         from registration r join exam_component x on x.id = r.component_id left join exam_result res on res.registration_id = r.id
        where r.enrolment_id in (?) and x.course_id in (?)
        order by r.attempt`,
      [enrolmentIds, courses],
    );
    const recognitions = await execute<{ enrolment_id: string; course_id: string; decision_reference: string; decided_on: string; points: number | null }[]>(
      'select enrolment_id, course_id, decision_reference, decided_on::text as decided_on, points from recognition where enrolment_id in (?) and course_id in (?)',
      [enrolmentIds, courses],
    );
    const state = new Map<string, CourseState>();
    const entry = (enrolmentId: string, courseId: string) => {
      const key = `${enrolmentId}:${courseId}`;
      let found = state.get(key);
      if (!found) state.set(key, (found = { registrations: [], recognition: null }));
      return found;
    };
    for (const r of registrations) {
      const known = components.get(r.component_id);
      // An examination missing from the catalogue would be a broken foreign key: not a record.
      if (!known) throw new Error(`registration for unknown examination ${r.component_id}`);
      const result = r.result_id
        ? { id: r.result_id, status: r.status!, points: r.points, passed: r.passed, examinedOn: r.examined_on!, examiner: r.examiner! }
        : null;
      entry(r.enrolment_id, known.courseId).registrations.push({ id: r.id, attempt: r.attempt, component: known.component, registeredOn: r.registered_on, result });
    }
    for (const r of recognitions) {
      entry(r.enrolment_id, r.course_id).recognition = { points: r.points, decisionReference: r.decision_reference, decidedOn: r.decided_on };
    }
    return state;
  }

  /** One insert per table, whatever the number of rows; each result with its first version (§21) and audit entry. */
  private async write(
    execute: (sql: string, params: unknown[], method: 'run') => Promise<unknown>,
    written: readonly Written[],
    actor: string,
  ): Promise<void> {
    const at = new Date().toISOString();
    const registrations = written.filter((w) => w.isNew).map(({ registration: r, enrolment }) => [r.id, enrolment.id, r.component.id, r.attempt, r.registeredOn]);
    const results = written.map(({ registration, enrolment, result: r }) => [r.id, registration.id, enrolment.id, r.status, r.points, r.passed, r.examinedOn, r.examiner, 1, actor, at]);
    const versions = written.map(({ result: r }) => [randomUUID(), r.id, 1, r.status, r.points, r.passed, r.examinedOn, r.examiner, actor, at, null]);
    const audit = noteSetBasedWrite(
      written.map((w) => ({
        target: `studentId=${w.enrolment.student_id} courseCode=${w.course.code} examinationKey=${w.line.examinationKey} attempt=${w.registration.attempt} resultId=${w.result.id}`,
        studentId: w.enrolment.student_id,
      })),
    ).map((a) => [randomUUID(), at, a.service, a.actor, a.actorName, a.roles, a.operation, a.target, a.outcome, a.studentId ?? null]);
    for (const [table, columns, rows] of [
      ['registration', REGISTRATION, registrations],
      ['exam_result', RESULT, results],
      ['result_version', VERSION, versions],
      ['audit_entry', AUDIT, audit],
    ] as const) {
      if (!rows.length) continue;
      const { sql, params } = jsonRowsInsert(table, columns, rows);
      await execute(sql, params, 'run');
    }
  }
}

/** An examination of one edition (UNKNOWN_EXAMINATION), as the single mutations find it. */
function examinationOf(course: CourseRow, examinationKey: string): ComponentRow {
  const component = course.components.getItems().find((c) => c.key === examinationKey);
  if (!component) {
    throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `${course.code} has no examination "${examinationKey}"`, {
      field: 'examinationKey',
      known: course.components.getItems().map((c) => c.key),
    });
  }
  return component;
}

/**
 * The edition of `editions` a student has started, on the records read (and the rows applied so
 * far): that of their first registration, else of their recognition (CatalogueService.studentEdition).
 */
function startedEdition(state: ReadonlyMap<string, CourseState>, enrolmentId: string, editions: readonly CourseRow[]): CourseRow | null {
  let first: { course: CourseRow; registeredOn: string } | null = null;
  for (const course of editions) {
    for (const r of state.get(`${enrolmentId}:${course.id}`)?.registrations ?? []) {
      if (!first || r.registeredOn < first.registeredOn) first = { course, registeredOn: r.registeredOn };
    }
  }
  return first?.course ?? editions.find((course) => state.get(`${enrolmentId}:${course.id}`)?.recognition) ?? null;
}

/** An `in (?)` list is never empty: a null matches nothing and keeps the statement the same. */
function orNull<T>(values: readonly T[]): (T | null)[] {
  return values.length ? [...values] : [null];
}

/**
 * The attempt a row without one is for: the attempt already recorded for this examination date
 * (a re-sent row is the same sitting), else the registration still waiting for its result, else
 * the one after the last.
 */
function nextAttempt(own: readonly StateRegistration[], examinedOn: string): number {
  const sameSitting = own.find((r) => r.result?.examinedOn === examinedOn);
  if (sameSitting) return sameSitting.attempt;
  const pending = own.find((r) => !r.result);
  if (pending) return pending.attempt;
  return own.reduce((max, r) => Math.max(max, r.attempt), 0) + 1;
}

function sameResult(a: Omit<StateResult, 'id'>, b: Omit<StateResult, 'id'>): boolean {
  return a.status === b.status && a.points === b.points && a.passed === b.passed && a.examinedOn === b.examinedOn && a.examiner === b.examiner;
}
