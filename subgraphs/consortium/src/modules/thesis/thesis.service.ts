import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireReason, requireText } from '@pioneer/shared/errors';
import { auditStudent } from '@pioneer/shared/audit';
import { isUuid } from '@pioneer/shared/federation';
import {
  THESIS_ELIGIBILITY_CREDITS,
  MAX_THESIS_ATTEMPTS,
  academicYearOf,
  canAssignThesisTopic,
  checkDefenceCommittee,
  checkNotInFuture,
  checkThesisStepDate,
  checkDefenceDate,
  checkExtension,
  checkNewThesisAttempt,
  checkTopicChange,
  defenceHostByRotation,
  parseIsoDate,
  submissionDate,
  submissionProblems,
  thesisSubmissionDeadline,
  thesisVerdict,
} from '@pioneer/shared/regulations';
import { StudentService } from '../students/student.service.js';
import { CommitteeDecision, DecisionKind } from './committee-decision.entity.js';
import type { CreditSource } from './federated-credits.js';
import { Thesis, ThesisState } from './thesis.entity.js';
import { DefenceCommittee } from './defence-committee.entity.js';

const ACTIVE: ThesisState[] = [ThesisState.TOPIC_ASSIGNED, ThesisState.SUBMITTED, ThesisState.DEFENCE_SCHEDULED];

const text = (value: string, field: string, max = 300) => requireText(value, field, max, 2);

const utcToday = (): string => new Date().toISOString().slice(0, 10);

/** The members of the Thesis Defence Committee appointed, by `on`, for the academic year of `on` (§11 (1)). */
export async function defenceCommitteeOn(em: EntityManager, on: string): Promise<string[]> {
  parseIsoDate(on, 'date');
  const committee = await em.findOne(DefenceCommittee, { academicYear: academicYearOf(on), appointedOn: { $lte: on } });
  return committee?.members.map((m) => m.name) ?? [];
}

/**
 * The Master thesis module from topic to defence (§10, §11, §15 (2)). Every deadline and verdict
 * comes from the regulations engine; the credit count comes from the federation.
 */
export class ThesisService {
  constructor(
    private readonly em: EntityManager,
    private readonly credits: CreditSource,
    /** Today's calendar date (UTC): no thesis step is dated after it (dates.ts); injectable for the seed and tests. */
    private readonly today: () => string = utcToday,
  ) {}

  /**
   * §10 (3): only with 90 credits earned by the assignment date (the date on record, not today);
   * §10 (2): the supervisor is a member of the Thesis Defence Committee appointed for that
   * academic year; §15 (2): at most two attempts; the date not in the future and after the
   * previous attempt's last step.
   */
  async assignTopic(input: { studentId: string; title: string; supervisor: string; assignedOn: string }): Promise<Thesis> {
    checkNotInFuture(input.assignedOn, this.today(), 'assignedOn');
    const title = text(input.title, 'title');
    const supervisor = text(input.supervisor, 'supervisor', 200);
    const members = await defenceCommitteeOn(this.em, input.assignedOn);
    if (members.length === 0) {
      const year = academicYearOf(input.assignedOn);
      throw new DomainError(ErrorCode.THESIS_COMMITTEE_NOT_APPOINTED, `No Thesis Defence Committee is appointed for ${year}/${String((year + 1) % 100).padStart(2, '0')} (§11 (1)), so no supervisor can be named (§10 (2))`, {
        academicYear: year,
      });
    }
    if (!members.includes(supervisor)) {
      throw new DomainError(
        ErrorCode.THESIS_SUPERVISOR_NOT_ON_COMMITTEE,
        `The supervisor must be a member of the Thesis Defence Committee appointed for the academic year of ${input.assignedOn} (§10 (2), §11 (1))`,
        { supervisor, academicYear: academicYearOf(input.assignedOn), section: '§10 (2)' },
      );
    }
    const student = await new StudentService(this.em).byId(input.studentId);
    const theses = await this.em.find(Thesis, { student }, { orderBy: { attempt: 'asc' } });
    const active = theses.find((t) => ACTIVE.includes(t.state));
    if (active) {
      throw new DomainError(ErrorCode.THESIS_TOPIC_ALREADY_ASSIGNED, `Attempt ${active.attempt} (“${active.title}”) is still open`, { thesisId: active.id });
    }
    if (theses.some((t) => t.state === ThesisState.PASSED)) {
      throw new DomainError(ErrorCode.THESIS_STATE_INVALID, 'The thesis is already passed');
    }
    if (theses.some((t) => t.state === ThesisState.PERMANENTLY_FAILED)) {
      throw new DomainError(ErrorCode.THESIS_ATTEMPT_LIMIT_EXCEEDED, 'The thesis is permanently failed (§15 (2))');
    }
    const attempt = checkNewThesisAttempt(theses.length);
    const previous = theses.at(-1);
    const previousOn = previous ? (previous.defendedOn ?? previous.submittedOn ?? previous.topicAssignedOn) : null;
    checkThesisStepDate({ step: 'assignedOn', on: input.assignedOn, after: previousOn ? { step: 'previousAttemptOn', on: previousOn } : null, today: this.today() });
    const earned = await this.credits.creditsEarned(student.id, input.assignedOn);
    if (!canAssignThesisTopic(earned)) {
      throw new DomainError(ErrorCode.THESIS_NOT_ELIGIBLE, `A thesis topic needs ${THESIS_ELIGIBILITY_CREDITS} credits earned by ${input.assignedOn} (§10 (3)); ${earned} earned by then`, {
        creditsEarned: earned,
        on: input.assignedOn,
      });
    }
    return this.em.transactional(async (em) =>
      em.create(Thesis, {
        student,
        attempt,
        title,
        supervisor,
        state: ThesisState.TOPIC_ASSIGNED,
        topicAssignedOn: input.assignedOn,
        submissionDeadline: thesisSubmissionDeadline(input.assignedOn),
      }),
    );
  }

