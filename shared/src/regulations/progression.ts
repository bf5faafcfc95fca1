/**
 * A student's progression through the programme: credits (§6, §7), admission to TTÜ courses
 * (§8 (2)), thesis eligibility (§10 (3)), the master's examination (§15), exclusion (§20) and the
 * final overall grade (§16 (4)).
 */
import { DomainError, ErrorCode } from '../errors/index.js';
import { overallGrade, overallWeight } from './overall.js';
import { assertPoints } from './points.js';
import {
  COURSE_COUNT,
  COURSE_CREDITS,
  COURSES_PER_UNIVERSITY,
  isUniversityCode,
  PROGRAMME_TOTAL_CREDITS,
  SEMESTER_OF_UNIVERSITY,
  THESIS_CREDITS,
  UNIVERSITIES,
  type UniversityCode,
} from './programme.js';
import { COURSE_STATES, isCompleted, type CourseState } from './course.js';
import { isPassingPoints, type LocalGrade } from './scales.js';
import { canAssignThesisTopic, MAX_THESIS_ATTEMPTS, THESIS_SCALE } from './thesis.js';

// §8 (2) "the student must obtain at least 3[0 credits] to be admitted to courses at the TTÜ":
// read as a truncated "30" (see docs/regulations.md, Interpretations).
export const TTU_ADMISSION_MIN_CREDITS = 30;

/** §8 (2): admission to TTÜ courses needs at least 30 credits earned. */
export function isAdmissibleToTtuCourses(creditsEarned: number): boolean {
  if (typeof creditsEarned !== 'number' || !Number.isFinite(creditsEarned) || creditsEarned < 0) {
    throw new DomainError(ErrorCode.BAD_USER_INPUT, `credits earned must be a number ≥ 0, got ${String(creditsEarned)}`, { creditsEarned });
  }
  return creditsEarned >= TTU_ADMISSION_MIN_CREDITS;
}

export interface CourseProgressInput {
  university: UniversityCode;
  code: string;
  /** The programme semester of the course (must be SEMESTER_OF_UNIVERSITY[university]). */
  semester: number;
  credits: number;
  /**
   * Where the student stands in the course, as its outcome says (CourseOutcome.state): one value,
   * so that no combination the rules exclude can be passed (completed and permanently failed, a
   * recognition over a §15 (4) failure: courseOutcome has already applied the order).
   */
  state: CourseState;
  score: number | null;
  /** §16 (4) weight; the course's credits when absent or null. */
  weight?: number | null;
}

export type ThesisState = 'NOT_STARTED' | 'TOPIC_ASSIGNED' | 'SUBMITTED' | 'DEFENCE_SCHEDULED' | 'PASSED' | 'FAILED' | 'PERMANENTLY_FAILED';
export const THESIS_STATES: readonly ThesisState[] = ['NOT_STARTED', 'TOPIC_ASSIGNED', 'SUBMITTED', 'DEFENCE_SCHEDULED', 'PASSED', 'FAILED', 'PERMANENTLY_FAILED'];

export interface ThesisProgressInput {
  state: ThesisState;
  /** The current (or last) attempt, 1 or 2; 0 while NOT_STARTED. */
  attempt: number;
  /** The thesis score (joint score of §11 (2)); required when PASSED. */
  score: number | null;
}

export interface ProgressionInput {
  courses: CourseProgressInput[];
  thesis: ThesisProgressInput | null;
  /** §20 exclusion from the master's examination by the Academic Committee. */
  excluded: boolean;
}

export type StudentStatus =
  | 'SEMESTER_1_IN_PROGRESS'
  | 'SEMESTER_2_IN_PROGRESS'
  | 'SEMESTER_3_IN_PROGRESS'
  | 'THESIS_ELIGIBLE'
  | 'THESIS_IN_PROGRESS'
  | 'THESIS_SUBMITTED'
  | 'THESIS_DEFENCE_SCHEDULED'
  | 'GRADUATED'
  | 'PERMANENTLY_FAILED';

