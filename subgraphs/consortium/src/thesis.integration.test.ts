import { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../../test/support/databases.js';
import { actingAs } from '../../../test/support/principals.js';
import { execute, testServer } from '../../../test/support/graphql.js';
import type { ConsortiumContext } from './context.js';
import { StudentService } from './modules/students/student.service.js';
import { ThesisService } from './modules/thesis/thesis.service.js';
import { addDays } from '@pioneer/shared/regulations';
import { buildConsortiumSchema, consortiumContext, openConsortiumDatabase } from './subgraph.js';
import { DEMO_COMMITTEES } from '../../../scripts/lib/demo-cohort.js';

/** The thesis lifecycle of §10, §11, §15 (2); credits come from a stand-in for the federation. */
describe('thesis lifecycle (§10, §11, §15 (2))', () => {
  let orm: MikroORM;
  let server: ApolloServer<ConsortiumContext>;
  let context: () => ConsortiumContext;
  const credits = new Map<string, number>();
  const student = async (earned: number) => {
    const s = await new StudentService(orm.em.fork()).create({ givenName: 'Ada', familyName: 'Thesis', dateOfBirth: '1999-05-05', placeOfBirth: 'Tartu, Estonia', cohort: 2024 });
    credits.set(s.id, earned);
    return s.id;
  };
  const run = async (query: string, variables: Record<string, unknown> = {}) => execute(server, context(), query, variables);
  const FIELDS = 'id attempt state title topicAssignedOn submissionDeadline extensionWeeks submittedOn defenceOn defenceHost score topicChanges';
  const assign = (studentId: string, assignedOn = '2026-02-23', title = 'Digital identity adoption among elderly citizens') =>
    run(`mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { ${FIELDS} } }`, { i: { studentId, title, supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn } });
  const extend = (id: string, weeks: number, requestedOn: string, reason = 'Severe illness, medical certificate on file') =>
    run(`mutation($i: GrantThesisSubmissionExtensionInput!) { grantThesisSubmissionExtension(input: $i) { ${FIELDS} } }`, { i: { thesisId: id, weeks, requestedOn, decidedOn: requestedOn, reason } });
  const submit = (id: string, on: string, boundCopies = 3, digitalOn: string | null = on) =>
    run(`mutation($i: RecordThesisSubmissionInput!) { recordThesisSubmission(input: $i) { ${FIELDS} } }`, { i: { thesisId: id, boundCopies, boundCopiesOn: on, digitalOn } });
  const schedule = (id: string, defenceOn: string) => run(`mutation { setThesisDefenceDate(input: { thesisId: "${id}", defenceOn: "${defenceOn}" }) { ${FIELDS} } }`);
  const defend = (id: string, examinerScores: number[], score: number) =>
    run(`mutation($i: RecordThesisDefenceResultInput!) { recordThesisDefenceResult(input: $i) { ${FIELDS} } }`, { i: { thesisId: id, examinerScores, score } });
  const appoint = (input: unknown) => run(`mutation($i: AppointDefenceCommitteeInput!) { appointDefenceCommittee(input: $i) { academicYear members { name } } }`, { i: input });
  const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
  const thesisCount = async () => ((await orm.em.fork().getConnection().execute('select count(*)::int as n from thesis'))[0]?.n ?? 0) as number;

  beforeAll(async () => {
    orm = await openConsortiumDatabase(await freshDatabase('thesis'));
    server = await testServer<ConsortiumContext>(await buildConsortiumSchema());
    context = actingAs(consortiumContext(orm, { creditsEarned: async (id: string) => credits.get(id) ?? 0, recordsOf: async () => [] }));
    for (const c of DEMO_COMMITTEES) expect((await appoint(c)).errors).toBeUndefined();
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
  });

  it('walks a thesis from topic to a passed defence, every date from the engine', async () => {
    const id = await student(90);
    const assigned = await assign(id);
    expect(assigned.errors).toBeUndefined();
    const thesis = assigned.data.assignThesisTopic;
    // §10 (4): 16 weeks from 23 February 2026.
    expect(thesis).toMatchObject({ attempt: 1, state: 'TOPIC_ASSIGNED', submissionDeadline: '2026-06-15' });
    const changed = await run(`mutation { recordThesisTopicChange(input: { thesisId: "${thesis.id}", title: "Digital identity and the elderly", changedOn: "2026-03-20" }) { ${FIELDS} } }`);
    expect(changed.data.recordThesisTopicChange).toMatchObject({ title: 'Digital identity and the elderly', topicChanges: 1, submissionDeadline: '2026-06-15' });
    const extended = await extend(thesis.id, 4, '2026-06-01');
    expect(extended.data.grantThesisSubmissionExtension).toMatchObject({ extensionWeeks: 4, submissionDeadline: '2026-07-13' });
    expect((await submit(thesis.id, '2026-07-10')).data.recordThesisSubmission).toMatchObject({ state: 'SUBMITTED', submittedOn: '2026-07-10' });
    // §10 (8): within eight weeks of the submission; 2025/26 is TalTech's turn (2017/18 Leuven, 2018/19 Münster, 2019/20 TalTech, …).
    expect((await schedule(thesis.id, '2026-08-20')).data.setThesisDefenceDate).toMatchObject({ state: 'DEFENCE_SCHEDULED', defenceHost: 'TTU' });
    expect((await defend(thesis.id, [78, 80, 76], 78)).data.recordThesisDefenceResult).toMatchObject({ state: 'PASSED', score: 78, defenceOn: '2026-08-20' });
    const decisions = await orm.em.fork().getConnection().execute('select kind, weeks, reason from committee_decision');
    expect(decisions).toEqual([{ kind: 'THESIS_EXTENSION', weeks: 4, reason: 'Severe illness, medical certificate on file' }]);
  });

  it('still answers the 0.1 thesis mutations, deprecated until 0.3 (README Changelog), with the same rules', async () => {
    const t = (await assign(await student(90))).data.assignThesisTopic;
    const step = async (query: string, variables: Record<string, unknown> = {}) => {
      const r = await run(query, { t: t.id, ...variables });
      expect(r.errors).toBeUndefined();
      return Object.values(r.data as Record<string, { state: string; version: number }>)[0]!;
    };
    await step(`mutation($t: String!) { changeThesisTopic(thesisId: $t, input: { title: "Digital identity and the elderly", changedOn: "2026-03-20" }, expectedVersion: 1) { state version } }`);
    await step(`mutation($t: String!) { grantThesisExtension(thesisId: $t, input: { weeks: 2, requestedOn: "2026-06-01", decidedOn: "2026-06-01", reason: "Illness" }) { state version } }`);
    expect(await step(`mutation($t: String!) { submitThesis(thesisId: $t, input: { boundCopies: 3, boundCopiesOn: "2026-06-20", digitalOn: "2026-06-20" }) { state version } }`)).toMatchObject({ state: 'SUBMITTED' });
    await step(`mutation($t: String!) { extendDefencePeriod(thesisId: $t, input: { weeks: 1, decidedOn: "2026-06-22", reason: "Examiner abroad" }) { state } }`);
    expect(await step(`mutation($t: String!) { scheduleThesisDefence(thesisId: $t, defenceOn: "2026-08-10") { state } }`)).toMatchObject({ state: 'DEFENCE_SCHEDULED' });
    expect(await step(`mutation($t: String!) { recordThesisDefence(thesisId: $t, input: { examinerScores: [70, 72, 74], jointScore: 72 }) { state score } }`)).toEqual({ state: 'PASSED', score: 72 });

    const other = await student(90);
    const u = (await assign(other)).data.assignThesisTopic;
    const hearing = await run(`mutation($i: HearingInput!) { recordHearing(input: $i) { id } }`, { i: { studentId: other, subject: 'Thesis text', heldOn: '2026-04-20', statement: 'Heard' } });
    const failed = await run(`mutation($u: String!, $h: String!) { failThesisForDeception(thesisId: $u, input: { decidedOn: "2026-04-27", reason: "Copied chapters", hearingId: $h }) { state } }`, {
      u: u.id,
      h: hearing.data.recordHearing.id,
    });
    expect(failed.data.failThesisForDeception.state).toBe('FAILED');
  });

  it('a failed defence allows one more attempt; failing it too is permanent (§15 (2)); a third attempt is refused', async () => {
    const id = await student(90);
    const first = (await assign(id)).data.assignThesisTopic;
    await submit(first.id, '2026-06-01');
    await schedule(first.id, '2026-06-20');
    // §11 (2): one examiner's failing score fails the thesis even though the joint score passes.
    expect((await defend(first.id, [70, 65, 45], 60)).data.recordThesisDefenceResult.state).toBe('FAILED');
    const second = (await assign(id, '2026-09-01')).data.assignThesisTopic;
    expect(second.attempt).toBe(2);
    await submit(second.id, '2026-10-20');
    await schedule(second.id, '2026-11-12');
    expect((await defend(second.id, [40, 45, 48], 44)).data.recordThesisDefenceResult.state).toBe('PERMANENTLY_FAILED');
    const before = await thesisCount();
    expect(code(await assign(id, '2026-11-20'))).toBe('THESIS_ATTEMPT_LIMIT_EXCEEDED');
    expect(await thesisCount()).toBe(before);
  });

  it('§10 (8): the Academic Committee extends the defence period by up to four weeks, with a reason', async () => {
    const id = await student(90);
    const t = (await assign(id)).data.assignThesisTopic;
    await submit(t.id, '2026-06-01');
    // Eight weeks end on 27 July; 10 August is outside until the period is extended.
    expect(code(await schedule(t.id, '2026-08-10'))).toBe('THESIS_DEFENCE_OUTSIDE_WINDOW');
    const extend = (weeks: number, reason: string) =>
      run(`mutation { extendThesisDefencePeriod(input: { thesisId: "${t.id}", weeks: ${weeks}, decidedOn: "2026-07-01", reason: "${reason}" }) { id } }`);
    expect(code(await extend(2, ''))).toBe('REASON_REQUIRED');
    expect(code(await extend(5, 'Examiner abroad'))).toBe('THESIS_EXTENSION_NOT_ALLOWED');
    expect((await extend(3, 'Examiner on research leave')).errors).toBeUndefined();
    expect((await schedule(t.id, '2026-08-10')).data.setThesisDefenceDate.state).toBe('DEFENCE_SCHEDULED');
  });

  it('§11 (1): a Thesis Defence Committee of three members with doctorates per academic year; no defence without one', async () => {
    const [m1, m2, m3] = DEMO_COMMITTEES[0]!.members;
    expect(code(await appoint({ academicYear: 2027, appointedOn: '2026-11-20', members: [m1, m2] }))).toBe('THESIS_COMMITTEE_INVALID');
    expect(code(await appoint({ academicYear: 2027, appointedOn: '2026-11-20', members: [m1, m2, { ...m3, hasDoctorate: false }] }))).toBe('THESIS_COMMITTEE_INVALID');
    expect(code(await appoint({ academicYear: 2027, appointedOn: '2026-11-20', members: [m1, m1, m2] }))).toBe('THESIS_COMMITTEE_INVALID');
    expect(code(await appoint(DEMO_COMMITTEES[0]))).toBe('CONFLICT');
    const { data } = await run(`{ defenceCommittees { academicYear members { name hasDoctorate } } }`);
    expect(data.defenceCommittees.map((c: { academicYear: number }) => c.academicYear)).toEqual([2025, 2026]);
    // A defence in 2027/28, for which no committee is appointed: the service with its clock set to
    // the end of August 2027, so that every step before the defence is in the past.
    const id = await student(90);
    const later = new ThesisService(orm.em.fork(), { creditsEarned: async () => 90 }, () => '2027-08-31');
    const t = await later.assignTopic({ studentId: id, title: 'Interoperability governance in federal states', supervisor: m1!.name, assignedOn: '2027-05-03' });
    await later.submit(t.id, { boundCopies: 3, boundCopiesOn: '2027-08-20', digitalOn: '2027-08-20' });
    await expect(later.scheduleDefence(t.id, { defenceOn: '2027-09-10' })).rejects.toMatchObject({ code: 'THESIS_COMMITTEE_NOT_APPOINTED' });
    // §10 (2): nor a topic in 2024/25, which has no committee to supervise it.
    expect(code(await assign(await student(90), '2025-05-04'))).toBe('THESIS_COMMITTEE_NOT_APPOINTED');
    // §10 (2): a supervisor from outside the year's committee is its own error, not a committee one.
    const outsider = await run(`mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { id } }`, {
      i: { studentId: await student(90), title: 'Open data portals', supervisor: 'Dr. Not On The Committee', assignedOn: '2026-02-23' },
    });
    expect(code(outsider)).toBe('THESIS_SUPERVISOR_NOT_ON_COMMITTEE');
  });

  it('issue 11: concurrent steps on one thesis are serialised: one submission succeeds, the other answers THESIS_STATE_INVALID', async () => {
    const id = await student(90);
    const t = (await assign(id)).data.assignThesisTopic;
    const outcomes = await Promise.all([submit(t.id, '2026-06-01'), submit(t.id, '2026-06-02')]);
    expect(outcomes.filter((o) => !o.errors)).toHaveLength(1);
    expect(outcomes.filter((o) => o.errors).map(code)).toEqual(['THESIS_STATE_INVALID']);
  });

  it('issue 11: a thesis step may state the version it read; a stale one is VERSION_CONFLICT with the current version', async () => {
    const id = await student(90);
    const t = (await assign(id)).data.assignThesisTopic;
    const change = (title: string, v: number) =>
      run(`mutation($t: String!, $v: Int) { recordThesisTopicChange(input: { thesisId: $t, title: "${title}", changedOn: "2026-03-01", expectedVersion: $v }) { title version } }`, { t: t.id, v });
    const stale = await change('A topic from a stale screen', 2);
    expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 1, expectedVersion: 2 } });
    expect((await change('Digital identity and the elderly', 1)).data.recordThesisTopicChange).toEqual({ title: 'Digital identity and the elderly', version: 2 });
  });

  it('issue 11: no decision, hearing or appointment is dated in the future', async () => {
    const id = await student(30);
    const tomorrow = addDays(new Date().toISOString().slice(0, 10), 1);
    const decision = await run(`mutation($i: RecognitionDecisionInput!) { decideRecognition(input: $i) { id } }`, {
      i: { studentId: id, university: 'TTU', courseCode: 'TTU-TS', decidedOn: tomorrow, reason: 'Equivalent course in a prior MSc, staff consulted' },
    });
    expect(decision.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_DATE', details: { rule: 'NOT_IN_FUTURE' } });
    const hearing = await run(`mutation($i: HearingInput!) { recordHearing(input: $i) { id } }`, { i: { studentId: id, subject: 'Suspected plagiarism', heldOn: tomorrow, statement: 'Stated.' } });
    expect(code(hearing)).toBe('INVALID_DATE');
    expect(code(await appoint({ ...DEMO_COMMITTEES[0], academicYear: 2030, appointedOn: tomorrow }))).toBe('INVALID_DATE');
  });

  describe('Academic Committee decisions with reasons (§13, §20), adverse ones only after a hearing', () => {
    const hear = async (studentId: string, heldOn: string) =>
      (await run(`mutation($i: HearingInput!) { recordHearing(input: $i) { id } }`, { i: { studentId, subject: 'Suspected plagiarism', heldOn, statement: 'The student stated their case.' } })).data.recordHearing.id as string;

    it('§13 (3) records a recognition decision the university can cite', async () => {
      const id = await student(30);
      const r = await run(`mutation($i: RecognitionDecisionInput!) { decideRecognition(input: $i) { id kind university courseCode reason } }`, {
        i: { studentId: id, university: 'TTU', courseCode: 'TTU-TS', decidedOn: '2026-09-10', reason: 'Equivalent course in a prior MSc (Lisbon Convention), staff consulted' },
      });
      expect(r.data.decideRecognition).toMatchObject({ kind: 'RECOGNITION', university: 'TTU', courseCode: 'TTU-TS' });
      const listed = await run(`{ student(id: "${id}") { decisions { id kind } } }`);
      expect(listed.data.student.decisions).toEqual([{ id: r.data.decideRecognition.id, kind: 'RECOGNITION' }]);
      const bad = await run(`mutation($i: RecognitionDecisionInput!) { decideRecognition(input: $i) { id } }`, {
        i: { studentId: id, university: 'TTU', courseCode: 'not a code', decidedOn: '2026-09-10', reason: 'x y z' },
      });
      expect(code(bad)).toBe('UNKNOWN_COURSE');
    });

    it('§20 (2) fails a course examination for plagiarism only after the student was heard', async () => {
      const id = await student(30);
      const input = { studentId: id, university: 'MUENSTER', courseCode: 'MS-IRS', decidedOn: '2026-07-20', reason: 'Seminar paper copied in large parts (Local Coordinator report)' };
      const mutation = `mutation($i: PlagiarismDecisionInput!) { failExaminationForPlagiarism(input: $i) { kind hearing { heldOn } } }`;
      expect(code(await run(mutation, { i: { ...input, hearingId: '00000000-0000-4000-8000-000000000000' } }))).toBe('HEARING_REQUIRED');
      // A hearing after the decision does not count.
      expect(code(await run(mutation, { i: { ...input, hearingId: await hear(id, '2026-07-25') } }))).toBe('HEARING_REQUIRED');
      const done = await run(mutation, { i: { ...input, hearingId: await hear(id, '2026-07-15') } });
      expect(done.data.failExaminationForPlagiarism).toEqual({ kind: 'EXAMINATION_FAILED_FOR_PLAGIARISM', hearing: { heldOn: '2026-07-15' } });
    });

    it('§20 (1) deception in the thesis fails the attempt, after a hearing', async () => {
      const id = await student(90);
      const t = (await assign(id)).data.assignThesisTopic;
      const fail = (hearingId: string) =>
        run(`mutation($i: FailThesisAttemptForDeceptionInput!) { failThesisAttemptForDeception(input: $i) { state } }`, {
          i: { thesisId: t.id, decidedOn: '2026-05-04', reason: 'Unauthorised text generation, confirmed by the plagiarism check', hearingId },
        });
      expect(code(await fail('nope'))).toBe('HEARING_REQUIRED');
      expect((await fail(await hear(id, '2026-04-28'))).data.failThesisAttemptForDeception.state).toBe('FAILED');
      const s = await run(`{ student(id: "${id}") { theses { state } decisions { kind } } }`);
      expect(s.data.student).toEqual({ theses: [{ state: 'FAILED' }], decisions: [{ kind: 'THESIS_FAILED_FOR_DECEPTION' }] });
    });
  });

  describe('bad input: a coded error, and nothing written', () => {
    let open: string;
    let studentId: string;
    beforeAll(async () => {
      studentId = await student(96);
      open = (await assign(studentId)).data.assignThesisTopic.id;
    });

    it.each([
      ['below 90 credits (counted by the federation)', async () => assign(await student(84)), 'THESIS_NOT_ELIGIBLE'],
      ['a topic assigned twice', async () => assign(studentId), 'THESIS_TOPIC_ALREADY_ASSIGNED'],
      ['a topic change after four weeks', async () => run(`mutation { recordThesisTopicChange(input: { thesisId: "${open}", title: "Another topic", changedOn: "2026-03-30" }) { id } }`), 'THESIS_TOPIC_CHANGE_NOT_ALLOWED'],
      ['an extension longer than twelve weeks', async () => extend(open, 13, '2026-05-01'), 'THESIS_EXTENSION_NOT_ALLOWED'],
      ['an extension requested after the deadline', async () => extend(open, 2, '2026-06-16'), 'THESIS_EXTENSION_NOT_ALLOWED'],
      ['an extension without a reason', async () => extend(open, 2, '2026-05-01', ''), 'REASON_REQUIRED'],
      // Since 0.2 the schema requires both dates (RecordThesisSubmissionInput); the deprecated submitThesis still gets the rule's code.
      ['a submission without the digital version', async () => submit(open, '2026-06-01', 3, null), 'BAD_USER_INPUT'],
      [
        'a submission without the digital version (0.1 submitThesis)',
        async () => run(`mutation { submitThesis(thesisId: "${open}", input: { boundCopies: 3, boundCopiesOn: "2026-06-01" }) { id } }`),
        'THESIS_SUBMISSION_INCOMPLETE',
      ],
      ['a submission with two bound copies', async () => submit(open, '2026-06-01', 2), 'THESIS_SUBMISSION_INCOMPLETE'],
      ['a late submission', async () => submit(open, '2026-06-16'), 'THESIS_SUBMISSION_INCOMPLETE'],
      ['a defence before the submission', async () => schedule(open, '2026-07-01'), 'THESIS_STATE_INVALID'],
      ['a malformed date', async () => assign(await student(90), '23.02.2026'), 'INVALID_DATE'],
      ['an unknown student', async () => assign('00000000-0000-4000-8000-000000000000'), 'UNKNOWN_STUDENT'],
    ])('%s → %s', async (_what, act, expected) => {
      const before = await thesisCount();
      const versions = await orm.em.fork().getConnection().execute('select id, state, title, extension_weeks, submitted_on from thesis order by id');
      expect(code(await act())).toBe(expected);
      expect(await thesisCount()).toBe(before);
      expect(await orm.em.fork().getConnection().execute('select id, state, title, extension_weeks, submitted_on from thesis order by id')).toEqual(versions);
    });

    it('a defence outside its window, a committee score out of range, a committee of two', async () => {
      await submit(open, '2026-06-10');
      expect(code(await schedule(open, '2026-08-20'))).toBe('THESIS_DEFENCE_OUTSIDE_WINDOW');
      await schedule(open, '2026-07-01');
      expect(code(await defend(open, [70, 101, 80], 80))).toBe('POINTS_OUT_OF_RANGE');
      expect(code(await defend(open, [70, 80], 75))).toBe('THESIS_EXAMINER_SCORES_INCOMPLETE');
      const still = await run(`{ student(id: "${studentId}") { theses { state score } } }`);
      expect(still.data.student.theses).toEqual([{ state: 'DEFENCE_SCHEDULED', score: null }]);
    });
  });
});