  /** §10 (4): one change of topic, within the first four weeks; the deadline does not restart. */
  async changeTopic(thesisId: string, input: { title: string; changedOn: string }, expectedVersion: number | null = null): Promise<Thesis> {
    const title = text(input.title, 'title');
    return this.em.transactional(async (em) => {
      const thesis = await this.open(em, thesisId, [ThesisState.TOPIC_ASSIGNED], expectedVersion);
      checkThesisStepDate({ step: 'changedOn', on: input.changedOn, after: { step: 'assignedOn', on: thesis.topicAssignedOn }, today: this.today() });
      checkTopicChange({ assignedOn: thesis.topicAssignedOn, changeOn: input.changedOn, changesSoFar: thesis.topicChanges });
      thesis.title = title;
      thesis.topicChanges += 1;
      return thesis;
    });
  }

  /** §10 (5): an Academic Committee decision, with its reason, requested before the deadline in force. */
  async grantExtension(thesisId: string, input: { weeks: number; requestedOn: string; decidedOn: string; reason: string }, expectedVersion: number | null = null): Promise<Thesis> {
    const reason = requireReason(input.reason, 'An extension decision must state its reason (§10 (5))');
    parseIsoDate(input.decidedOn, 'decidedOn');
    return this.em.transactional(async (em) => {
      const thesis = await this.open(em, thesisId, [ThesisState.TOPIC_ASSIGNED], expectedVersion);
      checkThesisStepDate({ step: 'requestedOn', on: input.requestedOn, after: { step: 'assignedOn', on: thesis.topicAssignedOn }, today: this.today() });
      checkThesisStepDate({ step: 'decidedOn', on: input.decidedOn, after: { step: 'requestedOn', on: input.requestedOn }, today: this.today() });
      const deadline = checkExtension({ assignedOn: thesis.topicAssignedOn, requestedOn: input.requestedOn, alreadyGrantedWeeks: thesis.extensionWeeks, requestedWeeks: input.weeks });
      thesis.extensionWeeks += input.weeks;
      thesis.submissionDeadline = deadline;
      em.create(CommitteeDecision, { student: thesis.student, thesis, kind: DecisionKind.THESIS_EXTENSION, decidedOn: input.decidedOn, reason, weeks: input.weeks });
      return thesis;
    });
  }

  /** §10 (7): on time and complete only with three bound copies and the digital version by the deadline. */
  async submit(thesisId: string, input: { boundCopies: number; boundCopiesOn: string | null; digitalOn: string | null }, expectedVersion: number | null = null): Promise<Thesis> {
    if (input.boundCopiesOn) parseIsoDate(input.boundCopiesOn, 'boundCopiesOn');
    if (input.digitalOn) parseIsoDate(input.digitalOn, 'digitalOn');
    return this.em.transactional(async (em) => {
      const thesis = await this.open(em, thesisId, [ThesisState.TOPIC_ASSIGNED], expectedVersion);
      for (const [step, on] of [['boundCopiesOn', input.boundCopiesOn], ['digitalOn', input.digitalOn]] as const) {
        if (on) checkThesisStepDate({ step, on, after: { step: 'assignedOn', on: thesis.topicAssignedOn }, today: this.today() });
      }
      const problems = submissionProblems({ deadline: thesis.submissionDeadline, ...input });
      if (problems.length) {
        throw new DomainError(ErrorCode.THESIS_SUBMISSION_INCOMPLETE, `The submission is not on time and complete (§10 (7)): ${problems.join(', ')}`, {
          problems,
          deadline: thesis.submissionDeadline,
        });
      }
      thesis.boundCopies = input.boundCopies;
      thesis.boundCopiesOn = input.boundCopiesOn;
      thesis.digitalOn = input.digitalOn;
      thesis.submittedOn = submissionDate(input);
      thesis.state = ThesisState.SUBMITTED;
      return thesis;
    });
  }

