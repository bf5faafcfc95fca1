import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import {
  DEFAULT_MAX_ATTEMPTS,
  FIRST_ACADEMIC_YEAR,
  academicYearLabel,
  academicYearOf,
  assertCourseWeight,
  assertExaminationWeight,
  assertMaxAttempts,
  parseAcademicYear,
} from '@pioneer/shared/regulations';
import { CatalogueChange } from './catalogue-change.entity.js';
import { universityOfCourseCode, type UniversityProfile } from '../../profile.js';
import { Course } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';
import { Registration } from '../examinations/registration.entity.js';
import { Recognition } from '../examinations/recognition.entity.js';
import type { Enrolment } from '../enrolment/enrolment.entity.js';
import { utcToday } from '../enrolment/enrolment.service.js';

/** A title the office types: 2-200 printable characters (the shared text rule), no surrounding spaces. */
export function checkTitle(title: string): string {
  if (title !== title.trim()) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A title has no surrounding spaces', { field: 'title' });
  return requireText(title, 'title', 200, 2);
}

export class CatalogueService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    /** Today's calendar date (UTC): which academic year "now" is. Injectable for tests and seeds. */
    private readonly today: () => string = utcToday,
  ) {}

  /** The academic year (starting calendar year) today falls in. */
  currentYear(): number {
    return academicYearOf(this.today());
  }

  /**
   * The catalogue in force in an academic year (default: the current one): per code, its latest
   * edition starting in or before that year, retired ones included (they show their retirement).
   */
  async list(academicYear: number = this.currentYear()): Promise<Course[]> {
    const editions = await this.em.find(Course, { academicYear: { $lte: academicYear } }, { populate: ['components'], orderBy: { code: 'asc', academicYear: 'desc' } });
    return editions.filter((c, i) => i === 0 || editions[i - 1]!.code !== c.code);
  }

  /** Every edition of one course, oldest first. */
  async editions(code: string): Promise<Course[]> {
    const editions = await this.em.find(Course, { code }, { populate: ['components'], orderBy: { academicYear: 'asc' } });
    if (!editions.length) throw this.unknownCourse(code);
    return editions;
  }

  /** The edition of a course in force in an academic year (default: the current one). */
  async byCode(code: string, academicYear: number = this.currentYear(), em: EntityManager = this.em): Promise<Course> {
    const course = await em.findOne(Course, { code, academicYear: { $lte: academicYear } }, { populate: ['components'], orderBy: { academicYear: 'desc' } });
    if (!course) throw this.unknownCourse(code);
    return course;
  }

  /**
   * The edition a student takes a course in (editionFor): the one of their first registration or
   * recognition, else the edition in force on `onDate`. Three statements for one student; the
   * examination sessions read the same facts for many students at once and apply the same rule.
   */
  async studentEdition(em: EntityManager, enrolment: Enrolment, code: string, onDate: string): Promise<{ course: Course; started: boolean }> {
    const registration = await em.findOne(Registration, { enrolment, component: { course: { code } } }, { populate: ['component.course.components'], orderBy: { registeredOn: 'asc', attempt: 'asc' } });
    const recognition = registration ? null : await em.findOne(Recognition, { enrolment, course: { code } }, { populate: ['course.components'] });
    const startedIn = registration?.component.course ?? recognition?.course ?? null;
    const editions = startedIn ? [] : await em.find(Course, { code, academicYear: { $lte: academicYearOf(onDate) } }, { populate: ['components'], orderBy: { academicYear: 'desc' } });
    const chosen = editionFor(editions, startedIn, onDate);
    if (!chosen) throw this.unknownCourse(code);
    return chosen;
  }

  /** A course code of another university is a different error from a code nobody knows. */
  unknownCourse(code: string): DomainError {
    const owner = universityOfCourseCode(code);
    if (owner && owner !== this.profile.code) {
      return new DomainError(ErrorCode.COURSE_OF_ANOTHER_UNIVERSITY, `${code} is not a ${this.profile.noun.singular} of ${this.profile.name}`, { code });
    }
    return new DomainError(ErrorCode.UNKNOWN_COURSE, `No ${this.profile.noun.singular} with code ${code} at ${this.profile.name}`, { code });
  }

  /**
   * Puts the §7 (3) catalogue of the profile in place as the editions from 2017/18, the first
   * academic year of the regulations (§22): missing courses are created with their examinations;
   * a course with any edition is left as the examinations office keeps it.
   */
  async seedCatalogue(): Promise<number> {
    return this.em.transactional(async (em) => {
      const existing = new Set((await em.find(Course, {}, { fields: ['code'] })).map((c) => c.code));
      let created = 0;
      for (const seed of this.profile.catalogue) {
        // Any edition of the code means the office has it: its editions are its own to change.
        if (existing.has(seed.code)) continue;
        created += 1;
        const course = em.create(Course, {
          code: seed.code,
          title: seed.title,
          courseType: seed.courseType,
          examinationTypes: seed.examinationTypes,
          credits: seed.credits,
          semester: this.profile.semester,
          academicYear: FIRST_ACADEMIC_YEAR,
          retiredOn: null,
          overallWeight: null,
          version: 1,
        });
        seed.components.forEach((c, position) => {
          course.components.add(
            em.create(ExamComponent, {
              course,
              key: c.key,
              title: c.title,
              kind: c.kind,
              weight: c.kind === 'PASS_FAIL' ? 0 : c.weight,
              maxAttempts: c.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
              position,
              version: 1,
            }),
          );
        });
      }
      return created;
    });
  }

  /**
   * The examinations office edits a course's title or its weight in the overall grade (§16 (4),
   * bounded 1-30), with its reason; each change is recorded with who, when and why, and the
   * course's version goes up. `expectedVersion`: optimistic concurrency (VERSION_CONFLICT).
   */
  async updateCourse(
    code: string,
    input: { title?: string | null; overallWeight?: number | null; resetOverallWeight?: boolean | null; reason?: string | null; expectedVersion?: number | null; academicYear?: string | null },
    actor: string,
  ): Promise<Course> {
    const title = input.title != null ? checkTitle(input.title) : null;
    if (input.overallWeight != null) assertCourseWeight(input.overallWeight, 'overall weight');
    const reason = requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    const academicYear = input.academicYear != null ? parseAcademicYear(input.academicYear) : null;
    return this.em.transactional(async (em) => {
      const course = await this.lockedEdition(em, code, academicYear);
      checkVersion(course.version, input.expectedVersion, { courseCode: code });
      const log = (field: string, oldValue: unknown, newValue: unknown) => {
        if (oldValue === newValue) return;
        recordChange(em, course, null, field, oldValue, newValue, reason, actor);
      };
      if (title !== null) {
        log('title', course.title, title);
        course.title = title;
      }
      const weight = input.resetOverallWeight ? null : input.overallWeight != null ? input.overallWeight : course.overallWeight;
      log('overallWeight', course.overallWeight, weight);
      course.overallWeight = weight;
      course.version += 1;
      await em.populate(course, ['components']);
      return course;
    });
  }

  /**
   * Edits one examination of a course (§16 (3)), with its reason, recorded like a course change.
   * Weights (1-100) and attempts change what recorded results mean, so they are fixed once a
   * student has registered for that examination.
   */
  async updateComponent(
    code: string,
    key: string,
    input: { title?: string | null; weight?: number | null; maxAttempts?: number | null; reason?: string | null; expectedVersion?: number | null; academicYear?: string | null },
    actor: string,
  ): Promise<ExamComponent> {
    const title = input.title != null ? checkTitle(input.title) : null;
    if (input.maxAttempts != null) assertMaxAttempts(input.maxAttempts);
    const reason = requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    const academicYear = input.academicYear != null ? parseAcademicYear(input.academicYear) : null;
    return this.em.transactional(async (em) => {
      const course = await this.lockedEdition(em, code, academicYear);
      await em.populate(course, ['components']);
      const component = course.components.getItems().find((c) => c.key === key);
      if (!component) throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `${code} has no examination "${key}"`, { courseCode: code, examinationKey: key });
      checkVersion(component.version, input.expectedVersion, { courseCode: code, examinationKey: key });
      if (input.weight != null) {
        if (component.kind === 'PASS_FAIL') throw new DomainError(ErrorCode.INVALID_WEIGHT, 'A pass / fail examination carries no weight (§16 (1))');
        assertExaminationWeight(input.weight, 'weight');
      }
      if ((input.weight != null || input.maxAttempts != null) && (await em.count(Registration, { component })) > 0) {
        throw new DomainError(ErrorCode.CONFLICT, `Students are registered for ${component.title} of ${code}: its weight and attempts are fixed`, { courseCode: code, examinationKey: key });
      }
      const log = (field: string, oldValue: unknown, newValue: unknown) => {
        if (oldValue === newValue) return;
        recordChange(em, course, key, field, oldValue, newValue, reason, actor);
      };
      if (title !== null) {
        log('title', component.title, title);
        component.title = title;
      }
      if (input.weight != null) {
        log('weight', component.weight, input.weight);
        component.weight = input.weight;
      }
      if (input.maxAttempts != null) {
        log('maxAttempts', component.maxAttempts, input.maxAttempts);
        component.maxAttempts = input.maxAttempts;
      }
      component.version += 1;
      return component;
    });
  }

  /** Every change of one course — all its editions — and its examinations, oldest first (§21). */
  async changes(code: string): Promise<CatalogueChange[]> {
    const [course] = await this.editions(code);
    return this.em.find(CatalogueChange, { courseCode: course!.code }, { orderBy: { changedAt: 'asc', id: 'asc' } });
  }

  /** The edition in force in `academicYear` (default: the current one), locked for an edit. */
  async lockedEdition(em: EntityManager, code: string, academicYear: number | null | undefined): Promise<Course> {
    const { id } = await this.byCode(code, academicYear ?? this.currentYear(), em);
    const course = await em.findOne(Course, { id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (!course) throw this.unknownCourse(code);
    return course;
  }
}

/**
 * The rule of which edition a student takes a course in, on what was read: the edition they have
 * started (their first registration or recognition) — retakes are attempts at the same
 * examinations, counted in one description (§15 (4)) — else, among `editions` of the code, the
 * latest one starting in or before the academic year of `onDate` (null: none, an unknown course).
 * `started` says whether the student already is in that edition.
 */
export function editionFor<C extends { academicYear: number }>(editions: readonly C[], startedIn: C | null, onDate: string): { course: C; started: boolean } | null {
  if (startedIn) return { course: startedIn, started: true };
  const year = academicYearOf(onDate);
  let inForce: C | null = null;
  for (const e of editions) if (e.academicYear <= year && (!inForce || e.academicYear > inForce.academicYear)) inForce = e;
  return inForce ? { course: inForce, started: false } : null;
}

/**
 * A retired edition takes no student who has not started it from its retirement date on
 * (docs/catalogue.md); a student already in it goes on with their attempts there.
 */
export function checkTakesNewStudents(course: { code: string; academicYear: number; retiredOn: string | null }, started: boolean, onDate: string): void {
  if (!started && course.retiredOn !== null && onDate >= course.retiredOn) {
    throw new DomainError(ErrorCode.COURSE_RETIRED, `${course.code} (${academicYearLabel(course.academicYear)}) takes no new students from ${course.retiredOn}`, {
      courseCode: course.code,
      retiredOn: course.retiredOn,
    });
  }
}

/** One line of the catalogue's change record (§21), in the edit's own transaction. */
export function recordChange(em: EntityManager, course: Course, componentKey: string | null, field: string, oldValue: unknown, newValue: unknown, reason: string, actor: string): void {
  em.create(CatalogueChange, {
    courseCode: course.code,
    academicYear: course.academicYear,
    componentKey,
    field,
    oldValue: oldValue == null ? null : String(oldValue),
    newValue: newValue == null ? null : String(newValue),
    reason,
    changedBy: actor,
    changedAt: new Date(),
  });
}

/** Optimistic concurrency: an edit that states the version it read is refused if the row moved on. */
export function checkVersion(current: number, expected: number | null | undefined, what: Record<string, string>): void {
  if (expected == null) return;
  if (expected !== current) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, `Version ${current}, not ${expected}: it was changed since it was read`, { ...what, expectedVersion: expected, currentVersion: current });
  }
}
