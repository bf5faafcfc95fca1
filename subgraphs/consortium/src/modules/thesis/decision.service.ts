import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { isUuid } from '@pioneer/shared/federation';
import { batchLoader, groupBy } from '@pioneer/shared/persistence';
import { MAX_DEFENCE_EXTENSION_WEEKS, compareIsoDates, parseIsoDate } from '@pioneer/shared/regulations';
import { StudentService } from '../students/student.service.js';
import { CommitteeDecision, DecisionKind, Hearing } from './committee-decision.entity.js';
import { Thesis, ThesisState } from './thesis.entity.js';

function reasonOf(reason: string): string {
  if (!reason || reason.trim().length < 3) throw new DomainError(ErrorCode.REASON_REQUIRED, 'A decision of the Academic Committee must state its reasons (§20 (1), (3))');
  return reason.trim();
}

/** Academic Committee decisions with their reasons, and the hearings that precede adverse ones. */
export class DecisionService {
  constructor(private readonly em: EntityManager) {}

  /** §20 (3), §21 (5): before a decision against them, the student states their case. */
  async recordHearing(input: { studentId: string; subject: string; heldOn: string; statement: string }): Promise<Hearing> {
    parseIsoDate(input.heldOn, 'heldOn');
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
    parseIsoDate(input.decidedOn, 'decidedOn');
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      const hearing = isUuid(input.hearingId) ? await em.findOne(Hearing, { id: input.hearingId, student }) : null;
      if (!hearing || compareIsoDates(hearing.heldOn, input.decidedOn) > 0) {
        throw new DomainError(ErrorCode.HEARING_REQUIRED, 'The student must be heard before an adverse decision (§20 (3), §21 (5))', { studentId: student.id });
      }
      if (await em.count(CommitteeDecision, { student, kind: DecisionKind.EXCLUSION })) {
        throw new DomainError(ErrorCode.CONFLICT, 'The student is already excluded');
      }
      return em.create(CommitteeDecision, { student, kind: DecisionKind.EXCLUSION, decidedOn: input.decidedOn, reason, hearing });
    });
  }

  /** §10 (8): the eight-week defence period extended by up to four weeks, in substantiated cases. */
  async extendDefencePeriod(thesisId: string, input: { weeks: number; decidedOn: string; reason: string }): Promise<Thesis> {
    const reason = reasonOf(input.reason);
    parseIsoDate(input.decidedOn, 'decidedOn');
    return this.em.transactional(async (em) => {
      const thesis = isUuid(thesisId) ? await em.findOne(Thesis, { id: thesisId }, { populate: ['student'] }) : null;
      if (!thesis) throw new DomainError(ErrorCode.NOT_FOUND, `No thesis ${thesisId}`, { thesisId });
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
    async (ids) => groupBy(await em.find(CommitteeDecision, { student: { $in: [...ids] } }, { populate: ['hearing'], orderBy: { decidedOn: 'asc' } }), (d) => d.student.id),
    () => [],
  );
}
