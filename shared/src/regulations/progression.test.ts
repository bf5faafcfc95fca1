import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { ErrorCode } from '../errors/index.js';
import { overallGrade, overallScore } from './overall.js';
import {
  COURSE_COUNT,
  COURSE_CREDITS,
  COURSES_PER_UNIVERSITY,
  PROGRAMME_TOTAL_CREDITS,
  SEMESTER_OF_UNIVERSITY,
  THESIS_CREDITS,
  UNIVERSITIES,
  type UniversityCode,
} from './programme.js';
import {
  computeProgression,
  isAdmissibleToTtuCourses,
  TTU_ADMISSION_MIN_CREDITS,
  type CourseProgressInput,
  type ProgressionInput,
  type ThesisProgressInput,
} from './progression.js';
import { codeOf } from './test-support.js';

// The catalogue mix: KU Leuven 5 × 6, Münster 5 × 6, TTÜ 3 × 6 + 4 × 3 credits.
const CATALOGUE: { university: UniversityCode; code: string; credits: number }[] = [
  ...['L1', 'L2', 'L3', 'L4', 'L5'].map((code) => ({ university: 'LEUVEN' as const, code, credits: 6 })),
  ...['M1', 'M2', 'M3', 'M4', 'M5'].map((code) => ({ university: 'MUENSTER' as const, code, credits: 6 })),
  ...['T1', 'T2', 'T3'].map((code) => ({ university: 'TTU' as const, code, credits: 6 })),
  ...['T4', 'T5', 'T6', 'T7'].map((code) => ({ university: 'TTU' as const, code, credits: 3 })),
];

type CourseState = 'pending' | 'started' | 'done' | 'failed' | 'lost' | 'recognised';

function courseOf(entry: (typeof CATALOGUE)[number], state: CourseState, score: number | null = 75): CourseProgressInput {
  const base = { ...entry, semester: SEMESTER_OF_UNIVERSITY[entry.university], score: null as number | null };
  switch (state) {
    case 'pending':
      return { ...base, state: 'NOT_STARTED' };
    case 'started':
      return { ...base, state: 'IN_PROGRESS' };
    case 'done':
      return { ...base, state: 'COMPLETED', score };
    case 'failed':
      return { ...base, state: 'FAILED_RETAKE_POSSIBLE', score: 30 };
    case 'lost':
      return { ...base, state: 'PERMANENTLY_FAILED', score: 30 };
    case 'recognised':
      return { ...base, state: 'RECOGNISED', score };
  }
}

/** All 17 courses; `states` overrides by code, `semestersDone` completes whole semesters. */
function student(semestersDone: number, states: Record<string, CourseState> = {}, thesis: ThesisProgressInput | null = null, excluded = false): ProgressionInput {
  return {
    courses: CATALOGUE.map((e) => courseOf(e, states[e.code] ?? (SEMESTER_OF_UNIVERSITY[e.university] <= semestersDone ? 'done' : 'pending'))),
    thesis,
    excluded,
  };
}

const passedThesis: ThesisProgressInput = { state: 'PASSED', attempt: 1, score: 80 };

describe('§6, §7 programme constants', () => {
  it('§7 (1)–(2) 5 + 5 + 7 = 17 courses, 90 + 30 = 120 credits, semesters 1–3', () => {
    expect(UNIVERSITIES.reduce((s, u) => s + COURSES_PER_UNIVERSITY[u], 0)).toBe(COURSE_COUNT);
    expect(COURSE_COUNT).toBe(17);
    expect([COURSE_CREDITS, THESIS_CREDITS, PROGRAMME_TOTAL_CREDITS]).toEqual([90, 30, 120]);
    expect(SEMESTER_OF_UNIVERSITY).toEqual({ LEUVEN: 1, MUENSTER: 2, TTU: 3 });
    expect(CATALOGUE.reduce((s, c) => s + c.credits, 0)).toBe(COURSE_CREDITS);
  });
});

