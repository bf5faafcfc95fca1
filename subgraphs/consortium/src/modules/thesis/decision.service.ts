import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireReason } from '@pioneer/shared/errors';
import { auditStudent } from '@pioneer/shared/audit';
import { isUuid } from '@pioneer/shared/federation';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { MAX_DEFENCE_EXTENSION_WEEKS, MAX_THESIS_ATTEMPTS, checkNotInFuture, compareIsoDates, isUniversityCode } from '@pioneer/shared/regulations';
import type { Student } from '../students/student.entity.js';
import { StudentService } from '../students/student.service.js';
import { ElmoImportService } from '../recognition-import/elmo-import.service.js';
import { CommitteeDecision, DecisionKind, Hearing } from './committee-decision.entity.js';
import { Thesis, ThesisState } from './thesis.entity.js';

const reasonOf = (reason: string) => requireReason(reason, 'A decision of the Academic Committee must state its reasons (§20 (1), (3))');

/** Academic Committee decisions with their reasons, and the hearings that precede adverse ones. */
export class DecisionService {
  constructor(
    private readonly em: EntityManager,
    /** Today's calendar date (UTC): no decision or hearing is dated after it (dates.ts). */
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  /** §20 (3), §21 (5): before a decision against them, the student states their case. */
  async recordHearing(input: { studentId: string; subject: string; heldOn: string; statement: string }): Promise<Hearing> {
    checkNotInFuture(input.heldOn, this.today(), 'heldOn');
    if (!input.subject.trim() || !input.statement.trim()) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'A hearing records its subject and the student’s statement (or that they declined)');
    }
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      return em.create(Hearing, { student, subject: input.subject.trim(), heldOn: input.heldOn, statement: input.statement.trim() });
    });
  }

  /**
   * §20 (1), (2): exclusion from the master's examination (e.g. for severe plagiarism), which is
   * then permanently failed. Only after a hearing of the student on or before the decision date.
   */
  async exclude(input: { studentId: string; decidedOn: string; reason: string; hearingId: string }): Promise<CommitteeDecision> {
    const reason = reasonOf(input.reason);
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const hearing = await this.hearingBefore(em, student, input.hearingId, input.decidedOn);
      if (await em.count(CommitteeDecision, { student, kind: DecisionKind.EXCLUSION })) {
        throw new DomainError(ErrorCode.CONFLICT, 'The student is already excluded');
      }
      return em.create(CommitteeDecision, { student, kind: DecisionKind.EXCLUSION, decidedOn: input.decidedOn, reason, hearing });
    });
  }

  /** §13 (3): the Academic Committee verifies equivalence; the university records the recognition citing the decision's id. */
  async recognise(input: {
    studentId: string;
    university: string;
    courseCode: string;
    decidedOn: string;
    reason: string;
    /** §13 (2): the ELMO file and its learning opportunities the recognition rests on, when it came as one. */
    source?: { elmoImportId: string; learningOpportunityKeys: string[] } | null;
  }): Promise<CommitteeDecision> {
    const reason = reasonOf(input.reason);
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    const { university, courseCode } = this.course(input);
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const source = input.source ? await new ElmoImportService(em).source(student, input.source) : null;
      return em.create(CommitteeDecision, {
        student,
        kind: DecisionKind.RECOGNITION,
        decidedOn: input.decidedOn,
        reason,
        university,
        courseCode,
        elmoImport: source?.elmoImport ?? null,
        learningOpportunityKeys: source?.keys ?? null,
      });
    });
  }

  /** §20 (2): plagiarism in a course examination, decided as a fail of that examination (not exclusion), after a hearing. */
  async failExaminationForPlagiarism(input: { studentId: string; university: string; courseCode: string; decidedOn: string; reason: string; hearingId: string }): Promise<CommitteeDecision> {
    const reason = reasonOf(input.reason);
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    const { university, courseCode } = this.course(input);
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const hearing = await this.hearingBefore(em, student, input.hearingId, input.decidedOn);
      return em.create(CommitteeDecision, { student, kind: DecisionKind.EXAMINATION_FAILED_FOR_PLAGIARISM, decidedOn: input.decidedOn, reason, university, courseCode, hearing });
    });
  }

  /**
   * §20 (1): deception or plagiarism in the thesis or its defence: the attempt counts as failed
   * (permanently at the second attempt, §15 (2)), the reasons on record, after a hearing.
   */
  async failThesisForDeception(thesisId: string, input: { decidedOn: string; reason: string; hearingId: string }): Promise<Thesis> {
    const reason = reasonOf(input.reason);
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    return this.em.transactional(async (em) => {
      const thesis = isUuid(thesisId) ? await em.findOne(Thesis, { id: thesisId }, { populate: ['student'] }) : null;
      if (!thesis) throw new DomainError(ErrorCode.UNKNOWN_THESIS, `No thesis ${thesisId}`, { thesisId });
      auditStudent(thesis.student.id);
      if (thesis.state === ThesisState.PERMANENTLY_FAILED) throw new DomainError(ErrorCode.THESIS_STATE_INVALID, 'The thesis is already permanently failed');
      const hearing = await this.hearingBefore(em, thesis.student, input.hearingId, input.decidedOn);
      thesis.state = thesis.attempt >= MAX_THESIS_ATTEMPTS ? ThesisState.PERMANENTLY_FAILED : ThesisState.FAILED;
      em.create(CommitteeDecision, { student: thesis.student, thesis, kind: DecisionKind.THESIS_FAILED_FOR_DECEPTION, decidedOn: input.decidedOn, reason, hearing });
      return thesis;
    });
  }

  /** §20 (3), §21 (5): an adverse decision needs a hearing of this student, held on or before the decision. */
  private async hearingBefore(em: EntityManager, student: Student, hearingId: string, decidedOn: string): Promise<Hearing> {
    const hearing = isUuid(hearingId) ? await em.findOne(Hearing, { id: hearingId, student }) : null;
    if (!hearing || compareIsoDates(hearing.heldOn, decidedOn) > 0) {
      throw new DomainError(ErrorCode.HEARING_REQUIRED, 'The student must be heard before an adverse decision (§20 (3), §21 (5))', { studentId: student.id });
    }
    return hearing;
  }

  private course(input: { university: string; courseCode: string }): { university: string; courseCode: string } {
    if (!isUniversityCode(input.university)) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'university is LEUVEN, MUENSTER or TTU', { university: input.university });
    }
    if (!/^[A-Z]{2,4}-[A-Z0-9]{1,12}$/.test(input.courseCode)) {
      throw new DomainError(ErrorCode.UNKNOWN_COURSE, `Not a course code: ${input.courseCode}`, { courseCode: input.courseCode });
    }
    return { university: input.university, courseCode: input.courseCode };
  }

  /** §10 (8): the eight-week defence period extended by up to four weeks, in substantiated cases. */
  async extendDefencePeriod(thesisId: string, input: { weeks: number; decidedOn: string; reason: string }): Promise<Thesis> {
    const reason = reasonOf(input.reason);
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    return this.em.transactional(async (em) => {
      const thesis = isUuid(thesisId) ? await em.findOne(Thesis, { id: thesisId }, { populate: ['student'] }) : null;
      if (!thesis) throw new DomainError(ErrorCode.UNKNOWN_THESIS, `No thesis ${thesisId}`, { thesisId });
      auditStudent(thesis.student.id);
      if (thesis.state !== ThesisState.SUBMITTED) {
        throw new DomainError(ErrorCode.THESIS_STATE_INVALID, `The defence period runs after submission; the thesis is ${thesis.state}`);
      }
      const total = thesis.defenceExtensionWeeks + input.weeks;
      if (!Number.isInteger(input.weeks) || input.weeks < 1 || total > MAX_DEFENCE_EXTENSION_WEEKS) {
        throw new DomainError(ErrorCode.THESIS_EXTENSION_NOT_ALLOWED, `§10 (8): the defence period is extended by at most ${MAX_DEFENCE_EXTENSION_WEEKS} weeks in all`, { weeks: input.weeks });
      }
      thesis.defenceExtensionWeeks = total;
      em.create(CommitteeDecision, { student: thesis.student, thesis, kind: DecisionKind.DEFENCE_EXTENSION, decidedOn: input.decidedOn, reason, weeks: input.weeks });
      return thesis;
    });
  }
}

/** Every decision on every student of the request, in one query. */
export function createDecisionLoader(em: EntityManager) {
  return batchLoader<string, CommitteeDecision[]>(
    async (ids) => groupBy(await em.find(CommitteeDecision, { student: { $in: [...ids] } }, { populate: ['hearing', 'elmoImport'], orderBy: { decidedOn: 'asc' } }), (d) => d.student.id),
    () => [],
  );
}
