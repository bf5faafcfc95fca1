import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { capitalise, type UniversityProfile } from '@pioneer/university-kit';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { DEMO_COMMITTEES } from '../../scripts/lib/demo-cohort.js';
import { post } from '../support/graphql.js';

/**
 * Students walked through the whole programme by the people who run it, through the gateway
 * only: KU Leuven admits, the three universities enrol and examine, the Academic Committee runs
 * the thesis; the hub decides eligibility, permanent failure and the overall grade.
 */
const UNIVERSITIES = [leuven, muenster, ttu];
let hub: RunningHub;
/** The people who run the programme, in one token: the committee and the three offices (access is tested in access-control.test.ts). */
let token: string;
let serial = 0;

beforeAll(async () => {
  hub = await startTestHub('catalogue', await freshHubDatabases('journey'));
  token = await hub.token('coordinator');
  // §11 (1): the Academic Committee appoints the Thesis Defence Committees of the years the tests defend in.
  for (const c of DEMO_COMMITTEES) {
    const { body } = await post(hub.gatewayUrl, `mutation($i: AppointDefenceCommitteeInput!) { appointDefenceCommittee(input: $i) { id } }`, { i: c }, token);
    expect(body.errors).toBeUndefined();
  }
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

async function gql(query: string, variables: Record<string, unknown> = {}) {
  const { body } = await post(hub.gatewayUrl, query, variables, token);
  return body;
}

async function ok(query: string, variables: Record<string, unknown> = {}) {
  const body = await gql(query, variables);
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

async function admitAndEnrol(givenName: string): Promise<string> {
  serial += 1;
  const { admitStudent } = await ok(`mutation($i: AdmitStudentInput!) { admitStudent(input: $i) { id admission { bachelorCredits } } }`, {
    i: {
      givenName,
      familyName: 'Journey',
      dateOfBirth: '2001-03-14',
      placeOfBirth: 'Brno, Czechia',
      cohort: 2024,
      bachelorDegree: 'BSc Information Systems',
      bachelorInstitution: 'Masaryk University',
      bachelorCredits: 180,
      bachelorField: 'INFORMATION_SYSTEMS',
      englishProficiency: 'IELTS Academic 7.5',
      decidedOn: '2024-05-15',
      decisionReference: `KUL-PIONEER-2024-9${serial}`,
    },
  });
  for (const u of UNIVERSITIES) {
    await ok(`mutation($i: EnrolStudentInput!) { ${u.field}EnrolStudent(input: $i) { studentNumber } }`, {
      i: { studentId: admitStudent.id, studentNumber: u.studentNumber(700 + serial), enrolledOn: '2024-09-16' },
    });
  }
  return admitStudent.id;
}

/** Sits every examination of a university; `points(code)` gives each course's points, the same for all its scored examinations. */
async function sitUniversity(studentId: string, u: UniversityProfile, points: (code: string) => number[], year: number) {
  for (const course of u.catalogue) {
    const attempts = points(course.code);
    for (const c of course.components) {
      for (const [i, p] of attempts.entries()) {
        const attempt = i + 1;
        if (c.kind === 'PASS_FAIL' && attempt > 1) break;
        await ok(`mutation($i: RegisterExaminationAttemptInput!) { ${u.field}RegisterExaminationAttempt(input: $i) { attempt } }`, {
          i: { studentId, courseCode: course.code, examinationKey: c.key, attempt, registeredOn: `${year}-01-05` },
        });
        const value = c.kind === 'SCORED' ? { points: p } : { passed: true };
        await ok(`mutation($i: RecordExaminationResultInput!) { ${u.field}RecordExaminationResult(input: $i) { version } }`, {
          i: { studentId, courseCode: course.code, examinationKey: c.key, attempt, status: 'GRADED', examinedOn: `${year}-0${attempt}-20`, examiner: `Examiner of ${course.code}`, ...value },
        });
      }
    }
  }
}

const STUDENT = `query($id: String!) { student(id: $id) {
  progression { totalCredits courseCredits thesisCredits status thesisEligible masterExaminationPassed admittedToMasterExamination permanentlyFailed permanentFailureReason coursesCompleted coursesPermanentlyFailed }
  overallGrade { points grade label }
  theses { attempt state score }
} }`;

async function thesis(studentId: string, attemptDates: { assignedOn: string; submittedOn: string; defenceOn: string }, scores: number[], joint: number) {
  const { assignThesisTopic } = await ok(`mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { id } }`, {
    i: { studentId, title: 'Co-creation of public services through living labs', supervisor: 'Prof. Dr. Robert Krimmer', assignedOn: attemptDates.assignedOn },
  });
  const id = assignThesisTopic.id;
  await ok(`mutation($i: RecordThesisSubmissionInput!) { recordThesisSubmission(input: $i) { state } }`, {
    i: { thesisId: id, boundCopies: 3, boundCopiesOn: attemptDates.submittedOn, digitalOn: attemptDates.submittedOn },
  });
  await ok(`mutation { setThesisDefenceDate(input: { thesisId: "${id}", defenceOn: "${attemptDates.defenceOn}" }) { defenceHost } }`);
  return ok(`mutation($i: RecordThesisDefenceResultInput!) { recordThesisDefenceResult(input: $i) { state } }`, { i: { thesisId: id, examinerScores: scores, score: joint } });
}

/** §16 (4) computed independently: ceil((3·Σwᵢsᵢ / Σwᵢ + thesis) / 4) in integers, weights = credits. */
function expectedOverall(scores: { credits: number; score: number }[], thesisScore: number): number {
  const w = scores.reduce((n, s) => n + s.credits, 0);
  const ws = scores.reduce((n, s) => n + s.credits * s.score, 0);
  const num = 3 * ws + thesisScore * w;
  const den = 4 * w;
  return Math.floor((num + den - 1) / den);
}

describe('a student’s journey through the gateway', () => {
  it('from admission to a passed master’s examination with the right overall grade (§4, §8, §10, §11, §15 (1), §16 (4))', async () => {
    const id = await admitAndEnrol('Graduate');
    // Every course at 89 and the thesis at 89: exactly 89 (KU Leuven 17, Very Good); a float formula gives 90 (18, Excellent).
    for (const u of UNIVERSITIES) await sitUniversity(id, u, () => [89], 2025);
    const eligible = (await ok(STUDENT, { id })).student;
    expect(eligible.progression).toMatchObject({ totalCredits: 90, thesisEligible: true, status: 'THESIS_ELIGIBLE', admittedToMasterExamination: true, coursesCompleted: 17 });
    expect(eligible.overallGrade).toBeNull();

    const defended = await thesis(id, { assignedOn: '2026-02-23', submittedOn: '2026-06-10', defenceOn: '2026-07-01' }, [89, 90, 88], 89);
    expect(defended.recordThesisDefenceResult.state).toBe('PASSED');
    const graduate = (await ok(STUDENT, { id })).student;
    expect(graduate.progression).toMatchObject({ totalCredits: 120, courseCredits: 90, thesisCredits: 30, status: 'GRADUATED', masterExaminationPassed: true });
    const all = UNIVERSITIES.flatMap((u) => u.catalogue.map((c) => ({ credits: c.credits, score: 89 })));
    expect(expectedOverall(all, 89)).toBe(89);
    expect(graduate.overallGrade).toEqual({ points: 89, grade: '17', label: 'VERY_GOOD' });
  });

  it('mixed scores with a retake: the overall grade is the exact credit-weighted one', async () => {
    const id = await admitAndEnrol('Mixed');
    const scoreOf = (code: string) => 60 + ((code.length * 7 + code.charCodeAt(code.length - 1)) % 35);
    for (const u of UNIVERSITIES) await sitUniversity(id, u, (code) => (code === u.catalogue[0]!.code ? [41, scoreOf(code)] : [scoreOf(code)]), 2025);
    await thesis(id, { assignedOn: '2026-02-23', submittedOn: '2026-06-10', defenceOn: '2026-07-01' }, [74, 77, 75], 76);
    const s = (await ok(STUDENT, { id })).student;
    const expected = expectedOverall(UNIVERSITIES.flatMap((u) => u.catalogue.map((c) => ({ credits: c.credits, score: scoreOf(c.code) }))), 76);
    expect(s.progression.status).toBe('GRADUATED');
    expect(s.overallGrade.points).toBe(expected);
    expect(s.overallGrade.grade).toBe(String(Math.floor(expected / 5)));
  });

  it('into permanent failure of a course: two failed attempts at one examination (§15 (4))', async () => {
    const id = await admitAndEnrol('CourseFail');
    await sitUniversity(id, { ...leuven, catalogue: leuven.catalogue.filter((c) => c.code !== 'LEU-PDBM') }, () => [70], 2025);
    const pdbm = leuven.catalogue.find((c) => c.code === 'LEU-PDBM')!;
    await sitUniversity(id, { ...leuven, catalogue: [{ ...pdbm, components: pdbm.components.slice(0, 1) }] }, () => [35, 42], 2025);
    // The course is settled: its other examinations take no registration.
    const refused = await gql(`mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { attempt } }`, {
      i: { studentId: id, courseCode: 'LEU-PDBM', examinationKey: pdbm.components[1]!.key, attempt: 1, registeredOn: '2025-09-01' },
    });
    expect(refused.errors[0].extensions.code).toBe('COURSE_PERMANENTLY_FAILED');
    const s = (await ok(STUDENT, { id })).student;
    expect(s.progression).toMatchObject({ status: 'PERMANENTLY_FAILED', permanentlyFailed: true, permanentFailureReason: 'COURSE', coursesPermanentlyFailed: 1 });
    expect(s.overallGrade).toBeNull();
  });

  it('into permanent failure of the thesis: two failed attempts (§15 (2), (3)), and no third', async () => {
    const id = await admitAndEnrol('ThesisFail');
    for (const u of UNIVERSITIES) await sitUniversity(id, u, () => [75], 2025);
    expect((await thesis(id, { assignedOn: '2026-02-23', submittedOn: '2026-06-10', defenceOn: '2026-07-01' }, [45, 48, 52], 46)).recordThesisDefenceResult.state).toBe('FAILED');
    // A failed first attempt leaves the thesis in progress: one more attempt is allowed (§15 (2)).
    expect((await ok(STUDENT, { id })).student.progression.status).toBe('THESIS_IN_PROGRESS');
    expect((await thesis(id, { assignedOn: '2026-09-01', submittedOn: '2026-10-20', defenceOn: '2026-11-12' }, [44, 47, 49], 47)).recordThesisDefenceResult.state).toBe('PERMANENTLY_FAILED');
    const s = (await ok(STUDENT, { id })).student;
    expect(s.progression).toMatchObject({ status: 'PERMANENTLY_FAILED', permanentFailureReason: 'THESIS', masterExaminationPassed: false });
    expect(s.theses.map((t: { state: string }) => t.state)).toEqual(['FAILED', 'PERMANENTLY_FAILED']);
    const third = await gql(`mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { id } }`, {
      i: { studentId: id, title: 'A third try', supervisor: 'Prof. Dr. Robert Krimmer', assignedOn: '2026-11-20' },
    });
    expect(third.errors[0].extensions.code).toBe('THESIS_ATTEMPT_LIMIT_EXCEEDED');
  });

  it('into permanent failure by exclusion (§20), decided only after the student was heard (§20 (3), §21 (5))', async () => {
    const id = await admitAndEnrol('Excluded');
    await sitUniversity(id, leuven, () => [72], 2025);
    const exclusion = (hearingId: string) =>
      gql(`mutation($i: ExclusionInput!) { excludeStudent(input: $i) { kind decidedOn reason hearing { heldOn } } }`, {
        i: { studentId: id, decidedOn: '2026-03-10', reason: 'Extensive plagiarism in the Research Seminar paper (report of the Local Coordinator)', hearingId },
      });
    const unheard = await exclusion('00000000-0000-4000-8000-000000000000');
    expect(unheard.errors[0].extensions.code).toBe('HEARING_REQUIRED');
    expect((await ok(STUDENT, { id })).student.progression.permanentlyFailed).toBe(false);
    const { recordHearing } = await ok(`mutation($i: HearingInput!) { recordHearing(input: $i) { id } }`, {
      i: { studentId: id, subject: 'Suspected plagiarism, Research Seminar', heldOn: '2026-03-03', statement: 'The student acknowledged missing citations.' },
    });
    const decided = await exclusion(recordHearing.id);
    expect(decided.errors).toBeUndefined();
    expect(decided.data.excludeStudent).toMatchObject({ kind: 'EXCLUSION', hearing: { heldOn: '2026-03-03' } });
    const s = (await ok(STUDENT, { id })).student;
    expect(s.progression).toMatchObject({ status: 'PERMANENTLY_FAILED', permanentlyFailed: true, permanentFailureReason: 'EXCLUSION' });
  });

  it('admission below 180 credits is refused, naming the requirement, and nothing is written (§4 (1) b)', async () => {
    const before = (await ok(`{ students(limit: 500) { total } }`)).students.total;
    const body = await gql(`mutation($i: AdmitStudentInput!) { admitStudent(input: $i) { id } }`, {
      i: {
        givenName: 'Short',
        familyName: 'Credits',
        dateOfBirth: '2002-01-01',
        placeOfBirth: 'Pärnu, Estonia',
        cohort: 2025,
        bachelorDegree: 'Associate degree',
        bachelorInstitution: 'Somewhere College',
        bachelorCredits: 120,
        bachelorField: 'ENGINEERING',
        englishProficiency: 'IELTS 6.5',
        decidedOn: '2025-05-15',
        decisionReference: 'KUL-PIONEER-2025-X',
      },
    });
    expect(body.errors[0].extensions.code).toBe('ADMISSION_REQUIREMENTS_NOT_MET');
    expect(body.errors[0].message).toContain('180');
    expect((await ok(`{ students(limit: 500) { total } }`)).students.total).toBe(before);
  });
});
