import type { EntityManager } from '@mikro-orm/postgresql';
import { LockMode } from '@mikro-orm/core';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import { DEFAULT_MAX_ATTEMPTS, assertCourseWeight, assertExaminationWeight } from '@pioneer/shared/regulations';
import { CatalogueChange } from './catalogue-change.entity.js';
import { universityOfCourseCode, type UniversityProfile } from '../../profile.js';
import { Course } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';
import { Registration } from '../examinations/registration.entity.js';

/** A title the office types: 2-200 printable characters (the shared text rule), no surrounding spaces. */
function checkTitle(title: string): string {
  if (title !== title.trim()) throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A title has no surrounding spaces', { field: 'title' });
  return requireText(title, 'title', 200, 2);
}

export class CatalogueService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
  ) {}

  list(): Promise<Course[]> {
    return this.em.find(Course, {}, { populate: ['components'], orderBy: { code: 'asc' } });
  }

  async byCode(code: string): Promise<Course> {
    const course = await this.em.findOne(Course, { code }, { populate: ['components'] });
    if (!course) throw this.unknownCourse(code);
    return course;
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
   * Puts the §7 (3) catalogue of the profile in place: missing courses and components are
   * created; existing ones are left as the examinations office edited them.
   */
  async seedCatalogue(): Promise<number> {
    return this.em.transactional(async (em) => {
      const existing = await em.find(Course, {}, { populate: ['components'] });
      let created = 0;
      for (const seed of this.profile.catalogue) {
        const course: Course =
          existing.find((c) => c.code === seed.code) ??
          em.create(Course, {
            code: seed.code,
            title: seed.title,
            courseType: seed.courseType,
            examinationTypes: seed.examinationTypes,
            credits: seed.credits,
            semester: this.profile.semester,
            overallWeight: null,
            version: 1,
          });
        if (!existing.includes(course as never)) created += 1;
        seed.components.forEach((c, position) => {
          if (course.components.getItems().some((x) => x.key === c.key)) return;
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
    input: { title?: string | null; overallWeight?: number | null; resetOverallWeight?: boolean | null; reason?: string | null; expectedVersion?: number | null },
    actor: string,
  ): Promise<Course> {
    const title = input.title != null ? checkTitle(input.title) : null;
    if (input.overallWeight != null) assertCourseWeight(input.overallWeight, 'overall weight');
    const reason = requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    return this.em.transactional(async (em) => {
      const course = await em.findOne(Course, { code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!course) throw this.unknownCourse(code);
      checkVersion(course.version, input.expectedVersion, { courseCode: code });
      const log = (field: string, oldValue: unknown, newValue: unknown) => {
        if (oldValue === newValue) return;
        em.create(CatalogueChange, { courseCode: code, componentKey: null, field, oldValue: oldValue == null ? null : String(oldValue), newValue: newValue == null ? null : String(newValue), reason, changedBy: actor, changedAt: new Date() });
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
    input: { title?: string | null; weight?: number | null; maxAttempts?: number | null; reason?: string | null; expectedVersion?: number | null },
    actor: string,
  ): Promise<ExamComponent> {
    const title = input.title != null ? checkTitle(input.title) : null;
    if (input.maxAttempts != null && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1 || input.maxAttempts > 10)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'maxAttempts is a whole number from 1 to 10', { maxAttempts: input.maxAttempts });
    }
    const reason = requireReason(input.reason, 'A change of the catalogue must state its reason (§21)');
    return this.em.transactional(async (em) => {
      const course = await em.findOne(Course, { code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
      if (!course) throw this.unknownCourse(code);
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
        em.create(CatalogueChange, { courseCode: code, componentKey: key, field, oldValue: String(oldValue), newValue: String(newValue), reason, changedBy: actor, changedAt: new Date() });
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

  /** Every change of one course and its examinations, oldest first (§21). */
  async changes(code: string): Promise<CatalogueChange[]> {
    const course = await this.byCode(code);
    return this.em.find(CatalogueChange, { courseCode: course.code }, { orderBy: { changedAt: 'asc', id: 'asc' } });
  }
}

/** Optimistic concurrency: an edit that states the version it read is refused if the row moved on. */
function checkVersion(current: number, expected: number | null | undefined, what: Record<string, string>): void {
  if (expected == null) return;
  if (expected !== current) {
    throw new DomainError(ErrorCode.VERSION_CONFLICT, `Version ${current}, not ${expected}: it was changed since it was read`, { ...what, expectedVersion: expected, currentVersion: current });
  }
}
