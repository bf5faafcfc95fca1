import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { DEFAULT_MAX_ATTEMPTS } from '@pioneer/shared/regulations';
import { universityOfCourseCode, type UniversityProfile } from '../../profile.js';
import { Course } from './course.entity.js';
import { ExamComponent } from './exam-component.entity.js';

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
}
