import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { capitalise, type UniversityProfile } from '@pioneer/university-kit';
import { AdmissionService, DecisionService, openConsortiumDatabase } from '@pioneer/consortium';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { post } from '../support/graphql.js';

/**
 * An examinations office at work, through the gateway: catalogue, enrolment, registration,
 * results attempt by attempt, rectification with history, recognition, statistics, and every
 * kind of bad input refused with a code and nothing written. One suite, run for each university.
 */
let hub: RunningHub;
/** Two students per university, known to the consortium (the Academic Committee admitted them). */
/** The committee's recognition decision for each university's `other` student (§13 (3)). */
const RECOGNITIONS: Record<string, string> = {};
const STUDENTS = Object.fromEntries(['leuven', 'muenster', 'ttu'].map((u) => [u, { student: randomUUID(), other: randomUUID() }]));

beforeAll(async () => {
  const databases = await freshHubDatabases('office');
  const orm = await openConsortiumDatabase(databases.consortium);
  for (const [n, id] of Object.values(STUDENTS).flatMap((s) => [s.student, s.other]).entries()) {
    await new AdmissionService(orm.em.fork()).admit({
      id,
      givenName: 'Test',
      familyName: 'Student',
      dateOfBirth: '2000-02-29',
      placeOfBirth: 'Leuven, Belgium',
      cohort: 2025,
      bachelorDegree: 'BSc Public Administration',
      bachelorInstitution: 'KU Leuven',
      bachelorCredits: 180,
      bachelorField: 'PUBLIC_ADMINISTRATION',
      englishProficiency: 'IELTS Academic 7.0',
      decidedOn: '2025-05-15',
      decisionReference: `KUL-PIONEER-2025-T${n}`,
    });
  }
  // §13 (3): the committee's recognition decisions the offices cite.
  for (const profile of [leuven, muenster, ttu]) {
    const decision = await new DecisionService(orm.em.fork()).recognise({
      studentId: STUDENTS[profile.field]!.other,
      university: profile.code,
      courseCode: profile.catalogue.at(-1)!.code,
      decidedOn: '2026-09-10',
      reason: 'Equivalent course in a prior MSc, staff consulted (§13 (1), (3))',
    });
    RECOGNITIONS[profile.field] = decision.id;
  }
  await orm.close();
  hub = await startTestHub('catalogue', databases);
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

/** A full course result on each scale for points 73 (§16 (1), (3)). */
const AT_73: Record<string, string> = { LEUVEN: '14', MUENSTER: '2.7', TTU: '3' };

describe.each([leuven, muenster, ttu])('$name examinations office', (profile: UniversityProfile) => {
  const f = profile.field;
  const op = (name: string) => `${f}${capitalise(name)}`;
  // As the university's own examinations office.
  const gql = async (query: string, variables: Record<string, unknown> = {}) => (await post(hub.gatewayUrl, query, variables, await hub.token(`${f}-office`))).body;
  const course = profile.catalogue[0]!;
  const scored = course.components.find((c) => c.kind === 'SCORED')!;
  const passFail = profile.catalogue.flatMap((c) => c.components.map((k) => ({ course: c, component: k }))).find((x) => x.component.kind === 'PASS_FAIL');
  const { student, other } = STUDENTS[f]!;
  const RESULT_FIELDS = 'id status points passed version examiner registration { attempt enrolment { studentNumber } examination { key } }';

  const enrol = (id: string, serial: number) =>
    gql(`mutation($i: EnrolStudentInput!) { ${op('enrolStudent')}(input: $i) { studentId studentNumber } }`, {
      i: { studentId: id, studentNumber: profile.studentNumber(9000 + serial), enrolledOn: '2025-09-15' },
    });
  const register = (id: string, examinationKey: string, attempt: number, courseCode = course.code) =>
    gql(`mutation($i: RegisterExaminationAttemptInput!) { ${op('registerExaminationAttempt')}(input: $i) { attempt } }`, {
      i: { studentId: id, courseCode, examinationKey, attempt, registeredOn: '2026-01-05' },
    });
  const record = (input: Record<string, unknown>) =>
    gql(`mutation($i: RecordExaminationResultInput!) { ${op('recordExaminationResult')}(input: $i) { ${RESULT_FIELDS} } }`, {
      i: { studentId: student, courseCode: course.code, examinationKey: scored.key, attempt: 1, status: 'GRADED', examinedOn: '2026-01-20', examiner: 'Prof. Dr. A. Examiner', ...input },
    });
  /** Every result of this university, over all its courses, in one request. */
  const resultCount = async () => {
    const body = await gql(`{ ${profile.catalogue.map((c, i) => `c${i}: ${op('results')}(courseCode: "${c.code}") { id }`).join(' ')} }`);
    return Object.values(body.data as Record<string, unknown[]>).reduce((n, list) => n + list.length, 0);
  };
  /** The student's record at this university, through the gateway's Student entity. */
  const studentRecord = async (id: string, code = course.code) => {
    const body = await gql(`query($id: String!) { student(id: $id) { ${f} { creditsEarned courses { code state score localGrade label attemptsUsed attemptsLeft recognised recognition { decisionReference } } } } }`, { id });
    expect(body.errors).toBeUndefined();
    const record = body.data.student[f];
    return { creditsEarned: record.creditsEarned, course: record.courses.find((c: { code: string }) => c.code === code) };
  };

  it(`lists its ${profile.noun.plural} with their examinations (§7 (3))`, async () => {
    const body = await gql(`{ ${op('courses')} { code title credits semester courseType examinationTypes overallWeight examinations { key kind weight maxAttempts } } }`);
    expect(body.errors).toBeUndefined();
    const list = body.data[op('courses')];
    expect(list.map((c: { code: string }) => c.code).sort()).toEqual(profile.catalogue.map((c) => c.code).sort());
    expect(list.every((c: { semester: number }) => c.semester === profile.semester)).toBe(true);
  });

  it('enrols students (§4 (1) d) and lists them', async () => {
    expect((await enrol(student, 1)).errors).toBeUndefined();
    expect((await enrol(other, 2)).errors).toBeUndefined();
    const again = await enrol(student, 3);
    expect(again.errors[0].extensions.code).toBe('ALREADY_ENROLLED');
    const list = (await gql(`{ ${op('enrolments')} { studentId studentNumber } }`)).data[op('enrolments')];
    expect(list.map((e: { studentId: string }) => e.studentId)).toEqual(expect.arrayContaining([student, other]));
  });

  it('records a failed first sitting and a passed retake, attempt by attempt', async () => {
    expect((await register(student, scored.key, 1)).errors).toBeUndefined();
    const first = await record({ points: 41 });
    expect(first.errors).toBeUndefined();
    expect(first.data[op('recordExaminationResult')]).toMatchObject({ status: 'GRADED', points: 41, version: 1, registration: { attempt: 1, examination: { key: scored.key } } });
    expect((await studentRecord(student)).course).toMatchObject({ state: 'FAILED_RETAKE_POSSIBLE', attemptsUsed: 1, attemptsLeft: 1 });
    expect((await register(student, scored.key, 2)).errors).toBeUndefined();
    expect((await record({ attempt: 2, points: 73 })).errors).toBeUndefined();
    const list = await gql(`{ ${op('results')}(courseCode: "${course.code}", attempt: 2) { points registration { attempt } } }`);
    expect(list.data[op('results')]).toEqual([{ points: 73, registration: { attempt: 2 } }]);
    const regs = await gql(`{ ${op('registrations')}(courseCode: "${course.code}") { attempt result { points } } }`);
    expect(regs.data[op('registrations')].map((r: any) => [r.attempt, r.result?.points])).toEqual([
      [1, 41],
      [2, 73],
    ]);
  });

  it('completes the course when every examination is passed, graded on its own scale, and counts it in the distribution', async () => {
    for (const c of course.components.filter((c) => c.key !== scored.key)) {
      expect((await register(student, c.key, 1)).errors).toBeUndefined();
      expect((await record({ examinationKey: c.key, ...(c.kind === 'SCORED' ? { points: 73 } : { passed: true }) })).errors).toBeUndefined();
    }
    const { creditsEarned, course: done } = await studentRecord(student);
    expect(done).toMatchObject({ state: 'COMPLETED', score: 73, localGrade: AT_73[profile.code] });
    expect(creditsEarned).toBe(course.credits);
    const dist = (await gql(`{ ${op('gradeDistribution')}(courseCode: "${course.code}") { completed grades { grade label count } } }`)).data[op('gradeDistribution')];
    expect(dist.completed).toBe(1);
    expect(dist.grades.find((g: { grade: string }) => g.grade === AT_73[profile.code]).count).toBe(1);
    expect(dist.grades.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(1);
  });

  it('rectifies only with a reason and keeps every version (§16 (2), §21)', async () => {
    const [result] = (await gql(`{ ${op('results')}(courseCode: "${course.code}", examinationKey: "${scored.key}", attempt: 2) { id } }`)).data[op('results')];
    const value = { status: 'GRADED', points: 78, examinedOn: '2026-01-20', examiner: 'Prof. Dr. A. Examiner' };
    const rectify = (resultId: string, reason: string) =>
      gql(`mutation($i: RectifyExaminationResultInput!) { ${op('rectifyExaminationResult')}(input: $i) { points version } }`, { i: { resultId, ...value, reason } });
    const refused = await rectify(result.id, '');
    expect(refused.errors[0].extensions.code).toBe('REASON_REQUIRED');
    for (const id of ['not-a-result', '00000000-0000-4000-8000-000000000000']) {
      expect((await rectify(id, 'Re-marked')).errors[0].extensions.code).toBe('UNKNOWN_RESULT');
      expect((await gql(`{ ${op('resultHistory')}(resultId: "${id}") { version } }`)).errors[0].extensions.code).toBe('UNKNOWN_RESULT');
    }
    const fixed = await rectify(result.id, 'Points of question 4 were not added');
    expect(fixed.data[op('rectifyExaminationResult')]).toEqual({ points: 78, version: 2 });
    const history = (await gql(`{ ${op('resultHistory')}(resultId: "${result.id}") { version points reason changedBy } }`)).data[op('resultHistory')];
    expect(history).toEqual([
      { version: 1, points: 73, reason: null, changedBy: `${f}-office` },
      { version: 2, points: 78, reason: 'Points of question 4 were not added', changedBy: `${f}-office` },
    ]);
  });

  it('records recognised credits with the committee decision and shows them as such (§13)', async () => {
    const target = profile.catalogue.at(-1)!;
    const body = await gql(`mutation($i: RecogniseCreditsInput!) { ${op('recogniseCredits')}(input: $i) { decisionReference course { code } } }`, {
      i: { studentId: other, courseCode: target.code, decisionReference: RECOGNITIONS[f], decidedOn: '2026-09-10' },
    });
    expect(body.errors).toBeUndefined();
    const { creditsEarned, course: recognised } = await studentRecord(other, target.code);
    expect(recognised).toMatchObject({ state: 'RECOGNISED', recognised: true, recognition: { decisionReference: RECOGNITIONS[f] } });
    expect(creditsEarned).toBe(target.credits);
  });

  it('cancels a registration without a result (an accepted withdrawal): the attempt is not used, the record stays', async () => {
    const target = profile.catalogue[3] ?? profile.catalogue[1]!;
    const comp = target.components.find((c) => c.kind === 'SCORED')!;
    expect((await register(other, comp.key, 1, target.code)).errors).toBeUndefined();
    const [reg] = (await gql(`{ ${op('registrations')}(courseCode: "${target.code}") { id attempt enrolment { studentId } } }`)).data[op('registrations')].filter(
      (r: any) => r.enrolment.studentId === other,
    );
    const cancel = (id: string, reason: string) =>
      gql(`mutation($i: CancelExaminationRegistrationInput!) { ${op('cancelExaminationRegistration')}(input: $i) { attempt reason cancelledBy examination { key } } }`, {
        i: { registrationId: id, cancelledOn: '2026-01-12', reason },
      });
    expect((await cancel(reg.id, '')).errors[0].extensions.code).toBe('REASON_REQUIRED');
    const done = await cancel(reg.id, 'Illness, medical certificate accepted');
    expect(done.data[op('cancelExaminationRegistration')]).toEqual({ attempt: 1, reason: 'Illness, medical certificate accepted', cancelledBy: `${f}-office`, examination: { key: comp.key } });
    // The attempt was not used: the student registers for attempt 1 again.
    expect((await register(other, comp.key, 1, target.code)).errors).toBeUndefined();
    expect((await cancel('nope', 'x y z')).errors[0].extensions).toMatchObject({ code: 'UNKNOWN_REGISTRATION', formerCode: 'NOT_FOUND' });
    const [withResult] = (await gql(`{ ${op('registrations')}(courseCode: "${course.code}", attempt: 1) { id enrolment { studentId } result { id } } }`)).data[op('registrations')].filter(
      (r: any) => r.enrolment.studentId === student && r.result,
    );
    expect((await cancel(withResult.id, 'Too late')).errors[0].extensions.code).toBe('RESULT_ALREADY_RECORDED');
  });

  it('lets its staff edit the catalogue: a title and overall weight any time, weights and attempts only before registrations', async () => {
    const edit = await gql(`mutation { ${op('editCourse')}(input: { courseCode: "${course.code}", overallWeight: 9, reason: "Course description 2026/27" }) { code overallWeight } }`);
    expect(edit.data[op('editCourse')]).toEqual({ code: course.code, overallWeight: 9 });
    const reset = await gql(`mutation { ${op('editCourse')}(input: { courseCode: "${course.code}", resetOverallWeight: true, reason: "Back to the credits" }) { overallWeight } }`);
    expect(reset.data[op('editCourse')].overallWeight).toBe(course.credits);
    const badWeight = await gql(`mutation { ${op('editCourse')}(input: { courseCode: "${course.code}", overallWeight: 0, reason: "Typo" }) { overallWeight } }`);
    expect(badWeight.errors[0].extensions.code).toBe('INVALID_WEIGHT');
    // Students are registered for this examination: changing its weight would change their scores.
    const locked = await gql(`mutation { ${op('editExamination')}(input: { courseCode: "${course.code}", examinationKey: "${scored.key}", weight: 5, reason: "Course description 2026/27" }) { weight } }`);
    expect(locked.errors[0].extensions.code).toBe('CONFLICT');
    const untouched = profile.catalogue[1]!;
    const free = untouched.components.find((c) => c.kind === 'SCORED')!;
    const changed = await gql(`mutation { ${op('editExamination')}(input: { courseCode: "${untouched.code}", examinationKey: "${free.key}", weight: 55, maxAttempts: 3, title: "${free.title} (revised)", reason: "Course description 2026/27" }) { key weight maxAttempts title } }`);
    expect(changed.data[op('editExamination')]).toEqual({ key: free.key, weight: 55, maxAttempts: 3, title: `${free.title} (revised)` });
    const unknown = await gql(`mutation { ${op('editExamination')}(input: { courseCode: "${untouched.code}", examinationKey: "nope", weight: 5, reason: "Course description 2026/27" }) { weight } }`);
    expect(unknown.errors[0].extensions).toMatchObject({ code: 'UNKNOWN_EXAMINATION', formerCode: 'UNKNOWN_COMPONENT', details: { examinationKey: 'nope' } });
  });

  describe('bad input: a coded error, and nothing written', () => {
    const foreign = profile.code === 'LEUVEN' ? 'TTU-TS' : 'LEU-BIS';
    // An examination of another course the student is registered for (2026-01-05) without a result yet.
    const registeredFor = profile.catalogue[2]!.components.find((c) => c.kind === 'SCORED')!;
    beforeAll(async () => {
      expect((await register(student, registeredFor.key, 1, profile.catalogue[2]!.code)).errors).toBeUndefined();
    });
    const cases: [string, () => Promise<any>, string][] = [
      ['points above 100', () => record({ studentId: other, points: 101 }), 'POINTS_OUT_OF_RANGE'],
      ['negative points', () => record({ studentId: other, points: -3 }), 'POINTS_OUT_OF_RANGE'],
      ['points not a whole number', () => record({ studentId: other, points: 72.5 }), 'BAD_USER_INPUT'],
      ['an unknown student', () => record({ studentId: 'nobody' }), 'STUDENT_NOT_ENROLLED'],
      ['a student not enrolled here', () => record({ studentId: randomUUID(), points: 60 }), 'STUDENT_NOT_ENROLLED'],
      ['an unknown course', () => record({ studentId: other, courseCode: 'XX-1', points: 60 }), 'UNKNOWN_COURSE'],
      ['a course of another university', () => record({ studentId: other, courseCode: foreign, points: 60 }), 'COURSE_OF_ANOTHER_UNIVERSITY'],
      ['a result without registration', () => record({ studentId: other, points: 60 }), 'NOT_REGISTERED'],
      ['a second result for the same attempt', () => record({ points: 90 }), 'RESULT_ALREADY_RECORDED'],
      ['an attempt beyond the maximum', () => register(other, scored.key, (scored.maxAttempts ?? 2) + 1), 'ATTEMPT_LIMIT_EXCEEDED'],
      ['pass / fail on a scored examination', () => record({ studentId: other, passed: true }), 'PASS_FAIL_ON_SCORED_EXAMINATION'],
      ['a malformed date', () => record({ studentId: other, points: 60, examinedOn: '20.01.2026' }), 'INVALID_DATE'],
      ['an examination dated in the future', () => record({ points: 60, courseCode: profile.catalogue[2]!.code, examinationKey: registeredFor.key, examinedOn: '2999-01-01' }), 'INVALID_DATE'],
      ['an examination dated before its registration', () => record({ points: 60, courseCode: profile.catalogue[2]!.code, examinationKey: registeredFor.key, examinedOn: '2025-12-01' }), 'INVALID_DATE'],
    ];
    if (passFail) {
      cases.push([
        'points on a pass / fail examination',
        async () => {
          await register(other, passFail.component.key, 1, passFail.course.code);
          return record({ studentId: other, courseCode: passFail.course.code, examinationKey: passFail.component.key, points: 80 });
        },
        'POINTS_ON_PASS_FAIL_EXAMINATION',
      ]);
    }

    it.each(cases)('%s → %s', async (_what, act, code) => {
      const before = await resultCount();
      const body = await act();
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(body.data?.[op('recordExaminationResult')] ?? null).toBeNull();
      expect(await resultCount()).toBe(before);
      expect(JSON.stringify(body)).not.toMatch(/stack|select |insert |\.ts:\d/i);
    });
  });

  it('still answers every 0.1 name, deprecated until 0.3 (README Changelog), with the same services', async () => {
    // The catalogue under the university's own noun (Münster: muensterModules, muensterModule) and `components`.
    const listed = await gql(`{ ${op(profile.noun.plural)} { code components { key } examinations { key } } ${op(profile.noun.singular)}(code: "${course.code}") { code } }`);
    expect(listed.errors).toBeUndefined();
    for (const c of listed.data[op(profile.noun.plural)]) expect(c.components).toEqual(c.examinations);
    expect(listed.data[op(profile.noun.singular)].code).toBe(course.code);
    const unit = capitalise(profile.noun.singular);
    const updated = await gql(`mutation { ${op(`update${unit}`)}(code: "${course.code}", input: { resetOverallWeight: true, reason: "0.1 client" }) { overallWeight } }`);
    expect(updated.data[op(`update${unit}`)].overallWeight).toBe(course.credits);
    const target = profile.catalogue[1]!;
    const free = target.components.find((c) => c.kind === 'SCORED')!;
    const renamed = await gql(`mutation { ${op('updateExamComponent')}(courseCode: "${target.code}", key: "${free.key}", input: { title: "${free.title}", reason: "0.1 client" }) { key title } }`);
    expect(renamed.data[op('updateExamComponent')]).toEqual({ key: free.key, title: free.title });
    const [change] = (await gql(`{ ${op('catalogueChanges')}(code: "${target.code}") { componentKey examinationKey field } }`)).data[op('catalogueChanges')].filter((c: any) => c.field === 'title');
    expect(change.componentKey).toBe(free.key);
    expect(change.componentKey).toBe(change.examinationKey);

    // Registration and results with `componentKey`, bare arguments for rectification and cancellation.
    const registered = await gql(`mutation($i: RegisterForExaminationInput!) { ${op('registerForExamination')}(input: $i) { id attempt component { key } } }`, {
      i: { studentId: other, courseCode: target.code, componentKey: free.key, attempt: 1, registeredOn: '2026-01-06' },
    });
    expect(registered.data[op('registerForExamination')]).toMatchObject({ attempt: 1, component: { key: free.key } });
    const recorded = await gql(`mutation($i: RecordResultInput!) { ${op('recordResult')}(input: $i) { id points } }`, {
      i: { studentId: other, courseCode: target.code, componentKey: free.key, attempt: 1, status: 'GRADED', points: 64, examinedOn: '2026-01-21', examiner: 'Prof. Dr. A. Examiner' },
    });
    expect(recorded.data[op('recordResult')].points).toBe(64);
    const resultId = recorded.data[op('recordResult')].id;
    const rectified = await gql(`mutation($id: String!, $v: ResultValueInput!) { ${op('rectifyResult')}(resultId: $id, value: $v, reason: "Re-marked", expectedVersion: 1) { points version } }`, {
      id: resultId,
      v: { status: 'GRADED', points: 66, examinedOn: '2026-01-21', examiner: 'Prof. Dr. A. Examiner' },
    });
    expect(rectified.data[op('rectifyResult')]).toEqual({ points: 66, version: 2 });
    const filtered = (await gql(`{ ${op('results')}(courseCode: "${target.code}", componentKey: "${free.key}") { id registration { component { key } } } }`)).data[op('results')];
    expect(filtered).toEqual([{ id: resultId, registration: { component: { key: free.key } } }]);
    const other2 = await gql(`mutation($i: RegisterForExaminationInput!) { ${op('registerForExamination')}(input: $i) { id } }`, {
      i: { studentId: student, courseCode: target.code, componentKey: free.key, attempt: 1, registeredOn: '2026-01-06' },
    });
    const cancelled = await gql(`mutation { ${op('cancelRegistration')}(registrationId: "${other2.data[op('registerForExamination')].id}", cancelledOn: "2026-01-12", reason: "Withdrawn") { component { key } } }`);
    expect(cancelled.data[op('cancelRegistration')]).toEqual({ component: { key: free.key } });
    const attempts = (await gql(`query($id: String!) { student(id: $id) { ${f} { courses { code attempts { componentKey componentTitle examinationKey examinationTitle } } } } }`, { id: other })).data.student[f].courses.find(
      (c: { code: string }) => c.code === target.code,
    ).attempts;
    expect(attempts).toEqual([{ componentKey: free.key, componentTitle: free.title, examinationKey: free.key, examinationTitle: free.title }]);
  });
});