describe('§8 (2) admission to TTÜ courses', () => {
  it('§8 (2) at least 30 credits admit to TTÜ courses', () => {
    expect(TTU_ADMISSION_MIN_CREDITS).toBe(30);
    expect(isAdmissibleToTtuCourses(29)).toBe(false);
    expect(isAdmissibleToTtuCourses(30)).toBe(true);
  });
  it('§8 (2) a student with 24 credits from semester 1 is not yet admissible; with 30 she is', () => {
    expect(computeProgression(student(1, { L5: 'failed' })).ttuAdmissible).toBe(false);
    expect(computeProgression(student(1)).ttuAdmissible).toBe(true);
  });
});

describe('§6, §7 credits', () => {
  it('a new student has no credits, 17 pending courses, semester 1 in progress', () => {
    const p = computeProgression(student(0));
    expect(p).toMatchObject({
      totalCredits: 0,
      requiredCredits: 120,
      coursesPending: 17,
      coursesCompleted: 0,
      status: 'SEMESTER_1_IN_PROGRESS',
      thesisEligible: false,
      masterExaminationPassed: false,
      overall: null,
    });
  });
  it('§6 (2) credits count only for completed or recognised courses', () => {
    const p = computeProgression(student(0, { L1: 'done', L2: 'recognised', L3: 'failed', L4: 'lost', M1: 'done' }));
    expect(p.creditsByUniversity).toEqual({ LEUVEN: 12, MUENSTER: 6, TTU: 0 });
    expect(p.creditsBySemester).toEqual({ 1: 12, 2: 6, 3: 0, 4: 0 });
    expect([p.courseCredits, p.totalCredits]).toEqual([18, 18]);
    expect([p.coursesCompleted, p.coursesFailed, p.coursesPermanentlyFailed, p.coursesPending]).toEqual([3, 1, 1, 12]);
  });
  it('§10 (3) 90 credits from all 17 courses make the student thesis-eligible', () => {
    const p = computeProgression(student(3));
    expect([p.courseCredits, p.thesisEligible, p.status]).toEqual([90, true, 'THESIS_ELIGIBLE']);
  });
  it('property: completed + pending + failed + permanently failed = 17; credits add up by university and semester', () => {
    const states = fc.array(fc.constantFrom<CourseState>('pending', 'started', 'done', 'failed', 'lost', 'recognised'), { minLength: 17, maxLength: 17 });
    fc.assert(
      fc.property(states, (ss) => {
        const p = computeProgression({ courses: CATALOGUE.map((e, i) => courseOf(e, ss[i]!)), thesis: null, excluded: false });
        const bySemester = p.creditsBySemester[1] + p.creditsBySemester[2] + p.creditsBySemester[3] + p.creditsBySemester[4];
        return (
          p.coursesCompleted + p.coursesPending + p.coursesFailed + p.coursesPermanentlyFailed === COURSE_COUNT &&
          bySemester === p.totalCredits &&
          p.creditsByUniversity.LEUVEN + p.creditsByUniversity.MUENSTER + p.creditsByUniversity.TTU === p.courseCredits &&
          p.permanentlyFailed === ss.includes('lost') &&
          !p.masterExaminationPassed
        );
      }),
      { numRuns: 2000 },
    );
  });
});

describe('dashboard status', () => {
  it('semester 1 complete → semester 2 in progress', () => {
    expect(computeProgression(student(1)).status).toBe('SEMESTER_2_IN_PROGRESS');
  });
  it('a Leuven retake outstanding does not hold back a student already at Münster (§7 (4))', () => {
    const p = computeProgression(student(0, { L1: 'done', L2: 'done', L3: 'done', L4: 'done', L5: 'failed', M1: 'done' }));
    expect([p.status, p.coursesFailed]).toEqual(['SEMESTER_2_IN_PROGRESS', 1]);
  });
  it('semester 1 partly done → semester 1 in progress', () => {
    expect(computeProgression(student(0, { L1: 'done' })).status).toBe('SEMESTER_1_IN_PROGRESS');
  });
  it('an attempt at a Münster course, nothing failed yet, is activity in semester 2', () => {
    const p = computeProgression(student(0, { L1: 'done', M1: 'started' }));
    expect([p.status, p.coursesPending, p.coursesFailed, p.totalCredits]).toEqual(['SEMESTER_2_IN_PROGRESS', 16, 0, 6]);
  });
  it('semesters 1–2 complete → semester 3; all of TTÜ done but a retake left elsewhere → still semester 3', () => {
    expect(computeProgression(student(2)).status).toBe('SEMESTER_3_IN_PROGRESS');
    expect(computeProgression(student(3, { M2: 'failed' })).status).toBe('SEMESTER_3_IN_PROGRESS');
  });
  it.each([
    ['TOPIC_ASSIGNED', 'THESIS_IN_PROGRESS'],
    ['SUBMITTED', 'THESIS_SUBMITTED'],
    ['DEFENCE_SCHEDULED', 'THESIS_DEFENCE_SCHEDULED'],
    ['FAILED', 'THESIS_IN_PROGRESS'],
    ['NOT_STARTED', 'THESIS_ELIGIBLE'],
  ] as const)('thesis %s → %s', (state, status) => {
    const thesis = { state, attempt: state === 'NOT_STARTED' ? 0 : 1, score: state === 'FAILED' ? 40 : null };
    expect(computeProgression(student(3, {}, thesis)).status).toBe(status);
  });
});