export interface Progression {
  creditsByUniversity: Record<UniversityCode, number>;
  creditsBySemester: { 1: number; 2: number; 3: number; 4: number };
  courseCredits: number;
  thesisCredits: number;
  totalCredits: number;
  requiredCredits: number;
  thesisEligible: boolean;
  ttuAdmissible: boolean;
  /** Completed or recognised. */
  coursesCompleted: number;
  /** Of the programme's 17: neither completed nor failed, including courses missing from the input. */
  coursesPending: number;
  /** Failed latest attempt, retake left. */
  coursesFailed: number;
  coursesPermanentlyFailed: number;
  permanentlyFailed: boolean;
  permanentFailureReason: 'COURSE' | 'THESIS' | 'EXCLUSION' | null;
  masterExaminationPassed: boolean;
  status: StudentStatus;
  overall: (LocalGrade & { points: number }) | null;
}

function bad(message: string, details: Record<string, unknown>): never {
  throw new DomainError(ErrorCode.BAD_USER_INPUT, message, details);
}

function validateCourse(c: CourseProgressInput): void {
  const where = { university: c.university, code: c.code };
  if (!isUniversityCode(c.university)) bad(`unknown university ${String(c.university)}`, where);
  if (typeof c.code !== 'string' || c.code.trim() === '') bad('a course needs a code', where);
  if (c.semester !== SEMESTER_OF_UNIVERSITY[c.university]) {
    bad(`§7 (1): ${c.university} courses belong to semester ${SEMESTER_OF_UNIVERSITY[c.university]}, got ${c.semester}`, { ...where, semester: c.semester });
  }
  if (!Number.isSafeInteger(c.credits) || c.credits <= 0) bad(`credits of ${c.code} must be a positive whole number`, { ...where, credits: c.credits });
  if (!(COURSE_STATES as readonly string[]).includes(c.state)) bad(`unknown state ${String(c.state)} of ${c.code}`, { ...where, state: c.state });
  if (c.score !== null) assertPoints(c.score, `score of ${c.code}`);
  if (c.weight !== undefined && c.weight !== null) overallWeight({ credits: c.credits, weight: c.weight });
}

function validateThesis(t: ThesisProgressInput): void {
  if (!THESIS_STATES.includes(t.state)) {
    throw new DomainError(ErrorCode.THESIS_STATE_INVALID, `unknown thesis state ${String(t.state)}`, { state: t.state });
  }
  if (!Number.isSafeInteger(t.attempt) || t.attempt < 0) bad('the thesis attempt must be a whole number ≥ 0', { attempt: t.attempt });
  if (t.attempt > MAX_THESIS_ATTEMPTS) {
    throw new DomainError(ErrorCode.THESIS_ATTEMPT_LIMIT_EXCEEDED, `§15 (2): at most ${MAX_THESIS_ATTEMPTS} thesis attempts`, { attempt: t.attempt });
  }
  if (t.state !== 'NOT_STARTED' && t.attempt === 0) {
    throw new DomainError(ErrorCode.THESIS_STATE_INVALID, `a thesis in state ${t.state} has an attempt number ≥ 1`, { state: t.state });
  }
  if (t.score !== null) assertPoints(t.score, 'thesis score');
  if (t.state === 'PASSED' && (t.score === null || !isPassingPoints(THESIS_SCALE, t.score))) {
    throw new DomainError(ErrorCode.THESIS_STATE_INVALID, 'a PASSED thesis needs a passing score (§11 (2), §15 (1))', { score: t.score });
  }
}

/**
 * §15 (2): the thesis is finally failed when marked so, or when the last allowed attempt failed
 * ("not passed … within two attempts").
 */
function thesisPermanentlyFailed(t: ThesisProgressInput | null): boolean {
  return t !== null && (t.state === 'PERMANENTLY_FAILED' || (t.state === 'FAILED' && t.attempt >= MAX_THESIS_ATTEMPTS));
}

/** A course shows activity once anything has happened in it (an attempt, a result, a recognition). */
function hasActivity(c: CourseProgressInput): boolean {
  return c.state !== 'NOT_STARTED';
}

