import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { openUniversityDatabase } from '@pioneer/university-kit';
import { academicYearOf, addDays } from '@pioneer/shared/regulations';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { planDemoCohort } from '../../scripts/lib/demo-cohort.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { post } from '../support/graphql.js';

/**
 * Issue 11, items 1, 2, 3 and 6, through the gateway on the demo cohort: the attacks and the
 * sloppy office calls of the issue are refused with a code naming the rule and write nothing; one
 * unreadable record (made so directly in the database) hides no other student.
 */
let hub: RunningHub;
let databases: Awaited<ReturnType<typeof freshHubDatabases>>;
const plans = planDemoCohort();
const graduate = plans.find((p) => p.cohort === 2024 && p.script === 'none')!;
const awaitingTopic = plans.find((p) => p.script === 'awaiting-topic')!;
const newcomer = plans.find((p) => p.cohort === 2026 && p.script === 'none')!;
const today = new Date().toISOString().slice(0, 10);

type Body = { data?: any; errors?: { message: string; path?: (string | number)[]; extensions: { code: string; details?: Record<string, unknown> } }[] };
const tokens: Record<string, string> = {};
const as = async (who: string, query: string, variables: Record<string, unknown> = {}): Promise<Body> => (await post(hub.gatewayUrl, query, variables, tokens[who])).body;
const codeOf = (r: Body) => r.errors?.[0]?.extensions.code;

