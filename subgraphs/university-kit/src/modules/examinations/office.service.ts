import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { isUuid } from '@pioneer/shared/federation';
import { GRADING_TABLES } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { groupBy } from '@pioneer/shared/persistence';
import { courseResult } from '../student-record/student-record.service.js';
import { ExamResult } from './exam-result.entity.js';
import { Recognition } from './recognition.entity.js';
import { Registration } from './registration.entity.js';
import { ResultVersion } from './result-version.entity.js';
import type { GradeDistribution } from './office.types.js';

/** What an examinations office reads about its own university. */
export class OfficeService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
  ) {}

  async registrations(courseCode: string, attempt: number | null): Promise<Registration[]> {
    const course = await new CatalogueService(this.em, this.profile).byCode(courseCode);
    return this.em.find(
      Registration,
      { component: { course }, ...(attempt != null ? { attempt } : {}) },
      { populate: ['enrolment', 'component', 'result'], orderBy: { enrolment: { studentNumber: 'asc' }, component: { position: 'asc' }, attempt: 'asc' } },
    );
  }

  async results(courseCode: string, componentKey: string | null, attempt: number | null): Promise<ExamResult[]> {
    const course = await new CatalogueService(this.em, this.profile).byCode(courseCode);
    if (componentKey != null && !course.components.getItems().some((c) => c.key === componentKey)) {
      throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `${courseCode} has no examination "${componentKey}"`, { courseCode, examinationKey: componentKey });
    }
    return this.em.find(
      ExamResult,
      { registration: { component: { course, ...(componentKey != null ? { key: componentKey } : {}) }, ...(attempt != null ? { attempt } : {}) } },
      {
        populate: ['registration.enrolment', 'registration.component'],
        orderBy: { registration: { enrolment: { studentNumber: 'asc' }, component: { position: 'asc' }, attempt: 'asc' } },
      },
    );
  }

  /** Every version of a result, oldest first (§21). */
  async history(resultId: string): Promise<ResultVersion[]> {
    const versions = isUuid(resultId) ? await this.em.find(ResultVersion, { result: { id: resultId } }, { orderBy: { version: 'asc' } }) : [];
    if (!versions.length) throw new DomainError(ErrorCode.UNKNOWN_RESULT, `No result ${resultId}`, { resultId });
    return versions;
  }

  /**
   * Completed course results per local grade, every passing grade of the university's table
   * listed (the basis of an ECTS grading table). Recognised courses carry no grade of ours and
   * are left out; failed courses have no course grade (§8 (2)).
   */
  async gradeDistribution(courseCode: string): Promise<GradeDistribution> {
    const course = await new CatalogueService(this.em, this.profile).byCode(courseCode);
    const registrations = await this.em.find(Registration, { component: { course } }, { populate: ['result', 'component'], orderBy: { attempt: 'asc' } });
    const recognised = new Set((await this.em.find(Recognition, { course })).map((r) => r.enrolment.id));
    const counts = new Map<string, number>();
    let completed = 0;
    for (const [enrolmentId, regs] of groupBy(registrations, (r) => r.enrolment.id)) {
      if (recognised.has(enrolmentId)) continue;
      const result = courseResult(this.profile, course, regs, null);
      if (!result.completed || result.localGrade === null) continue;
      completed += 1;
      counts.set(result.localGrade, (counts.get(result.localGrade) ?? 0) + 1);
    }
    const table = GRADING_TABLES[this.profile.code];
    const passing = table.rows.filter((r) => r.label !== 'FAIL');
    const grades = [...new Map(passing.map((r) => [r.grade, r])).values()];
    return {
      courseCode: course.code,
      university: this.profile.code,
      completed,
      grades: grades.map((r) => ({ grade: r.grade, label: r.label, count: counts.get(r.grade) ?? 0 })),
    };
  }
}