export function computeProgression(input: ProgressionInput): Progression {
  const { courses, thesis, excluded } = input;
  courses.forEach(validateCourse);
  if (thesis !== null) validateThesis(thesis);

  const keys = new Set<string>();
  for (const c of courses) {
    const key = `${c.university}:${c.code}`;
    if (keys.has(key)) bad(`course ${c.code} of ${c.university} appears twice`, { university: c.university, code: c.code });
    keys.add(key);
  }
  const countByUniversity = (u: UniversityCode, pick: (c: CourseProgressInput) => boolean = () => true): number =>
    courses.filter((c) => c.university === u && pick(c)).length;
  for (const u of UNIVERSITIES) {
    // §7 (1)
    if (countByUniversity(u) > COURSES_PER_UNIVERSITY[u]) {
      bad(`§7 (1): ${u} has ${COURSES_PER_UNIVERSITY[u]} courses, got ${countByUniversity(u)}`, { university: u });
    }
  }
  const allCoursesPresent = courses.length === COURSE_COUNT;
  if (allCoursesPresent) {
    const catalogueCredits = courses.reduce((sum, c) => sum + c.credits, 0);
    // §7 (2): the 17 courses carry 90 credits.
    if (catalogueCredits !== COURSE_CREDITS) {
      throw new DomainError(ErrorCode.CONFIG_INVALID, `§7 (2): the ${COURSE_COUNT} courses carry ${COURSE_CREDITS} credits, the catalogue says ${catalogueCredits}`, {
        catalogueCredits,
      });
    }
  }

  // Credits count only for completed or recognised courses (§6 (2), §13).
  const earned = (c: CourseProgressInput): boolean => isCompleted(c.state);
  const creditsByUniversity = { LEUVEN: 0, MUENSTER: 0, TTU: 0 } as Record<UniversityCode, number>;
  for (const c of courses) if (earned(c)) creditsByUniversity[c.university] += c.credits;
  const courseCredits = UNIVERSITIES.reduce((sum, u) => sum + creditsByUniversity[u], 0);
  const thesisCredits = thesis?.state === 'PASSED' ? THESIS_CREDITS : 0;
  const totalCredits = courseCredits + thesisCredits;
  const creditsBySemester = {
    1: creditsByUniversity.LEUVEN,
    2: creditsByUniversity.MUENSTER,
    3: creditsByUniversity.TTU,
    4: thesisCredits,
  };

  const coursesCompleted = courses.filter(earned).length;
  // §15 (4) a course failed with no attempt left; a failed latest attempt with a retake left.
  const coursesPermanentlyFailed = courses.filter((c) => c.state === 'PERMANENTLY_FAILED').length;
  const coursesFailed = courses.filter((c) => c.state === 'FAILED_RETAKE_POSSIBLE').length;
  const coursesPending = COURSE_COUNT - coursesCompleted - coursesPermanentlyFailed - coursesFailed;

  // §20 exclusion, §15 (4) a course, §15 (2)–(3) the thesis — in that order of precedence.
  const permanentFailureReason: Progression['permanentFailureReason'] = excluded
    ? 'EXCLUSION'
    : coursesPermanentlyFailed > 0
      ? 'COURSE'
      : thesisPermanentlyFailed(thesis)
        ? 'THESIS'
        : null;
  const permanentlyFailed = permanentFailureReason !== null;

  // §15 (1): all 17 courses passed and the thesis with its defence passed.
  const allCoursesCompleted = allCoursesPresent && coursesCompleted === COURSE_COUNT;
  const masterExaminationPassed = !permanentlyFailed && allCoursesCompleted && thesis?.state === 'PASSED';
  if (masterExaminationPassed && totalCredits !== PROGRAMME_TOTAL_CREDITS) {
    // Unreachable with a valid catalogue; §15 (1) "the candidate has also obtained a total of 120 credits".
    throw new DomainError(ErrorCode.CONFIG_INVALID, `§15 (1): a passed master's examination is worth ${PROGRAMME_TOTAL_CREDITS} credits, got ${totalCredits}`, {
      totalCredits,
    });
  }

  let overall: Progression['overall'] = null;
  if (masterExaminationPassed) {
    const weighted = courses.flatMap((c) => {
      if (c.score === null) {
        // §13: recognised without transferred points → outside the §16 (4) weighting.
        if (c.state === 'RECOGNISED') return [];
        bad(`§9 (1), §16 (4): the completed course ${c.code} has no score`, { university: c.university, code: c.code });
      }
      return [{ score: c.score, weight: overallWeight(c) }];
    });
    overall = overallGrade(weighted, thesis.score!);
  }

  const thesisEligible = canAssignThesisTopic(totalCredits);
  return {
    creditsByUniversity,
    creditsBySemester,
    courseCredits,
    thesisCredits,
    totalCredits,
    requiredCredits: PROGRAMME_TOTAL_CREDITS,
    thesisEligible,
    ttuAdmissible: isAdmissibleToTtuCourses(totalCredits),
    coursesCompleted,
    coursesPending,
    coursesFailed,
    coursesPermanentlyFailed,
    permanentlyFailed,
    permanentFailureReason,
    masterExaminationPassed,
    status: studentStatus({ courses, thesis, permanentlyFailed, masterExaminationPassed, thesisEligible }),
    overall,
  };
}