beforeAll(async () => {
  databases = await freshHubDatabases('integrity');
  hub = await startTestHub('demo', databases);
  for (const role of ['committee', 'leuven-office'] as const) tokens[role] = await hub.token(role);
  tokens.outsider = await hub.token('examiner', 'Prof. Dr. Nobody Else');
  tokens.crompvoets = await hub.token('examiner', 'Prof. Dr. Joep Crompvoets');
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

const THESES = `query($id: String!) { student(id: $id) { theses { id state } } }`;
const ASSIGN = `mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { id state } }`;

describe('item 6: the examiner scope', () => {
  it('an examiner on no Thesis Defence Committee cannot assign a topic, and learns nothing: same answer for a real, eligible student and a made-up id', async () => {
    const input = (studentId: string) => ({ i: { studentId, title: 'Open data portals', supervisor: 'Prof. Dr. Nobody Else', assignedOn: '2026-11-20' } });
    const real = await as('outsider', ASSIGN, input(awaitingTopic.id));
    const madeUp = await as('outsider', ASSIGN, input(randomUUID()));
    expect(codeOf(real)).toBe('FORBIDDEN');
    expect(real.errors![0]!.message).toBe(madeUp.errors![0]!.message);
    expect(real.errors![0]!.extensions).toEqual(madeUp.errors![0]!.extensions);
    expect(JSON.stringify(real)).not.toMatch(/credit|eligible|THESIS_/i);
    expect((await as('committee', THESES, { id: awaitingTopic.id })).data.student.theses).toEqual([]);
  });

  it('nor can it read the student, their credits or their thesis state', async () => {
    const r = await as('outsider', `query($id: String!) { student(id: $id) { id theses { state } progression { totalCredits } } }`, { id: awaitingTopic.id });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.data?.student ?? null).toBeNull();
  });
});

describe('item 1: the thesis steps, dated in order and never in the future (§10)', () => {
  it('§10 (3) counts the credits earned by the assignment date, not today', async () => {
    // On 1 October 2025 the 2024 intake had at most KU Leuven's and Münster's 60 credits.
    const r = await as('committee', ASSIGN, { i: { studentId: awaitingTopic.id, title: 'Open data portals', supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn: '2025-10-01' } });
    expect(codeOf(r)).toBe('THESIS_NOT_ELIGIBLE');
    expect(r.errors![0]!.extensions.details).toMatchObject({ on: '2025-10-01' });
  });

  it('a topic dated in the future is refused; a defence is scored only once it has been held', async () => {
    const future = await as('committee', ASSIGN, { i: { studentId: awaitingTopic.id, title: 'Open data portals', supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn: addDays(today, 30) } });
    expect(future.errors![0]!.extensions).toMatchObject({ code: 'INVALID_DATE', details: { rule: 'NOT_IN_FUTURE' } });
    const assignedOn = addDays(today, -10);
    const submittedOn = addDays(today, -2);
    const defenceOn = addDays(today, 20);
    // A committee for the academic years these dates fall in (the demo appoints 2025/26 and 2026/27).
    for (const on of [assignedOn, defenceOn]) {
      await as('committee', `mutation($i: AppointDefenceCommitteeInput!) { appointDefenceCommittee(input: $i) { academicYear } }`, {
        i: {
          academicYear: academicYearOf(on),
          appointedOn: assignedOn,
          members: ['Prof. Dr. Joep Crompvoets', 'Prof. Dr. Tobias Brandt', 'Prof. Dr. Robert Krimmer'].map((name) => ({ name, hasDoctorate: true, university: 'KU Leuven' })),
        },
      });
    }
    const assigned = await as('crompvoets', ASSIGN, { i: { studentId: awaitingTopic.id, title: 'Open data portals', supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn } });
    expect(assigned.errors).toBeUndefined();
    const id = assigned.data.assignThesisTopic.id;
    const submitted = await as('committee', `mutation($t: String!, $on: String!) { recordThesisSubmission(input: { thesisId: $t, boundCopies: 3, boundCopiesOn: $on, digitalOn: $on }) { state } }`, { t: id, on: submittedOn });
    expect(submitted.errors).toBeUndefined();
    expect((await as('committee', `mutation($t: String!, $on: String!) { setThesisDefenceDate(input: { thesisId: $t, defenceOn: $on }) { state } }`, { t: id, on: defenceOn })).errors).toBeUndefined();
    const scored = await as('committee', `mutation($t: String!) { recordThesisDefenceResult(input: { thesisId: $t, examinerScores: [80, 82, 78], score: 80 }) { state } }`, { t: id });
    expect(scored.errors![0]!.extensions).toMatchObject({ code: 'INVALID_DATE', details: { rule: 'NOT_IN_FUTURE', field: 'defenceOn' } });
    const after = await as('committee', `query($id: String!) { student(id: $id) { theses { state } progression { status } } }`, { id: awaitingTopic.id });
    expect(after.data.student.theses).toEqual([{ state: 'DEFENCE_SCHEDULED' }]);
    expect(after.data.student.progression.status).not.toBe('GRADUATED');
  });
});

describe('item 1: the examinations office cannot corrupt the record', () => {
  const course = leuven.catalogue[0]!;
  const scored = course.components.find((c) => c.kind === 'SCORED')!;
  const register = (studentId: string, attempt: number, registeredOn: string) =>
    as('leuven-office', `mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { attempt } }`, {
      i: { studentId, courseCode: course.code, examinationKey: scored.key, attempt, registeredOn },
    });
  const record = (studentId: string, attempt: number, points: number, examinedOn: string) =>
    as('leuven-office', `mutation($i: RecordExaminationResultInput!) { leuvenRecordExaminationResult(input: $i) { id version } }`, {
      i: { studentId, courseCode: course.code, examinationKey: scored.key, attempt, status: 'GRADED', points, examinedOn, examiner: 'Prof. Dr. A. Examiner' },
    });
  const rectify = (resultId: string, points: number, expectedVersion?: number, examinedOn = '2026-11-10') =>
    as('leuven-office', `mutation($i: RectifyExaminationResultInput!) { leuvenRectifyExaminationResult(input: $i) { version points } }`, {
      i: { resultId, status: 'GRADED', points, examinedOn, examiner: 'Prof. Dr. A. Examiner', reason: 'Re-marked after review', expectedVersion: expectedVersion ?? null },
    });
  const cohort2026 = () => as('committee', `{ students(cohort: 2026, limit: 50) { items { id progression { totalCredits } } } }`);
  let secondAttempt: string;

  it('fail → register attempt 2 → rectify attempt 1 to a pass → record attempt 2: the rectification is refused naming the rule, and the cohort stays readable', async () => {
    expect((await register(newcomer.id, 1, '2026-11-01')).errors).toBeUndefined();
    const first = await record(newcomer.id, 1, 30, '2026-11-10');
    expect(first.errors).toBeUndefined();
    expect((await register(newcomer.id, 2, '2026-11-12')).errors).toBeUndefined();
    const refused = await rectify(first.data.leuvenRecordExaminationResult.id, 70);
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'ATTEMPT_OUT_OF_ORDER', details: { rule: 'ATTEMPT_OUT_OF_ORDER', section: expect.stringContaining('§15 (4)') } });
    const second = await record(newcomer.id, 2, 65, '2026-11-20');
    expect(second.errors).toBeUndefined();
    secondAttempt = second.data.leuvenRecordExaminationResult.id;
    const list = await cohort2026();
    expect(list.errors).toBeUndefined();
    expect(list.data.students.items.every((s: { progression: unknown }) => s.progression !== null)).toBe(true);
  });

  it('item 3: a correction from a stale screen is VERSION_CONFLICT with the current version; concurrent ones answer one code', async () => {
    const on = '2026-11-20';
    expect((await rectify(secondAttempt, 66, 1, on)).data.leuvenRectifyExaminationResult).toEqual({ version: 2, points: 66 });
    const stale = await rectify(secondAttempt, 90, 1, on);
    expect(stale.errors![0]!.extensions).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1 } });
    const race = await Promise.all([67, 68, 69].map((p) => rectify(secondAttempt, p, 2, on)));
    expect(race.filter((r) => !r.errors)).toHaveLength(1);
    expect(race.filter((r) => r.errors).map(codeOf)).toEqual(['VERSION_CONFLICT', 'VERSION_CONFLICT']);
    const history = await as('leuven-office', `query($r: String!) { leuvenResultHistory(resultId: $r) { version } }`, { r: secondAttempt });
    expect(history.data.leuvenResultHistory.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  });

  it('dates: no registration before the enrolment, none in the future', async () => {
    const target = leuven.catalogue[1]!;
    const r = (registeredOn: string) =>
      as('leuven-office', `mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { attempt } }`, {
        i: { studentId: newcomer.id, courseCode: target.code, examinationKey: target.components[0]!.key, attempt: 1, registeredOn },
      });
    expect((await r('2026-09-01')).errors![0]!.extensions).toMatchObject({ code: 'INVALID_DATE', details: { rule: 'REGISTRATION_AFTER_ENROLMENT' } });
    expect((await r(addDays(today, 1))).errors![0]!.extensions).toMatchObject({ code: 'INVALID_DATE', details: { rule: 'NOT_IN_FUTURE' } });
  });

  it('an office cannot enrol a student the consortium never admitted', async () => {
    const count = async () => (await as('leuven-office', `{ leuvenEnrolments { studentId } }`)).data.leuvenEnrolments.length;
    const before = await count();
    const r = await as('leuven-office', `mutation($i: EnrolStudentInput!) { leuvenEnrolStudent(input: $i) { studentId } }`, {
      i: { studentId: randomUUID(), studentNumber: 'r0999999', enrolledOn: '2026-09-15' },
    });
    expect(codeOf(r)).toBe('NOT_ADMITTED');
    expect(await count()).toBe(before);
  });

  it('a recognition citing no committee decision is refused; the credits stay', async () => {
    const credits = async () => (await as('committee', `query($id: String!) { student(id: $id) { leuven { creditsEarned } } }`, { id: newcomer.id })).data.student.leuven.creditsEarned;
    const before = await credits();
    const r = await as('leuven-office', `mutation($i: RecogniseCreditsInput!) { leuvenRecogniseCredits(input: $i) { id } }`, {
      i: { studentId: newcomer.id, courseCode: leuven.catalogue[2]!.code, decisionReference: 'AC-2026-404', decidedOn: '2026-11-01' },
    });
    expect(codeOf(r)).toBe('UNKNOWN_DECISION');
    expect(await credits()).toBe(before);
  });

  it('control characters in a course title are refused with INVALID_TEXT', async () => {
    const r = await as('leuven-office', `mutation($i: EditCourseInput!) { leuvenEditCourse(input: $i) { title } }`, {
      i: { courseCode: 'LEU-BIS', title: 'Business\u0000 Information\u001b[31m Systems', reason: 'Typo' },
    });
    expect(codeOf(r)).toBe('INVALID_TEXT');
  });

  it('a weight of 2,147,483,647 is refused and no overall grade moves; a bounded change, with its reason, is on record and outdates the documents it affects', async () => {
    const grades = async () => (await as('committee', `{ students(cohort: 2024, limit: 50) { items { id overallGrade { points } } } }`)).data.students.items;
    const before = await grades();
    const update = (input: Record<string, unknown>) => as('leuven-office', `mutation($i: EditCourseInput!) { leuvenEditCourse(input: $i) { overallWeight version } }`, { i: { courseCode: 'LEU-BIS', ...input } });
    expect(codeOf(await update({ overallWeight: 2_147_483_647, reason: 'New course description' }))).toBe('INVALID_WEIGHT');
    expect(await grades()).toEqual(before);

    const issued = await as('committee', `mutation($i: IssueDocumentInput!) { issueDocument(input: $i) { id status } }`, { i: { studentId: graduate.id, kind: 'DIPLOMA', issuedOn: today } });
    expect(issued.errors).toBeUndefined();
    expect(issued.data.issueDocument.status).toBe('ISSUED');
    const changed = await update({ overallWeight: 7, reason: 'Course description 2026/27 weighs the seminar more', expectedVersion: 1 });
    expect(changed.errors).toBeUndefined();
    const history = await as('committee', `{ leuvenCatalogueChanges(code: "LEU-BIS") { field oldValue newValue reason changedBy changedAt } }`);
    expect(history.data.leuvenCatalogueChanges).toEqual([
      { field: 'overallWeight', oldValue: null, newValue: '7', reason: 'Course description 2026/27 weighs the seminar more', changedBy: 'leuven-office', changedAt: expect.any(String) },
    ]);
    const status = await as('committee', `query($id: String!) { issuedDocument(id: $id) { status } }`, { id: issued.data.issueDocument.id });
    expect(status.data.issuedDocument.status).toBe('OUTDATED');
  });
});

