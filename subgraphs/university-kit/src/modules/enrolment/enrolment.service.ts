import { isStudentId } from '@pioneer/shared/federation';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { checkEnrolmentDate, parseIsoDate } from '@pioneer/shared/regulations';
import type { UniversityProfile } from '../../profile.js';
import type { ConsortiumRegister } from './consortium-register.client.js';
import { Enrolment } from './enrolment.entity.js';

/** Today's calendar date (UTC): the date rules' "today" (shared/src/regulations/dates.ts). */
export const utcToday = (): string => new Date().toISOString().slice(0, 10);

export class EnrolmentService {
  constructor(
    private readonly em: EntityManager,
    private readonly profile: UniversityProfile,
    private readonly today: () => string = utcToday,
  ) {}

  list(): Promise<Enrolment[]> {
    return this.em.find(Enrolment, {}, { orderBy: { studentNumber: 'asc' } });
  }

  /**
   * §4 (1) d: the university's own enrolment of a programme student — one the consortium has
   * admitted (§4 (1)), not before the admission and not in the future (dates.ts).
   */
  async enrol(input: { studentId: string; studentNumber: string; enrolledOn: string }, consortium: ConsortiumRegister): Promise<Enrolment> {
    if (!isStudentId(input.studentId)) {
      throw new DomainError(ErrorCode.UNKNOWN_STUDENT, `Not a student id: ${input.studentId}`, { studentId: input.studentId });
    }
    if (!/^[A-Za-z0-9-]{3,32}$/.test(input.studentNumber)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A student number has 3-32 letters, digits or dashes', { studentNumber: input.studentNumber });
    }
    parseIsoDate(input.enrolledOn, 'enrolledOn');
    const admission = await consortium.admission(input.studentId);
    if (!admission) {
      throw new DomainError(ErrorCode.NOT_ADMITTED, `The consortium has not admitted student ${input.studentId} (§4 (1)); only admitted students are enrolled`, {
        studentId: input.studentId,
        section: '§4 (1) d',
      });
    }
    checkEnrolmentDate({ enrolledOn: input.enrolledOn, admittedOn: admission.decidedOn, today: this.today() });
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
