import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode } from '@pioneer/shared/errors';
import { MAX_THESIS_ATTEMPTS, THESIS_ELIGIBILITY_CREDITS, canAssignThesisTopic, thesisSubmissionDeadline, thesisVerdict } from '@pioneer/shared/regulations';
import { StudentService } from '../students/student.service.js';
import { Thesis, ThesisState } from './thesis.entity.js';

/**
 * The thesis record. PARTIAL (issue 5): the lifecycle mutations, the defence committee and the
 * federated credit check are not exposed yet; the demo seed uses these steps directly.
 */
export class ThesisService {
  constructor(private readonly em: EntityManager) {}

  /** §10 (3): only with 90 credits; the date is put on record; §10 (4) sets the deadline. */
  async assignTopic(input: { studentId: string; title: string; supervisor: string; assignedOn: string; attempt: number }, creditsEarned: number): Promise<Thesis> {
    if (!canAssignThesisTopic(creditsEarned)) {
      throw new DomainError(ErrorCode.THESIS_NOT_ELIGIBLE, `A thesis topic needs ${THESIS_ELIGIBILITY_CREDITS} credits (§10 (3)); ${creditsEarned} earned`, { creditsEarned });
    }
    return this.em.transactional(async (em) => {
      const student = await new StudentService(em).byId(input.studentId);
      return em.create(Thesis, {
        student,
        attempt: input.attempt,
        title: input.title,
        supervisor: input.supervisor,
        state: ThesisState.TOPIC_ASSIGNED,
        topicAssignedOn: input.assignedOn,
        submissionDeadline: thesisSubmissionDeadline(input.assignedOn),
      });
    });
  }

  async submit(thesisId: string, submittedOn: string): Promise<Thesis> {
    return this.em.transactional(async (em) => {
      const thesis = await em.findOneOrFail(Thesis, { id: thesisId });
      thesis.submittedOn = submittedOn;
      thesis.state = ThesisState.SUBMITTED;
      return thesis;
    });
  }

  /** §11 (2): a pass only when every examiner's score passes. */
  async recordDefence(thesisId: string, defendedOn: string, examinerScores: number[], jointScore: number): Promise<Thesis> {
    const verdict = thesisVerdict({ examinerScores, jointScore });
    return this.em.transactional(async (em) => {
      const thesis = await em.findOneOrFail(Thesis, { id: thesisId });
      thesis.defendedOn = defendedOn;
      thesis.score = jointScore;
      thesis.state = verdict.passed ? ThesisState.PASSED : thesis.attempt >= MAX_THESIS_ATTEMPTS ? ThesisState.PERMANENTLY_FAILED : ThesisState.FAILED;
      return thesis;
    });
  }
}
