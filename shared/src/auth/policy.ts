import type { Principal, UniversityKey } from './principal.js';
import { SCOPES, UNIVERSITIES } from './principal.js';

/**
 * Who may do what: pure decisions over a principal and plain facts, one per kind of access. The
 * role × operation matrix in docs/security.md is written from these.
 */

export const isCommittee = (p: Principal): boolean => p.scopes.has(SCOPES.committee);

export const isOfficeOf = (p: Principal, u: UniversityKey): boolean => p.scopes.has(SCOPES.office(u));

/** Read access to a university's examination data: its staff (read-only or office) and the committee. */
export const isStaffOf = (p: Principal, u: UniversityKey): boolean => p.scopes.has(SCOPES.staff(u)) || isOfficeOf(p, u);

export const isStaff = (p: Principal): boolean => UNIVERSITIES.some((u) => isStaffOf(p, u));

export const isStudentSelf = (p: Principal, studentId: string): boolean => p.scopes.has(SCOPES.student) && p.subject === studentId;

export const isExaminer = (p: Principal): boolean => p.scopes.has(SCOPES.examiner);

/**
 * A student's record (results at each university, progression, decisions, personal data):
 * the Academic Committee, the student themself and the staff of the student's universities.
 * Every student of the programme is enrolled at all three universities for as long as they study
 * (§4 (1) d, §4 (2)), so the staff of any of the three are staff of the student's universities.
 */
export function canReadStudentRecord(p: Principal, studentId: string): boolean {
  return canReadPersonalData(p, studentId) || isRecordReader(p);
}

/** Date and place of birth: the committee, the student and staff; never an examiner or a service. */
export function canReadPersonalData(p: Principal, studentId: string): boolean {
  return isCommittee(p) || isStaff(p) || isStudentSelf(p, studentId);
}

/**
 * The consortium's own service identity: it reads results and progressions through the gateway
 * for a decision a permitted caller asked for (credits for a thesis topic, §10 (3); dashboards).
 */
export const isRecordReader = (p: Principal): boolean => p.scopes.has(SCOPES.recordReader);

/** Reading a university's office lists (registrations, results, histories, distributions). */
export function canReadUniversityOffice(p: Principal, u: UniversityKey): boolean {
  return isCommittee(p) || isStaffOf(p, u);
}

/** Writing a university's examination data: its examinations office only (§5 (1)). */
export const canWriteUniversity = (p: Principal, u: UniversityKey): boolean => isOfficeOf(p, u);

/**
 * Registering for (or withdrawing from) an examination: the university's office, or the student
 * themself (§9: students register for examinations).
 */
export function canRegisterForExamination(p: Principal, u: UniversityKey, studentId: string): boolean {
  return isOfficeOf(p, u) || isStudentSelf(p, studentId);
}

/** The facts about a thesis that decide an examiner's access. */
export interface ThesisExaminers {
  supervisor: string | null;
  defenceCommittee: readonly string[];
}

/** An examiner is concerned with a thesis they supervise (§10 (2)) or whose defence committee they sit on (§11 (1)). */
export function examinesThesis(p: Principal, thesis: ThesisExaminers): boolean {
  return isExaminer(p) && (thesis.supervisor === p.name || thesis.defenceCommittee.includes(p.name));
}

/** Thesis data (topic, dates, scores): record readers, and the examiners concerned. */
export function canReadThesis(p: Principal, studentId: string, theses: readonly ThesisExaminers[]): boolean {
  return canReadStudentRecord(p, studentId) || theses.some((t) => examinesThesis(p, t));
}

/**
 * §10 (2), (3): the topic is assigned on behalf of the Academic Committee by the examiner who
 * requested it — a member of the Thesis Defence Committee (`defenceCommittee`, the one appointed
 * for the academic year of the assignment), naming themself as supervisor. An examiner on no
 * committee acts on no thesis and learns nothing about any student (issue 11, item 6).
 */
export function canAssignThesisTopic(p: Principal, supervisor: string, defenceCommittee: readonly string[]): boolean {
  return isCommittee(p) || (isExaminer(p) && p.name === supervisor && defenceCommittee.includes(p.name));
}

/** §11 (2): the Thesis Defence Committee scores and grades the thesis and its defence. */
export function canRecordThesisDefence(p: Principal, defenceCommittee: readonly string[]): boolean {
  return isCommittee(p) || (isExaminer(p) && defenceCommittee.includes(p.name));
}

/** §10 (7): the student hands in the thesis; the committee's office may record it for them. */
export function canSubmitThesis(p: Principal, studentId: string): boolean {
  return isCommittee(p) || isStudentSelf(p, studentId);
}

/** §4: KU Leuven is responsible for admission; the committee puts it on record too. */
export function canAdmitStudent(p: Principal): boolean {
  return isCommittee(p) || isOfficeOf(p, 'leuven');
}

/** Cohort-wide lists and dashboards: the committee and staff. */
export function canReadCohorts(p: Principal): boolean {
  return isCommittee(p) || isStaff(p) || isRecordReader(p);
}

/**
 * ELMO files put on record for recognition (§13 (2)): the Academic Committee, which decides on
 * them (§13 (3)), and the universities' staff, who record the recognition citing the decision
 * (§13 (4)). A student sees the learning opportunities a decision about them rests on, with the
 * decision.
 */
export function canReadRecognitionSources(p: Principal): boolean {
  return isCommittee(p) || isStaff(p);
}
