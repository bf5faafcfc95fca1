import type { EntityManager, FilterQuery } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, checkPage } from '@pioneer/shared/errors';
import { FIRST_ACADEMIC_YEAR, LAST_ACADEMIC_YEAR, enrolmentWindowOfIntake, parseAcademicYear, parseIsoDate } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { Enrolment } from '../enrolment/enrolment.entity.js';
import { Registration } from '../examinations/registration.entity.js';
import type { UniversityRecord } from '../student-record/student-record.types.js';
import { EnrolmentStatus } from './lookup.types.js';

const STUDENT_NUMBER = /^[A-Za-z0-9-]{1,32}$/;

/** A student's standing at this university, from their record (§8 (2), §15 (4)). */
export function enrolmentStatus(record: UniversityRecord): EnrolmentStatus {
  if (record.courses.some((c) => c.permanentlyFailed)) return EnrolmentStatus.PERMANENTLY_FAILED;
  if (record.courses.length > 0 && record.courses.every((c) => c.completed)) return EnrolmentStatus.COMPLETED;
  return EnrolmentStatus.IN_PROGRESS;
}

/** The office's lookups (issue 15 item 4): by student number, filtered enrolments, one session. */
export class LookupService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
  ) {}

  findByStudentNumber(studentNumber: string): Promise<Enrolment | null> {
    return STUDENT_NUMBER.test(studentNumber) ? this.em.findOne(Enrolment, { studentNumber }) : Promise.resolve(null);
  }

  async byStudentNumber(studentNumber: string): Promise<Enrolment> {
    const found = await this.findByStudentNumber(studentNumber);
    if (!found) {
      throw new DomainError(ErrorCode.UNKNOWN_STUDENT, `No student with number ${studentNumber} at ${this.profile.name}`, { studentNumber });
    }
    return found;
  }

  /**
   * Filters by number and intake in SQL; a status is read from the records, which the loader
   * builds for all matching students in one batch (a constant number of statements).
   */
  async searchEnrolments(
    input: { studentNumber?: string | null; intake?: number | null; status?: EnrolmentStatus | null; limit: number; offset: number },
    records: (studentIds: string[]) => Promise<UniversityRecord[]>,
  ): Promise<{ items: Enrolment[]; total: number }> {
    checkPage(input.limit, input.offset);
    const where: FilterQuery<Enrolment> = {};
    if (input.studentNumber != null) {
      if (!STUDENT_NUMBER.test(input.studentNumber)) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A student number has 1-32 letters, digits or dashes', { field: 'studentNumber' });
      }
      where.studentNumber = { $ilike: `${input.studentNumber}%` };
    }
    if (input.intake != null) {
      if (!Number.isInteger(input.intake) || input.intake < FIRST_ACADEMIC_YEAR || input.intake > LAST_ACADEMIC_YEAR) {
        throw new DomainError(ErrorCode.BAD_USER_INPUT, `An intake is a year from ${FIRST_ACADEMIC_YEAR} (§22)`, { field: 'intake', intake: input.intake });
      }
      const { from, until } = enrolmentWindowOfIntake(input.intake, this.profile.semester);
      where.enrolledOn = { $gte: from, $lt: until };
    }
    const orderBy = { studentNumber: 'asc' } as const;
    if (input.status == null) {
      const [items, total] = await this.em.findAndCount(Enrolment, where, { orderBy, limit: input.limit, offset: input.offset });
      return { items, total };
    }
    const all = await this.em.find(Enrolment, where, { orderBy });
    const standing = await records(all.map((e) => e.studentId));
    const matching = all.filter((_, i) => enrolmentStatus(standing[i]!) === input.status);
    return { items: matching.slice(input.offset, input.offset + input.limit), total: matching.length };
  }

  /** The registrations of one examination session, each with its result once recorded. */
  async sessionRegistrations(input: { courseCode: string; examinationKey: string; attempt?: number | null; examinedOn?: string | null; academicYear?: string | null }): Promise<Registration[]> {
    if (input.examinedOn != null) parseIsoDate(input.examinedOn, 'examinedOn');
    const catalogue = new CatalogueService(this.em, this.profile);
    const edition = input.academicYear != null ? await catalogue.byCode(input.courseCode, parseAcademicYear(input.academicYear)) : null;
    const editions = edition ? [edition] : await catalogue.editions(input.courseCode);
    if (!editions.some((c) => c.components.getItems().some((x) => x.key === input.examinationKey))) {
      throw new DomainError(ErrorCode.UNKNOWN_EXAMINATION, `${input.courseCode} has no examination "${input.examinationKey}"`, { courseCode: input.courseCode, examinationKey: input.examinationKey });
    }
    return this.em.find(
      Registration,
      {
        component: { key: input.examinationKey, course: { $in: editions } },
        ...(input.attempt != null ? { attempt: input.attempt } : {}),
        ...(input.examinedOn != null ? { result: { examinedOn: input.examinedOn } } : {}),
      },
      { populate: ['enrolment', 'component', 'result'], orderBy: { enrolment: { studentNumber: 'asc' }, attempt: 'asc' } },
    );
  }
}