describe('§15 the master’s examination', () => {
  it('§15 (1) all 17 courses and the thesis passed → 120 credits, graduated, overall grade of §16 (4)', () => {
    const input = student(3, {}, passedThesis);
    input.courses = input.courses.map((c, i) => ({ ...c, score: 60 + i }));
    const p = computeProgression(input);
    const expected = overallScore(input.courses.map((c) => ({ score: c.score!, weight: c.credits })), 80);
    expect(p).toMatchObject({ masterExaminationPassed: true, totalCredits: 120, thesisCredits: 30, creditsBySemester: { 4: 30 }, status: 'GRADUATED' });
    expect(p.overall).toEqual(overallGrade(input.courses.map((c) => ({ score: c.score!, weight: c.credits })), 80));
    expect(p.overall?.points).toBe(expected);
  });
  it('§15 (1) a missing course is never passed: 16 courses and a passed thesis do not graduate', () => {
    const input = student(3, {}, passedThesis);
    input.courses = input.courses.slice(1);
    const p = computeProgression(input);
    expect([p.masterExaminationPassed, p.overall, p.coursesPending, p.totalCredits]).toEqual([false, null, 1, 114]);
  });
  it('§16 (4) a configured course weight replaces the credits in the overall weighting', () => {
    const input = student(3, {}, passedThesis);
    input.courses = input.courses.map((c) => (c.code === 'T7' ? { ...c, score: 100, weight: 30 } : { ...c, score: 60 }));
    const weighted = input.courses.map((c) => ({ score: c.score!, weight: c.weight ?? c.credits }));
    expect(computeProgression(input).overall?.points).toBe(overallScore(weighted, 80));
    expect(overallScore(weighted, 80)).not.toBe(overallScore(input.courses.map((c) => ({ score: c.score!, weight: c.credits })), 80));
  });
  it('§13 a recognised course without points counts its credits but stays out of the §16 (4) weighting', () => {
    const input = student(3, { L1: 'recognised' }, passedThesis);
    input.courses = input.courses.map((c) => (c.code === 'L1' ? { ...c, score: null } : { ...c, score: 70 }));
    const p = computeProgression(input);
    expect([p.totalCredits, p.masterExaminationPassed]).toEqual([120, true]);
    expect(p.overall?.points).toBe(overallScore([{ score: 70, weight: 84 }], 80)); // (3·70 + 80) / 4 = 72.5 → 73
    expect(p.overall?.points).toBe(73);
  });
  it('§15 (4) a permanently failed course fails the master’s examination permanently', () => {
    const p = computeProgression(student(2, { T3: 'lost' }));
    expect([p.permanentlyFailed, p.permanentFailureReason, p.status, p.coursesPermanentlyFailed]).toEqual([true, 'COURSE', 'PERMANENTLY_FAILED', 1]);
  });
  it('§15 (2)–(3) a permanently failed thesis fails the master’s examination permanently', () => {
    const p = computeProgression(student(3, {}, { state: 'PERMANENTLY_FAILED', attempt: 2, score: 30 }));
    expect([p.permanentlyFailed, p.permanentFailureReason, p.status, p.overall]).toEqual([true, 'THESIS', 'PERMANENTLY_FAILED', null]);
  });
  it('§15 (2) a failed second attempt is a permanent failure even if not yet marked so', () => {
    expect(computeProgression(student(3, {}, { state: 'FAILED', attempt: 2, score: 30 })).permanentFailureReason).toBe('THESIS');
    expect(computeProgression(student(3, {}, { state: 'FAILED', attempt: 1, score: 30 })).permanentlyFailed).toBe(false);
  });
  it('§20 exclusion fails the master’s examination permanently and takes precedence', () => {
    const p = computeProgression(student(3, {}, passedThesis, true));
    expect([p.permanentlyFailed, p.permanentFailureReason, p.masterExaminationPassed, p.status, p.overall]).toEqual([true, 'EXCLUSION', false, 'PERMANENTLY_FAILED', null]);
    expect(computeProgression(student(1, { M1: 'lost' }, null, true)).permanentFailureReason).toBe('EXCLUSION');
  });
});