/**
 * The dashboard status, first rule that applies:
 *  1. PERMANENTLY_FAILED; 2. GRADUATED (master's examination passed);
 *  3. thesis phase by thesis state: DEFENCE_SCHEDULED → THESIS_DEFENCE_SCHEDULED, SUBMITTED →
 *     THESIS_SUBMITTED, TOPIC_ASSIGNED or FAILED (retake left) → THESIS_IN_PROGRESS;
 *  4. THESIS_ELIGIBLE once 90 credits are earned (§10 (3));
 *  5. otherwise SEMESTER_n_IN_PROGRESS, n = the latest semester in which anything has happened
 *     (an attempt, a result, a recognition); if every course of that semester is completed, the
 *     next one (at most 3); n = 1 when nothing has happened yet. Outstanding retakes of an
 *     earlier semester do not pull the status back (retakes are "facilitated by the University
 *     where the student is studying at the time of the retake", §5 (1), §7 (4)).
 */
function studentStatus(p: {
  courses: readonly CourseProgressInput[];
  thesis: ThesisProgressInput | null;
  permanentlyFailed: boolean;
  masterExaminationPassed: boolean;
  thesisEligible: boolean;
}): StudentStatus {
  if (p.permanentlyFailed) return 'PERMANENTLY_FAILED';
  if (p.masterExaminationPassed) return 'GRADUATED';
  switch (p.thesis?.state) {
    case 'DEFENCE_SCHEDULED':
      return 'THESIS_DEFENCE_SCHEDULED';
    case 'SUBMITTED':
      return 'THESIS_SUBMITTED';
    case 'TOPIC_ASSIGNED':
    case 'FAILED':
      return 'THESIS_IN_PROGRESS';
    default:
      break;
  }
  if (p.thesisEligible) return 'THESIS_ELIGIBLE';

  const latestActive = Math.max(0, ...p.courses.filter(hasActivity).map((c) => c.semester));
  if (latestActive === 0) return 'SEMESTER_1_IN_PROGRESS';
  const university = UNIVERSITIES.find((u) => SEMESTER_OF_UNIVERSITY[u] === latestActive)!;
  const semesterComplete =
    p.courses.filter((c) => c.semester === latestActive && isCompleted(c.state)).length === COURSES_PER_UNIVERSITY[university];
  const n = Math.min(3, semesterComplete ? latestActive + 1 : latestActive);
  return n === 1 ? 'SEMESTER_1_IN_PROGRESS' : n === 2 ? 'SEMESTER_2_IN_PROGRESS' : 'SEMESTER_3_IN_PROGRESS';
}