  /** §10 (8): within eight weeks of the submission, at the university whose turn it is (§7 (1)). */
  async scheduleDefence(thesisId: string, input: { defenceOn: string }, expectedVersion: number | null = null): Promise<Thesis> {
    return this.em.transactional(async (em) => {
      const thesis = await this.open(em, thesisId, [ThesisState.SUBMITTED], expectedVersion);
      checkDefenceDate({ submittedOn: thesis.submittedOn!, defenceOn: input.defenceOn, extensionWeeks: thesis.defenceExtensionWeeks });
      const year = academicYearOf(input.defenceOn);
      const committee = await em.findOne(DefenceCommittee, { academicYear: year });
      if (!committee) {
        throw new DomainError(ErrorCode.THESIS_COMMITTEE_NOT_APPOINTED, `No Thesis Defence Committee is appointed for ${year}/${String((year + 1) % 100).padStart(2, '0')} (§11 (1))`, { academicYear: year });
      }
      thesis.defenceCommittee = committee;
      thesis.defenceHost = defenceHostByRotation(year);
      thesis.defenceOn = input.defenceOn;
      thesis.state = ThesisState.DEFENCE_SCHEDULED;
      return thesis;
    });
  }

  committees(): Promise<DefenceCommittee[]> {
    return this.em.find(DefenceCommittee, {}, { orderBy: { academicYear: 'asc' } });
  }

  /** §11 (1): the Academic Committee appoints three examiners with doctorates for each academic year. */
  async appointCommittee(input: { academicYear: number; appointedOn: string; members: { name: string; hasDoctorate: boolean; university: string }[] }): Promise<DefenceCommittee> {
    checkNotInFuture(input.appointedOn, this.today(), 'appointedOn');
    if (!Number.isInteger(input.academicYear) || input.academicYear < 2017 || input.academicYear > 2100) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, 'academicYear is the first calendar year of the academic year, from 2017 (§22)', { academicYear: input.academicYear });
    }
    const members = input.members.map((m) => ({ name: text(m.name, 'member name', 200), hasDoctorate: m.hasDoctorate, university: text(m.university, 'member university', 200) }));
    checkDefenceCommittee(members);
    return this.em.transactional(async (em) => {
      if (await em.count(DefenceCommittee, { academicYear: input.academicYear })) {
        throw new DomainError(ErrorCode.CONFLICT, `A committee is already appointed for ${input.academicYear}`, { academicYear: input.academicYear });
      }
      return em.create(DefenceCommittee, { academicYear: input.academicYear, appointedOn: input.appointedOn, members });
    });
  }

  /** §11 (2): scored by the three examiners; a pass only when all agree on a passing score. */
  async recordDefence(thesisId: string, input: { examinerScores: number[]; jointScore: number }, expectedVersion: number | null = null): Promise<Thesis> {
    const verdict = thesisVerdict(input);
    return this.em.transactional(async (em) => {
      const thesis = await this.open(em, thesisId, [ThesisState.DEFENCE_SCHEDULED], expectedVersion);
      // §11 (2): a defence is scored once it has been held, never ahead of its date.
      checkThesisStepDate({ step: 'defenceOn', on: thesis.defenceOn!, after: { step: 'submittedOn', on: thesis.submittedOn! }, today: this.today() });
      thesis.examinerScores = [...input.examinerScores];
      thesis.score = input.jointScore;
      thesis.defendedOn = thesis.defenceOn;
      thesis.state = verdict.passed ? ThesisState.PASSED : thesis.attempt >= MAX_THESIS_ATTEMPTS ? ThesisState.PERMANENTLY_FAILED : ThesisState.FAILED;
      return thesis;
    });
  }

  private async open(em: EntityManager, thesisId: string, states: ThesisState[], expectedVersion: number | null = null): Promise<Thesis> {
    // Locked for the write: concurrent steps on one thesis are serialised, the second sees the
    // first's state and answers one code (THESIS_STATE_INVALID), never a clash of writes.
    const thesis = isUuid(thesisId) ? await em.findOne(Thesis, { id: thesisId }, { lockMode: LockMode.PESSIMISTIC_WRITE }) : null;
    if (!thesis) throw new DomainError(ErrorCode.UNKNOWN_THESIS, `No thesis ${thesisId}`, { thesisId });
    // The audit entry of a thesis step is about the thesis's student (issue 14).
    auditStudent(thesis.student.id);
    if (expectedVersion !== null && expectedVersion !== thesis.version) {
      throw new DomainError(ErrorCode.VERSION_CONFLICT, `The thesis is at version ${thesis.version}, not ${expectedVersion}: it was changed since it was read`, {
        thesisId,
        expectedVersion,
        currentVersion: thesis.version,
      });
    }
    if (!states.includes(thesis.state)) {
      throw new DomainError(ErrorCode.THESIS_STATE_INVALID, `The thesis is ${thesis.state}; this step needs ${states.join(' or ')}`, { state: thesis.state });
    }
    return thesis;
  }
}