describe('item 2: one unreadable record never hides other students', () => {
  it('a record made unreadable in the database: that student carries RECORD_UNREADABLE naming them and the rule; every other student is served in full', async () => {
    const results = await as('leuven-office', `{ leuvenResults(courseCode: "LEU-PASI") { id studentId points } }`);
    const victim = results.data.leuvenResults.find((r: { studentId: string; points: number | null }) => r.studentId === graduate.id && r.points !== null);
    const orm = await openUniversityDatabase(databases.leuven);
    try {
      await orm.em.fork().getConnection().execute('update exam_result set points = 250 where id = ?', [victim.id]);
      const list = await as('committee', `{ students(cohort: 2024, limit: 50) { items { id progression { totalCredits } overallGrade { points } } } }`);
      const items = list.data.students.items as { id: string; progression: unknown }[];
      expect(items.length).toBeGreaterThan(10);
      expect(items.filter((s) => s.progression === null).map((s) => s.id)).toEqual([graduate.id]);
      expect(new Set(list.errors!.map((e) => e.extensions.code))).toEqual(new Set(['RECORD_UNREADABLE']));
      expect(list.errors![0]!.extensions.details).toMatchObject({ studentId: graduate.id, university: 'LEUVEN', courseCode: 'LEU-PASI', rule: 'POINTS_OUT_OF_RANGE' });
      expect(JSON.stringify(list.errors)).not.toMatch(/did not arrive/);
    } finally {
      await orm.em.fork().getConnection().execute('update exam_result set points = ? where id = ?', [victim.points, victim.id]);
      await orm.close();
    }
  });
});
