import { isStudentId } from '@pioneer/shared/federation';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { parseIsoDate } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import { Enrolment } from './enrolment.entity.js';

export class EnrolmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
  ) {}

  list(): Promise<Enrolment[]> {
    return this.em.find(Enrolment, {}, { orderBy: { studentNumber: 'asc' } });
  }

  /** §4 (1) d: the university's own enrolment of a programme student. */
  async enrol(input: { studentId: string; studentNumber: string; enrolledOn: string }): Promise<Enrolment> {
    if (!isStudentId(input.studentId)) {
      throw new DomainError(ErrorCode.UNKNOWN_STUDENT, `Not a student id: ${input.studentId}`, { studentId: input.studentId });
    }
    if (!/^[A-Za-z0-9-]{3,32}$/.test(input.studentNumber)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A student number has 3-32 letters, digits or dashes', { studentNumber: input.studentNumber });
    }
    parseIsoDate(input.enrolledOn, 'enrolledOn');
    return this.em.transactional(async (em) => {
      const clash = await em.findOne(Enrolment, { $or: [{ studentId: input.studentId }, { studentNumber: input.studentNumber }] });
      if (clash) {
        throw new DomainError(ErrorCode.ALREADY_ENROLLED, `Already enrolled at ${this.profile.name} (${clash.studentNumber})`, {
          studentId: clash.studentId,
        });
      }
      return em.create(Enrolment, input);
    });
  }

  async require(em: EntityManager, studentId: string): Promise<Enrolment> {
    const enrolment = isStudentId(studentId) ? await em.findOne(Enrolment, { studentId }) : null;
    if (!enrolment) {
      throw new DomainError(ErrorCode.STUDENT_NOT_ENROLLED, `Student ${studentId} is not enrolled at ${this.profile.name}`, { studentId });
    }
    return enrolment;
  }
}
