import { randomUUID } from 'node:crypto';
import { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@pioneer/shared/persistence';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { freshDatabase } from '../../../test/support/databases.js';
import { actingAs } from '../../../test/support/principals.js';
import { execute, testServer } from '../../../test/support/graphql.js';
import type { UniversityContext } from './context.js';
import type { ConsortiumRegister } from './modules/enrolment/consortium-register.client.js';
import { CatalogueService } from './modules/catalogue/catalogue.service.js';
import { EnrolmentService } from './modules/enrolment/enrolment.service.js';
import { ExaminationService } from './modules/examinations/examination.service.js';
import { ExamResult } from './modules/examinations/exam-result.entity.js';
import type { UniversityProfile } from './profile.js';
import { buildUniversitySchema, openUniversityDatabase, universityContext } from './subgraph.js';

/** What 73 points on every examination gives on each scale (§16 (1), (3); docs/regulations.md). */
const AT_73: Record<string, { localGrade: string; label: string }> = {
  LEUVEN: { localGrade: '14', label: 'GOOD' },
  MUENSTER: { localGrade: '2.7', label: 'SATISFACTORY' },
  TTU: { localGrade: '3', label: 'GOOD' },
};

describe.each([leuven, muenster, ttu])('$name subgraph', (profile: UniversityProfile) => {
  let orm: MikroORM;
  let server: ApolloServer<UniversityContext>;
  let context: () => UniversityContext;
  const students: string[] = Array.from({ length: 200 }, () => randomUUID());
  const [first] = students as [string];
  const course = profile.catalogue[0]!;
  /** The committee's recognition decision for students[5] (§13 (3)); every test student is admitted on 15 May 2025. */
  const decision = randomUUID();
  const register: ConsortiumRegister = {
    admission: async (id) => (students.includes(id) ? { decidedOn: '2025-05-15' } : null),
    decisions: async (id) => (id === students[5] ? [{ id: decision, kind: 'RECOGNITION', decidedOn: '2026-09-10', university: profile.code, courseCode: course.code }] : []),
  };

  beforeAll(async () => {
    orm = await openUniversityDatabase(await freshDatabase(profile.field));
    await new CatalogueService(orm.em.fork(), profile).seedCatalogue();
    const enrolments = new EnrolmentService(orm.em.fork(), profile);
    for (const [i, id] of students.entries()) await enrolments.enrol({ studentId: id, studentNumber: profile.studentNumber(i + 1), enrolledOn: '2025-09-15' }, register);
    const exams = new ExaminationService(orm.em.fork(), profile);
    for (const c of course.components) {
      await exams.register({ studentId: first, courseCode: course.code, componentKey: c.key, attempt: 1, registeredOn: '2026-01-05' });
      const value = c.kind === 'SCORED' ? { points: 73 } : { passed: true };
      await exams.recordResult({ studentId: first, courseCode: course.code, componentKey: c.key, attempt: 1, status: 'GRADED', examinedOn: '2026-01-20', examiner: 'Prof. X', ...value }, 'test');
    }
    server = await testServer<UniversityContext>(await buildUniversitySchema(profile));
    context = actingAs(universityContext(orm, profile, () => register));
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
  });

  const entities = (ids: string[]) =>
    execute(
      server,
      context(),
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id ${profile.field} { university enrolled studentNumber creditsEarned courses { code credits score localGrade label state completed permanentlyFailed attemptsUsed attemptsLeft } } } } }`,
      { r: ids.map((id) => ({ __typename: 'Student', id })) },
    );

  it('contributes the student’s record to the federated Student, graded on its own scale through the engine', async () => {
    const { data, errors } = await entities([first]);
    expect(errors).toBeUndefined();
    const record = data._entities[0][profile.field];
    expect(record).toMatchObject({ university: profile.code, enrolled: true, studentNumber: profile.studentNumber(1), creditsEarned: course.credits });
    expect(record.courses).toHaveLength(profile.catalogue.length);
    const done = record.courses.find((c: { code: string }) => c.code === course.code);
    expect(done).toMatchObject({ score: 73, ...AT_73[profile.code], state: 'COMPLETED', completed: true, attemptsUsed: 1, attemptsLeft: 0 });
    const untouched = record.courses.find((c: { code: string }) => c.code !== course.code);
    expect(untouched).toMatchObject({ state: 'NOT_STARTED', completed: false, score: null });
  });

  it('an unknown or malformed student id gets an empty, not-enrolled record, not an error', async () => {
    const { data, errors } = await entities([randomUUID(), 'not-a-uuid']);
    expect(errors).toBeUndefined();
    expect(data._entities.map((s: any) => s[profile.field].enrolled)).toEqual([false, false]);
  });

  it('resolves 1 and 200 student references with the same number of SQL statements (batched)', async () => {
    const counter = countStatements(orm);
    await entities([first]);
    const forOne = counter.count;
    const forOneText = counter.statements.slice(-3);
    counter.reset();
    const { data } = await entities(students);
    expect(data._entities).toHaveLength(200);
    expect(counter.count).toBe(forOne);
    expect(forOne).toBeLessThanOrEqual(4);
    // The ids travel as array parameters: the record's statements read the same for 1 and 200.
    expect(counter.statements.slice(-3)).toEqual(forOneText);
  });

  it('reads records as plain rows: three statements once the catalogue is cached, which an edit of the catalogue refreshes', async () => {
    const counter = countStatements(orm);
    await entities([first]);
    counter.reset();
    await entities(students);
    expect(counter.statements.every((sql) => /^select/i.test(sql.trim()))).toBe(true);
    expect(counter.count).toBe(3);
    // Not the course the catalogue-change tests below edit (profile.catalogue[1]).
    const other = profile.catalogue.find((c) => c.code !== course.code && c.code !== profile.catalogue[1]!.code)!;
    await new CatalogueService(orm.em.fork(), profile).updateCourse(other.code, { title: `${other.title} (revised)`, reason: 'Title corrected' }, 'test');
    counter.reset();
    const { data } = await execute(server, context(), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { ${profile.field} { courses { code title } } } } }`, {
      r: [{ __typename: 'Student', id: first }],
    });
    // The catalogue is read again (a fourth statement) and the new title is in the record.
    expect(counter.count).toBe(4);
    expect(data._entities[0][profile.field].courses.find((c: { code: string }) => c.code === other.code).title).toBe(`${other.title} (revised)`);
    await new CatalogueService(orm.em.fork(), profile).updateCourse(other.code, { title: other.title, reason: 'Title restored' }, 'test');
  });

  it('reads a page\'s results through the results\' own enrolment index, not by joining every result of the university (issue 16)', async () => {
    const knex = orm.em.getConnection().getKnex();
    const seen: { sql: string; bindings: unknown[] }[] = [];
    const listener = (q: { sql: string; bindings: unknown[] }) => seen.push(q);
    knex.on('query', listener);
    try {
      await entities(students);
    } finally {
      knex.off('query', listener);
    }
    const attempts = seen.find((q) => /left join exam_result/.test(q.sql))!;
    expect(attempts).toBeDefined();
    // The plan PostgreSQL would take on a large university: with a sequential scan priced out,
    // as it is when the results of a page are a small share of all results.
    const plan = await knex.transaction(async (trx) => {
      await trx.raw('set local enable_seqscan = off');
      // The statement as sent: PostgreSQL's numbered parameters, each list of ids one array.
      return JSON.stringify((await trx.raw(`explain (format json) ${attempts.sql.replace(/\$\d+/g, '?')}`, attempts.bindings as never[])).rows);
    });
    expect(plan).toMatch(/"Index Name":"exam_result_enrolment_id_index"/);
  });

  it('lists its catalogue under its own name (§7 (3)), "courses" for all three since 0.2', async () => {
    const field = `${profile.field}Courses`;
    const { data, errors } = await execute(server, context(), `{ ${field} { code credits semester examinations { key kind weight maxAttempts } } }`);
    expect(errors).toBeUndefined();
    expect(data[field]).toHaveLength(profile.catalogue.length);
    expect(data[field].reduce((sum: number, c: { credits: number }) => sum + c.credits, 0)).toBe(30);
    expect(new Set(data[field].map((c: { semester: number }) => c.semester))).toEqual(new Set([profile.semester]));
  });

  describe('attempts, retakes, recognition and rectification through the engine', () => {
    const scored = course.components.find((c) => c.kind === 'SCORED')!;
    const exams = () => new ExaminationService(orm.em.fork(), profile);
    const sit = async (studentId: string, attempt: number, points: number) => {
      await exams().register({ studentId, courseCode: course.code, componentKey: scored.key, attempt, registeredOn: '2026-01-05' });
      return exams().recordResult({ studentId, courseCode: course.code, componentKey: scored.key, attempt, status: 'GRADED', examinedOn: '2026-01-20', examiner: 'Prof. X', points }, 'test');
    };
    const recordOf = async (studentId: string) => {
      const { data } = await entities([studentId]);
      return data._entities[0][profile.field].courses.find((c: { code: string }) => c.code === course.code);
    };

    it('a failed first sitting leaves a retake; failing it too makes the course permanently failed (§15 (4))', async () => {
      const id = students[2]!;
      await sit(id, 1, 30);
      expect(await recordOf(id)).toMatchObject({ state: 'FAILED_RETAKE_POSSIBLE', attemptsUsed: 1, attemptsLeft: 1, completed: false });
      await sit(id, 2, 35);
      expect(await recordOf(id)).toMatchObject({ state: 'PERMANENTLY_FAILED', permanentlyFailed: true, attemptsLeft: 0 });
      await expect(exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 3, registeredOn: '2026-09-01' })).rejects.toMatchObject({
        code: 'ATTEMPT_LIMIT_EXCEEDED',
      });
    });

    it('a failing result carries its grade on the scale: Münster 49 → 5.0, TalTech 50 → 0, Leuven 49 → 9 (§16 (1))', async () => {
      const id = students[5]!;
      const failing = { LEUVEN: { points: 49, grade: '9' }, MUENSTER: { points: 49, grade: '5.0' }, TTU: { points: 50, grade: '0' } }[profile.code];
      await sit(id, 1, failing.points);
      const { data, errors } = await execute(
        server,
        context(),
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { ${profile.field} { courses { code state score localGrade label attempts { attempt points examinedOn localGrade label outcome } } } } } }`,
        { r: [{ __typename: 'Student', id }] },
      );
      expect(errors).toBeUndefined();
      const c = data._entities[0][profile.field].courses.find((x: { code: string }) => x.code === course.code);
      expect(c.attempts).toEqual([{ attempt: 1, points: failing.points, examinedOn: '2026-01-20', localGrade: failing.grade, label: 'FAIL', outcome: 'FAILED' }]);
      expect(c.state).toBe('FAILED_RETAKE_POSSIBLE');
      // With a single scored examination the course has a score, so the course shows the fail grade too.
      if (course.components.filter((x) => x.kind === 'SCORED').length === 1 && course.components.length === 1) {
        expect(c).toMatchObject({ score: failing.points, localGrade: failing.grade, label: 'FAIL' });
      }
    });

    it('a passed examination takes no further attempt', async () => {
      const id = students[3]!;
      await sit(id, 1, 80);
      await expect(exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 2, registeredOn: '2026-09-01' })).rejects.toMatchObject({
        code: 'ATTEMPT_OUT_OF_ORDER',
      });
    });

    it('a rectification the engine cannot accept (a pass before a later attempt) is refused and writes nothing', async () => {
      const id = students[4]!;
      const first = await sit(id, 1, 20);
      await sit(id, 2, 75);
      const versions = () => orm.em.fork().getConnection().execute('select count(*)::int as n from result_version');
      const before = await versions();
      await expect(exams().rectify(first.id, { status: 'GRADED', points: 60, examinedOn: '2026-01-20', examiner: 'Prof. X' }, 'Re-marked', 'test')).rejects.toMatchObject({
        code: 'ATTEMPT_OUT_OF_ORDER',
      });
      expect(await versions()).toEqual(before);
      // The retake stands; the course waits for its other examinations.
      expect(await recordOf(id)).toMatchObject({ state: course.components.length > 1 ? 'IN_PROGRESS' : 'COMPLETED', attemptsUsed: 2, permanentlyFailed: false });
    });

    it('§13 recognition counts the credits and is shown as such; failing points are refused', async () => {
      const id = students[5]!;
      await expect(
        exams().recognise({ studentId: id, courseCode: course.code, decisionReference: decision, decidedOn: '2026-09-10', points: 20 }, 'test', register),
      ).rejects.toMatchObject({ code: 'POINTS_OUT_OF_RANGE' });
      await exams().recognise({ studentId: id, courseCode: course.code, decisionReference: decision, decidedOn: '2026-09-10', points: null }, 'test', register);
      const { data } = await entities([id]);
      const record = data._entities[0][profile.field];
      expect(record.creditsEarned).toBe(course.credits);
      expect(record.courses.find((c: { code: string }) => c.code === course.code)).toMatchObject({ state: 'RECOGNISED', completed: true });
    });
  });

  describe('issue 11: every write is checked against the whole record, before it is written', () => {
    const scored = course.components.find((c) => c.kind === 'SCORED')!;
    const exams = () => new ExaminationService(orm.em.fork(), profile);
    const count = async (table: string) => (await orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`))[0]!.n as number;
    const value = (points: number, examinedOn = '2026-01-20') => ({ status: 'GRADED' as const, points, examinedOn, examiner: 'Prof. X' });
    const fail = profile.code === 'TTU' ? 40 : 30;

    it('the office sequence fail → register attempt 2 → rectify attempt 1 to a pass → record attempt 2 cannot leave an unreadable record', async () => {
      const id = students[10]!;
      await exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn: '2026-01-05' });
      const first = await exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, ...value(fail) }, 'test');
      await exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 2, registeredOn: '2026-08-01' });
      const versions = await count('result_version');
      // Attempt 2 is registered: a pass on attempt 1 would leave a retake after a pass (§15 (4)).
      await expect(exams().rectify(first.id, value(70), 'Re-marked after review', 'test')).rejects.toMatchObject({
        code: 'ATTEMPT_OUT_OF_ORDER',
        details: expect.objectContaining({ rule: 'ATTEMPT_OUT_OF_ORDER', section: expect.stringContaining('§15 (4)') }),
      });
      expect(await count('result_version')).toBe(versions);
      await exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 2, ...value(72, '2026-08-20') }, 'test');
      const { data, errors } = await entities([id]);
      expect(errors).toBeUndefined();
      expect(data._entities[0][profile.field].courses.find((c: { code: string }) => c.code === course.code)).toMatchObject({ attemptsUsed: 2 });
    });

    it('dates: no registration before the enrolment or in the future, no result before its registration or in the future', async () => {
      const id = students[11]!;
      const register = (registeredOn: string) => exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn });
      await expect(register('2025-09-01')).rejects.toMatchObject({ code: 'INVALID_DATE', details: expect.objectContaining({ rule: 'REGISTRATION_AFTER_ENROLMENT' }) });
      await expect(register('2999-01-01')).rejects.toMatchObject({ code: 'INVALID_DATE', details: expect.objectContaining({ rule: 'NOT_IN_FUTURE' }) });
      expect(await count(`registration r join enrolment e on e.id = r.enrolment_id where e.student_id = '${id}'`)).toBe(0);
      await register('2026-01-05');
      const record = (examinedOn: string) => exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, ...value(70, examinedOn) }, 'test');
      await expect(record('2026-01-04')).rejects.toMatchObject({ code: 'INVALID_DATE', details: expect.objectContaining({ rule: 'RESULT_AFTER_REGISTRATION' }) });
      await expect(record('2999-01-01')).rejects.toMatchObject({ code: 'INVALID_DATE', details: expect.objectContaining({ rule: 'NOT_IN_FUTURE' }) });
    });

    it('only a student the consortium admitted is enrolled, not before the admission (§4 (1) d)', async () => {
      const enrolments = () => new EnrolmentService(orm.em.fork(), profile);
      const before = await count('enrolment');
      await expect(enrolments().enrol({ studentId: randomUUID(), studentNumber: profile.studentNumber(900), enrolledOn: '2025-09-15' }, register)).rejects.toMatchObject({ code: 'NOT_ADMITTED' });
      const admittedLate: ConsortiumRegister = { admission: async () => ({ decidedOn: '2025-10-01' }), decisions: async () => [] };
      await expect(enrolments().enrol({ studentId: randomUUID(), studentNumber: profile.studentNumber(901), enrolledOn: '2025-09-15' }, admittedLate)).rejects.toMatchObject({
        code: 'INVALID_DATE',
        details: expect.objectContaining({ rule: 'ENROLMENT_AFTER_ADMISSION' }),
      });
      expect(await count('enrolment')).toBe(before);
    });

    it('a recognition must cite an existing committee decision for this student and course (§13 (3))', async () => {
      const before = await count('recognition');
      const recognise = (studentId: string, decisionReference: string) =>
        exams().recognise({ studentId, courseCode: course.code, decisionReference, decidedOn: '2026-09-10', points: null }, 'test', register);
      await expect(recognise(students[12]!, 'AC-2026-999')).rejects.toMatchObject({ code: 'UNKNOWN_DECISION' });
      // Another student's decision is not this student's.
      await expect(recognise(students[12]!, decision)).rejects.toMatchObject({ code: 'UNKNOWN_DECISION' });
      expect(await count('recognition')).toBe(before);
    });

    it('optimistic concurrency: a stale expectedVersion → VERSION_CONFLICT with the current version; nothing written', async () => {
      const id = students[13]!;
      await exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn: '2026-01-05' });
      const result = await exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, ...value(70) }, 'test');
      await exams().rectify(result.id, value(71), 'Addition error', 'test', 1);
      const versions = await count('result_version');
      await expect(exams().rectify(result.id, value(90), 'From a stale screen', 'test', 1)).rejects.toMatchObject({
        code: 'VERSION_CONFLICT',
        details: expect.objectContaining({ currentVersion: 2, expectedVersion: 1 }),
      });
      expect(await count('result_version')).toBe(versions);
      expect(await exams().rectify(result.id, value(72), 'Second look', 'test', 2)).toMatchObject({ version: 3, points: 72 });
    });

    it('item 2: a record made unreadable in the database is marked on that student only; the batch is served in full', async () => {
      const id = students[15]!;
      await exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn: '2026-01-05' });
      const result = await exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, ...value(70) }, 'test');
      // Around every check of the hub: points no scale has.
      await orm.em.fork().getConnection().execute('update exam_result set points = 250 where id = ?', [result.id]);
      const { data, errors } = await entities([first, id, students[16]!]);
      expect(errors).toBeUndefined();
      const [ok, broken, other] = data._entities.map((s: Record<string, any>) => s[profile.field]);
      expect(ok.courses).toHaveLength(profile.catalogue.length);
      expect(ok.creditsEarned).toBe(course.credits);
      expect(other.courses).toHaveLength(profile.catalogue.length);
      expect(broken.courses.map((c: { code: string }) => c.code)).not.toContain(course.code);
      const unreadable = await execute(server, context(), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { ${profile.field} { unreadable { rule courseCode } } } } }`, {
        r: [{ __typename: 'Student', id }],
      });
      expect(unreadable.data._entities[0][profile.field].unreadable).toEqual({ rule: 'POINTS_OUT_OF_RANGE', courseCode: course.code });
    });

    it('concurrent corrections of one result from the same version: one succeeds, the others answer VERSION_CONFLICT (one code)', async () => {
      const id = students[14]!;
      await exams().register({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn: '2026-01-05' });
      const result = await exams().recordResult({ studentId: id, courseCode: course.code, componentKey: scored.key, attempt: 1, ...value(70) }, 'test');
      const outcomes = await Promise.allSettled([71, 72, 73, 74].map((p) => exams().rectify(result.id, value(p), 'Concurrent correction', 'test', 1)));
      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'rejected').map((o) => (o as PromiseRejectedResult).reason.code)).toEqual(['VERSION_CONFLICT', 'VERSION_CONFLICT', 'VERSION_CONFLICT']);
      // Without a stated version the corrections are serialised: each lands as its own version, no clash.
      const unversioned = await Promise.allSettled([75, 76].map((p) => exams().rectify(result.id, value(p), 'Concurrent correction', 'test')));
      expect(unversioned.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
      expect(await count(`result_version where result_id = '${result.id}'`)).toBe(4);
    });
  });

  describe('issue 11: catalogue weights bounded, every change recorded with who, when and why', () => {
    const update = `${profile.field}EditCourse`;
    const code = profile.catalogue[1]!.code;
    const run = (input: Record<string, unknown>) =>
      execute(server, context(), `mutation($i: EditCourseInput!) { ${update}(input: $i) { code title overallWeight version } }`, { i: { courseCode: code, ...input } });
    const changes = async () =>
      (await execute(server, context(), `query($c: String!) { ${profile.field}CatalogueChanges(code: $c) { field oldValue newValue reason changedBy } }`, { c: code })).data[`${profile.field}CatalogueChanges`];

    it('a weight of 2,147,483,647 (or 0, or 31) is refused with INVALID_WEIGHT; nothing changes', async () => {
      for (const overallWeight of [2_147_483_647, 0, 31]) {
        expect((await run({ overallWeight, reason: 'Course description 2026' })).errors?.[0]?.extensions?.code).toBe('INVALID_WEIGHT');
      }
      expect(await changes()).toEqual([]);
    });

    it('a change needs its reason and is recorded with who and why; a stale version is VERSION_CONFLICT', async () => {
      // The schema requires a reason (EditCourseInput.reason: String!); a blank one is refused by the rule.
      expect((await run({ overallWeight: 9 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await run({ overallWeight: 9, reason: ' ' })).errors?.[0]?.extensions?.code).toBe('REASON_REQUIRED');
      const done = await run({ overallWeight: 9, reason: 'Course description 2026/27: weight 9', expectedVersion: 1 });
      expect(done.errors).toBeUndefined();
      expect(done.data[update]).toMatchObject({ overallWeight: 9, version: 2 });
      const stale = await run({ overallWeight: 12, reason: 'From an old screen', expectedVersion: 1 });
      expect(stale.errors?.[0]?.extensions).toMatchObject({ code: 'VERSION_CONFLICT', details: { currentVersion: 2, expectedVersion: 1 } });
      expect(await changes()).toEqual([{ field: 'overallWeight', oldValue: null, newValue: '9', reason: 'Course description 2026/27: weight 9', changedBy: expect.any(String) }]);
    });

    it('control characters in a title (or any text argument) are refused with INVALID_TEXT; nothing changes', async () => {
      for (const title of ['Public\u0007 Administration', 'Line\nbreak', 'Bidi \u2028 separator', 'NUL \u0000']) {
        const r = await run({ title, reason: 'Typo' });
        expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_TEXT');
      }
      const r = await execute(server, context(), `query($c: String!) { ${profile.field}CatalogueChanges(code: $c) { field } }`, { c: 'LEU\u0000' });
      expect(r.errors?.[0]?.extensions?.code).toBe('INVALID_TEXT');
      expect((await changes()).filter((c: { field: string }) => c.field === 'title')).toEqual([]);
      // Printable text of any script is fine.
      expect((await run({ title: 'Innovación y gobernanza — Ülevaade 電子政府', reason: 'Title of the 2026 description' })).errors).toBeUndefined();
    });
  });

  describe('bad input gets a coded error and writes nothing', () => {
    const scored = course.components.find((c) => c.kind === 'SCORED')!;
    const base = { studentId: students[1]!, courseCode: course.code, componentKey: scored.key, attempt: 1, status: 'GRADED' as const, examinedOn: '2026-01-20', examiner: 'Prof. X' };
    const results = () => orm.em.fork().count(ExamResult, {});
    const exams = () => new ExaminationService(orm.em.fork(), profile);

    beforeAll(async () => {
      await exams().register({ studentId: students[1]!, courseCode: course.code, componentKey: scored.key, attempt: 1, registeredOn: '2026-01-05' });
    });

    it.each([
      ['points above 100', { points: 101 }, 'POINTS_OUT_OF_RANGE'],
      ['negative points', { points: -1 }, 'POINTS_OUT_OF_RANGE'],
      ['points not whole', { points: 72.5 }, 'POINTS_NOT_INTEGER'],
      ['pass / fail on a scored examination', { passed: true }, 'PASS_FAIL_ON_SCORED_EXAMINATION'],
      ['a result without registration', { points: 70, attempt: 2 }, 'NOT_REGISTERED'],
      ['an unknown course', { points: 70, courseCode: `${course.code.split('-')[0]}-NOPE` }, 'UNKNOWN_COURSE'],
      ['a course of another university', { points: 70, courseCode: profile.code === 'LEUVEN' ? 'TTU-TS' : 'LEU-BIS' }, 'COURSE_OF_ANOTHER_UNIVERSITY'],
      ['a student not enrolled here', { points: 70, studentId: randomUUID() }, 'STUDENT_NOT_ENROLLED'],
      ['a malformed date', { points: 70, examinedOn: '2026-02-30' }, 'INVALID_DATE'],
    ])('%s → %s', async (_what, change, code) => {
      const before = await results();
      await expect(exams().recordResult({ ...base, ...change }, 'test')).rejects.toMatchObject({ code });
      expect(await results()).toBe(before);
    });

    it('a second result for the same attempt → RESULT_ALREADY_RECORDED; an attempt beyond the maximum → ATTEMPT_LIMIT_EXCEEDED', async () => {
      await exams().recordResult({ ...base, points: 40 }, 'test');
      const before = await results();
      await expect(exams().recordResult({ ...base, points: 80 }, 'test')).rejects.toMatchObject({ code: 'RESULT_ALREADY_RECORDED' });
      await expect(
        exams().register({ studentId: base.studentId, courseCode: course.code, componentKey: scored.key, attempt: scored.maxAttempts ?? 3, registeredOn: '2026-08-01' }),
      ).rejects.toMatchObject({ code: (scored.maxAttempts ?? 2) >= 3 ? 'ATTEMPT_OUT_OF_ORDER' : 'ATTEMPT_LIMIT_EXCEEDED' });
      expect(await results()).toBe(before);
    });

    it('a rectification without a reason → REASON_REQUIRED; with one, every version is kept (§21)', async () => {
      const result = await orm.em.fork().findOneOrFail(ExamResult, { registration: { enrolment: { studentId: base.studentId } } });
      await expect(exams().rectify(result.id, { status: 'GRADED', points: 55, examinedOn: '2026-01-20', examiner: 'Prof. X' }, ' ', 'test')).rejects.toMatchObject({
        code: 'REASON_REQUIRED',
      });
      const fixed = await exams().rectify(result.id, { status: 'GRADED', points: 55, examinedOn: '2026-01-20', examiner: 'Prof. X' }, 'Addition error on the cover sheet', 'test');
      expect(fixed).toMatchObject({ points: 55, version: 2 });
      const versions = await orm.em.getConnection().execute('select version, points, reason from result_version where result_id = ? order by version', [result.id]);
      expect(versions).toEqual([
        { version: 1, points: 40, reason: null },
        { version: 2, points: 55, reason: 'Addition error on the cover sheet' },
      ]);
    });
  });
});
