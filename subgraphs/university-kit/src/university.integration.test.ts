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
  const students = Array.from({ length: 200 }, () => randomUUID());
  const [first] = students as [string];
  const course = profile.catalogue[0]!;

  beforeAll(async () => {
    orm = await openUniversityDatabase(await freshDatabase(profile.field));
    await new CatalogueService(orm.em.fork(), profile).seedCatalogue();
    const enrolments = new EnrolmentService(orm.em.fork(), profile);
    for (const [i, id] of students.entries()) await enrolments.enrol({ studentId: id, studentNumber: profile.studentNumber(i + 1), enrolledOn: '2025-09-15' });
    const exams = new ExaminationService(orm.em.fork(), profile);
    for (const c of course.components) {
      await exams.register({ studentId: first, courseCode: course.code, componentKey: c.key, attempt: 1, registeredOn: '2026-01-05' });
      const value = c.kind === 'SCORED' ? { points: 73 } : { passed: true };
      await exams.recordResult({ studentId: first, courseCode: course.code, componentKey: c.key, attempt: 1, status: 'GRADED', examinedOn: '2026-01-20', examiner: 'Prof. X', ...value }, 'test');
    }
    server = await testServer<UniversityContext>(await buildUniversitySchema(profile));
    context = actingAs(universityContext(orm, profile));
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
    counter.reset();
    const { data } = await entities(students);
    expect(data._entities).toHaveLength(200);
    expect(counter.count).toBe(forOne);
    expect(forOne).toBeLessThanOrEqual(4);
  });

  it('reads records as plain rows: three statements once the catalogue is cached, which an edit of the catalogue refreshes', async () => {
    const counter = countStatements(orm);
    await entities([first]);
    counter.reset();
    await entities(students);
    expect(counter.statements.every((sql) => /^select/i.test(sql.trim()))).toBe(true);
    expect(counter.count).toBe(3);
    const other = profile.catalogue.find((c) => c.code !== course.code)!;
    await new CatalogueService(orm.em.fork(), profile).updateCourse(other.code, { title: `${other.title} (revised)` });
    counter.reset();
    const { data } = await execute(server, context(), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { ${profile.field} { courses { code title } } } } }`, {
      r: [{ __typename: 'Student', id: first }],
    });
    // The catalogue is read again (a fourth statement) and the new title is in the record.
    expect(counter.count).toBe(4);
    expect(data._entities[0][profile.field].courses.find((c: { code: string }) => c.code === other.code).title).toBe(`${other.title} (revised)`);
    await new CatalogueService(orm.em.fork(), profile).updateCourse(other.code, { title: other.title });
  });

  it('lists its catalogue under its own name and word (§7 (3))', async () => {
    const field = `${profile.field}${profile.noun.plural[0]!.toUpperCase()}${profile.noun.plural.slice(1)}`;
    const { data, errors } = await execute(server, context(), `{ ${field} { code credits semester components { key kind weight maxAttempts } } }`);
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
        exams().recognise({ studentId: id, courseCode: course.code, decisionReference: 'AC-2026-001', decidedOn: '2026-09-10', points: 20 }, 'test'),
      ).rejects.toMatchObject({ code: 'POINTS_OUT_OF_RANGE' });
      await exams().recognise({ studentId: id, courseCode: course.code, decisionReference: 'AC-2026-002', decidedOn: '2026-09-10', points: null }, 'test');
      const { data } = await entities([id]);
      const record = data._entities[0][profile.field];
      expect(record.creditsEarned).toBe(course.credits);
      expect(record.courses.find((c: { code: string }) => c.code === course.code)).toMatchObject({ state: 'RECOGNISED', completed: true });
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
      ['pass / fail on a scored examination', { passed: true }, 'PASS_FAIL_ON_SCORED_COMPONENT'],
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
