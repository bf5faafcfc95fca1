import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { DEFAULT_MAX_ATTEMPTS, assertWeight } from '@pioneer/shared/regulations';
import { universityOfCourseCode, type UniversityProfile } from '../../profile.js';
import { Course } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';
import { Registration } from '../examinations/registration.entity.js';

/** A title the office types: 2-200 characters, no surrounding spaces. */
function checkTitle(title: string | null | undefined): void {
  if (title != null && !/^\S.{0,198}\S$/.test(title)) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A title has 2-200 characters and no surrounding spaces', { field: 'title' });
  }
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
            }),
          );
        });
      }
      return created;
    });
  }

  /** The examinations office edits a course's title or its weight in the overall grade (§16 (4)). */
  async updateCourse(code: string, input: { title?: string | null; overallWeight?: number | null; resetOverallWeight?: boolean | null }): Promise<Course> {
    checkTitle(input.title);
    if (input.overallWeight != null) assertWeight(input.overallWeight, 'overall weight');
    return this.em.transactional(async (em) => {
      const course = await em.findOne(Course, { code }, { populate: ['components'] });
      if (!course) throw this.unknownCourse(code);
      if (input.title != null) course.title = input.title;
      if (input.resetOverallWeight) course.overallWeight = null;
      else if (input.overallWeight != null) course.overallWeight = input.overallWeight;
      return course;
    });
  }

  /**
   * Edits one examination of a course (§16 (3)). Weights and attempts change what recorded results
   * mean, so they are fixed once a student has registered for that examination.
   */
  async updateComponent(code: string, key: string, input: { title?: string | null; weight?: number | null; maxAttempts?: number | null }): Promise<ExamComponent> {
    checkTitle(input.title);
    if (input.maxAttempts != null && (!Number.isInteger(input.maxAttempts) || input.maxAttempts < 1 || input.maxAttempts > 10)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'maxAttempts is a whole number from 1 to 10', { maxAttempts: input.maxAttempts });
    }
    return this.em.transactional(async (em) => {
      const course = await em.findOne(Course, { code }, { populate: ['components'] });
      if (!course) throw this.unknownCourse(code);
      const component = course.components.getItems().find((c) => c.key === key);
      if (!component) throw new DomainError(ErrorCode.UNKNOWN_COMPONENT, `${code} has no examination "${key}"`, { courseCode: code, componentKey: key });
      if (input.weight != null) {
        if (component.kind === 'PASS_FAIL') throw new DomainError(ErrorCode.INVALID_WEIGHT, 'A pass / fail examination carries no weight (§16 (1))');
        assertWeight(input.weight, 'weight');
      }
      if ((input.weight != null || input.maxAttempts != null) && (await em.count(Registration, { component })) > 0) {
        throw new DomainError(ErrorCode.CONFLICT, `Students are registered for ${component.title} of ${code}: its weight and attempts are fixed`, { courseCode: code, componentKey: key });
      }
      if (input.title != null) component.title = input.title;
      if (input.weight != null) component.weight = input.weight;
      if (input.maxAttempts != null) component.maxAttempts = input.maxAttempts;
      return component;
    });
  }
}
