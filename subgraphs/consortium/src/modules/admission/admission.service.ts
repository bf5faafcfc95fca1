import type { EntityManager } from '@mikro-orm/postgresql';
import { DomainError, ErrorCode, requireText } from '@pioneer/shared/errors';
import { batchLoader } from '@pioneer/shared/persistence';
import { checkAdmissionRequirements, checkNotInFuture, compareIsoDates, parseIsoDate } from '@pioneer/shared/regulations';
import { Student } from '../students/student.entity.js';
import { Admission } from './admission.entity.js';

export interface AdmitStudentInput {
  id?: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  placeOfBirth: string;
  cohort: number;
  bachelorDegree: string;
  bachelorInstitution: string;
  bachelorCredits: number;
  bachelorField: string;
  englishProficiency: string;
  decidedOn: string;
  decisionReference: string;
}

const name = requireText;

/** §4: admission decided by KU Leuven, with its requirements and the identity the diploma needs (§17 (1) a). */
export class AdmissionService {
  constructor(
    private readonly em: EntityManager,
    /** Today's calendar date (UTC): an admission is not dated after it (dates.ts). */
    private readonly today: () => string = () => new Date().toISOString().slice(0, 10),
  ) {}

  async admit(input: AdmitStudentInput): Promise<Student> {
    checkAdmissionRequirements({ bachelorCredits: input.bachelorCredits, field: input.bachelorField, englishProficiency: input.englishProficiency });
    parseIsoDate(input.dateOfBirth, 'dateOfBirth');
    const decided = parseIsoDate(input.decidedOn, 'decidedOn');
    checkNotInFuture(input.decidedOn, this.today(), 'decidedOn');
    if (compareIsoDates(input.dateOfBirth, input.decidedOn) >= 0) {
      throw new DomainError(ErrorCode.INVALID_DATE, 'The date of birth must be before the admission decision', { dateOfBirth: input.dateOfBirth });
    }
    // The programme starts each autumn at KU Leuven (§4 (1), §7 (1)): the intake follows the decision.
    if (!Number.isInteger(input.cohort) || input.cohort < decided.year || input.cohort > decided.year + 1) {
      throw new DomainError(ErrorCode.BAD_USER_INPUT, `The cohort is the intake year after the decision (${decided.year} or ${decided.year + 1})`, { cohort: input.cohort });
    }
    const identity = {
      givenName: name(input.givenName, 'givenName', 100),
      familyName: name(input.familyName, 'familyName', 100),
      placeOfBirth: name(input.placeOfBirth, 'placeOfBirth', 200),
    };
    return this.em.transactional(async (em) => {
      const student = em.create(Student, { ...(input.id ? { id: input.id } : {}), ...identity, dateOfBirth: input.dateOfBirth, cohort: input.cohort });
      em.create(Admission, {
        student,
        bachelorDegree: name(input.bachelorDegree, 'bachelorDegree', 200),
        bachelorInstitution: name(input.bachelorInstitution, 'bachelorInstitution', 200),
        bachelorCredits: input.bachelorCredits,
        bachelorField: input.bachelorField,
        englishProficiency: input.englishProficiency.trim(),
        decidedOn: input.decidedOn,
        decisionReference: name(input.decisionReference, 'decisionReference', 64),
      });
      return student;
    });
  }
}

export function createAdmissionLoader(em: EntityManager) {
  return batchLoader<string, Admission | null>(
    async (studentIds) => new Map((await em.find(Admission, { student: { $in: [...studentIds] } })).map((a) => [a.student.id, a])),
    () => null,
  );
}