describe('progression input is checked', () => {
  it('refuses a course twice, a wrong semester, too many courses at a university', () => {
    const twice = student(0);
    twice.courses.push(twice.courses[0]!);
    expect(codeOf(() => computeProgression(twice))).toBe(ErrorCode.BAD_USER_INPUT);
    const wrongSemester = student(0);
    wrongSemester.courses[0] = { ...wrongSemester.courses[0]!, semester: 2 };
    expect(codeOf(() => computeProgression(wrongSemester))).toBe(ErrorCode.BAD_USER_INPUT);
    const extraTtu = student(0);
    extraTtu.courses = extraTtu.courses.slice(1);
    extraTtu.courses.push({ ...extraTtu.courses.at(-1)!, code: 'T8' });
    expect(codeOf(() => computeProgression(extraTtu))).toBe(ErrorCode.BAD_USER_INPUT);
  });
  it('§7 (2) refuses a catalogue whose 17 courses do not carry 90 credits', () => {
    const input = student(0);
    input.courses[0] = { ...input.courses[0]!, credits: 5 };
    expect(codeOf(() => computeProgression(input))).toBe(ErrorCode.CONFIG_INVALID);
  });
  it('refuses a course in no known state, bad scores and weights', () => {
    const unknown = student(0);
    unknown.courses[0] = { ...unknown.courses[0]!, state: 'PASSED' as never };
    expect(codeOf(() => computeProgression(unknown))).toBe(ErrorCode.BAD_USER_INPUT);
    const score = student(0);
    score.courses[0] = { ...score.courses[0]!, score: 100.5 };
    expect(codeOf(() => computeProgression(score))).toBe(ErrorCode.POINTS_NOT_INTEGER);
    const weight = student(0);
    weight.courses[0] = { ...weight.courses[0]!, weight: 0 };
    expect(codeOf(() => computeProgression(weight))).toBe(ErrorCode.INVALID_WEIGHT);
  });
  it('refuses inconsistent thesis data', () => {
    expect(codeOf(() => computeProgression(student(3, {}, { state: 'PASSED', attempt: 1, score: null })))).toBe(ErrorCode.THESIS_STATE_INVALID);
    expect(codeOf(() => computeProgression(student(3, {}, { state: 'PASSED', attempt: 1, score: 40 })))).toBe(ErrorCode.THESIS_STATE_INVALID);
    expect(codeOf(() => computeProgression(student(3, {}, { state: 'SUBMITTED', attempt: 3, score: null })))).toBe(ErrorCode.THESIS_ATTEMPT_LIMIT_EXCEEDED);
    expect(codeOf(() => computeProgression(student(3, {}, { state: 'SUBMITTED', attempt: 0, score: null })))).toBe(ErrorCode.THESIS_STATE_INVALID);
  });
  it('§9 (1), §16 (4) a completed, non-recognised course needs a score for the overall grade', () => {
    const input = student(3, {}, passedThesis);
    input.courses[0] = { ...input.courses[0]!, score: null };
    expect(codeOf(() => computeProgression(input))).toBe(ErrorCode.BAD_USER_INPUT);
  });
});
