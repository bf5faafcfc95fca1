import { DomainError } from '../errors/domain-error.js';
import { ErrorCode } from '../errors/codes.js';

/** §4 (1) b: an undergraduate degree of at least 180 credits. */
export const MIN_BACHELOR_CREDITS = 180;

/** §4 (1) b: "related fields of study … or comparable disciplines". */
export const RELATED_FIELDS = [
  'PUBLIC_ADMINISTRATION',
  'SOCIAL_SCIENCES',
  'POLITICAL_SCIENCES',
  'INFORMATION_SYSTEMS',
  'COMPUTER_SCIENCES',
  'ENGINEERING',
  'ECONOMICS',
  'LAW',
  'COMPARABLE_DISCIPLINE',
] as const;
export type RelatedField = (typeof RELATED_FIELDS)[number];

export interface AdmissionRequirements {
  bachelorCredits: number;
  field: string;
  /** §4 (1) c: evidence of sufficient English (a certificate and its result); the level is KU Leuven's to judge. */
  englishProficiency: string;
}

/**
 * §4 (1) b, c: what the hub can check of KU Leuven's admission decision before it is put on
 * record. (a, the general terms of enrolment, and d, the enrolments, are the universities'.)
 * Throws ADMISSION_REQUIREMENTS_NOT_MET naming every unmet requirement.
 */
export function checkAdmissionRequirements(input: AdmissionRequirements): void {
  const unmet: string[] = [];
  if (!Number.isSafeInteger(input.bachelorCredits) || input.bachelorCredits < MIN_BACHELOR_CREDITS) {
    unmet.push(`§4 (1) b: a degree of at least ${MIN_BACHELOR_CREDITS} credits (got ${String(input.bachelorCredits)})`);
  }
  if (!(RELATED_FIELDS as readonly string[]).includes(input.field)) {
    unmet.push(`§4 (1) b: a related field of study (got ${input.field})`);
  }
  if (typeof input.englishProficiency !== 'string' || input.englishProficiency.trim().length < 2) {
    unmet.push('§4 (1) c: evidence of sufficient English');
  }
  if (unmet.length) {
    throw new DomainError(ErrorCode.ADMISSION_REQUIREMENTS_NOT_MET, `Admission requirements not met: ${unmet.join('; ')}`, { unmet });
  }
}

/**
 * §4 (2): admission to the master's examination comes with enrolment at KU Leuven, TTÜ and the
 * University of Münster, as long as the student stays enrolled at all three.
 */
export function isAdmittedToMasterExamination(enrolledAt: Readonly<Record<'LEUVEN' | 'MUENSTER' | 'TTU', boolean>>): boolean {
  return enrolledAt.LEUVEN && enrolledAt.MUENSTER && enrolledAt.TTU;
}
