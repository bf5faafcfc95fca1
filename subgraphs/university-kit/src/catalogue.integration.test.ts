import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { principalFromClaims } from '@pioneer/shared/auth';
import { isDomainError } from '@pioneer/shared/errors';
import { grantServingRole, ormConfig, prepareDatabaseRoles } from '@pioneer/shared/persistence';
import { profile as leuven } from '@pioneer/leuven';
import { DEMO_ROLES } from '../../../scripts/lib/tokens.js';
import { freshDatabase } from '../../../test/support/databases.js';
import { actingAs } from '../../../test/support/principals.js';
import { execute, testServer } from '../../../test/support/graphql.js';
import { universityAppendOnlyTables } from './append-only.js';
import type { UniversityContext } from './context.js';
import { universityEntities } from './entities.js';
import { migrations } from './migrations/index.js';
import type { ConsortiumRegister } from './modules/enrolment/consortium-register.client.js';
import { CatalogueEditionService, type ExaminationSpec } from './modules/catalogue/catalogue-edition.service.js';
import { CatalogueService } from './modules/catalogue/catalogue.service.js';
import { Course } from './modules/catalogue/course.entity.js';
import { CatalogueChange } from './modules/catalogue/catalogue-change.entity.js';
import { EnrolmentService } from './modules/enrolment/enrolment.service.js';
import { ExaminationService } from './modules/examinations/examination.service.js';
import { Registration } from './modules/examinations/registration.entity.js';
import { CatalogueCache } from './modules/student-record/student-record.query.js';
import { loadStudentRecords } from './modules/student-record/student-record.service.js';
import { buildUniversitySchema, openUniversityDatabase, universityContext } from './subgraph.js';

const codeOf = async (p: Promise<unknown>): Promise<string> =>
  p.then(
    () => 'no error',
    (e: unknown) => (isDomainError(e) ? e.code : String(e)),
  );

const as = (role: keyof typeof DEMO_ROLES, arg?: string) => principalFromClaims((DEMO_ROLES[role] as (a?: string) => Parameters<typeof principalFromClaims>[0])(arg));

/**
 * The catalogue per academic year (issue 15 item 5, docs/catalogue.md "Editions") and the office's
 * lookups (item 4), at KU Leuven: rules of the services, then the same through the subgraph's
 * schema with the role matrix.
 */
describe('KU Leuven catalogue per academic year and lookups', () => {
  const profile = leuven;
  let orm: MikroORM;
  let server: ApolloServer<UniversityContext>;
  const course = profile.catalogue[0]!; // LEU-PASI: paper-project 60, report 40, participation (pass / fail)
  const [scored] = course.components;
  const ids = { a: randomUUID(), b: randomUUID(), c: randomUUID(), d: randomUUID(), e: randomUUID() };
  const numbers = { a: profile.studentNumber(1), b: profile.studentNumber(2), c: profile.studentNumber(3), d: profile.studentNumber(4), e: profile.studentNumber(5) };
  const register: ConsortiumRegister = { admission: async () => ({ decidedOn: '2025-05-15' }), decisions: async () => [] };
  const exams = () => new ExaminationService(orm.em.fork(), profile);
  const editions = () => new CatalogueEditionService(orm.em.fork(), profile);
  const office = 'leuven-office';
  const value = (kind: string, points: number) => (kind === 'SCORED' ? { points } : { passed: points >= 50 });
  const sit = async (studentId: string, components: typeof course.components, attempt: number, registeredOn: string, examinedOn: string, points: number) => {
    for (const c of components) {
      await exams().register({ studentId, courseCode: course.code, componentKey: c.key, attempt, registeredOn });
      await exams().recordResult({ studentId, courseCode: course.code, componentKey: c.key, attempt, status: 'GRADED', examinedOn, examiner: 'Prof. X', ...value(c.kind, points) }, office);
    }
  };
  const records = async (...students: string[]) => loadStudentRecords(orm.em.fork(), profile, students);
  const pasiOf = async (studentId: string) => (await records(studentId)).get(studentId)!.courses.find((c) => c.code === course.code);
  const nextYear: ExaminationSpec[] = [
    { examinationKey: 'paper-project', title: 'Paper/project', kind: 'SCORED', weight: 70 },
    { examinationKey: 'report', title: 'Report', kind: 'SCORED', weight: 30 },
  ];

  beforeAll(async () => {
    orm = await openUniversityDatabase(await freshDatabase('catalogue'));
    await new CatalogueService(orm.em.fork(), profile).seedCatalogue();
    const enrolments = new EnrolmentService(orm.em.fork(), profile);
    await enrolments.enrol({ studentId: ids.a, studentNumber: numbers.a, enrolledOn: '2025-09-15' }, register);
    await enrolments.enrol({ studentId: ids.c, studentNumber: numbers.c, enrolledOn: '2025-09-16' }, register);
    await enrolments.enrol({ studentId: ids.b, studentNumber: numbers.b, enrolledOn: '2026-09-15' }, register);
    await enrolments.enrol({ studentId: ids.d, studentNumber: numbers.d, enrolledOn: '2026-09-20' }, register);
    await enrolments.enrol({ studentId: ids.e, studentNumber: numbers.e, enrolledOn: '2025-09-17' }, register);
    // 2025/26, under the catalogue of 2017/18: A passes, C fails the paper/project.
    await sit(ids.a, course.components, 1, '2026-01-05', '2026-01-20', 73);
    await sit(ids.c, [scored!], 1, '2026-01-05', '2026-01-20', 30);
    // E registered in 2025/26 and has no result yet.
    await exams().register({ studentId: ids.e, courseCode: course.code, componentKey: scored!.key, attempt: 1, registeredOn: '2026-01-05' });
    server = await testServer<UniversityContext>(await buildUniversitySchema(profile));
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
  });

  it('seeds the PIONEER catalogue as the editions from 2017/18, the first academic year of the regulations (§22)', async () => {
    const list = await new CatalogueService(orm.em.fork(), profile).list();
    expect(list.map((c) => c.code).sort()).toEqual(profile.catalogue.map((c) => c.code).sort());
    expect(new Set(list.map((c) => c.academicYear))).toEqual(new Set([2017]));
  });

  it('refuses a course outside the regulations’ bounds, each with its code, and writes nothing', async () => {
    const base = { courseCode: 'LEU-DGOV', academicYear: 2026, title: 'Digital Government', courseType: 'Lecture', examinationTypes: ['Written examination'], credits: 6, examinations: [{ examinationKey: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 100 }] as ExaminationSpec[], reason: 'New course from 2026/27' };
    const before = [await orm.em.fork().count(Course), await orm.em.fork().count(CatalogueChange)];
    const cases: [string, Partial<typeof base> & Record<string, unknown>, string][] = [
      ['credits above one semester (§6 (2), §7 (1))', { credits: 31 }, 'BAD_USER_INPUT'],
      ['no credits', { credits: 0 }, 'BAD_USER_INPUT'],
      ['overall weight 31 (§16 (4), reading 28)', { overallWeight: 31 }, 'INVALID_WEIGHT'],
      ['an examination weight of 0 (§16 (3))', { examinations: [{ ...base.examinations[0]!, weight: 0 }] }, 'INVALID_WEIGHT'],
      ['an examination weight of 101', { examinations: [{ ...base.examinations[0]!, weight: 101 }] }, 'INVALID_WEIGHT'],
      ['a weight on a pass / fail examination (§16 (1))', { examinations: [base.examinations[0]!, { examinationKey: 'participation', title: 'Participation', kind: 'PASS_FAIL', weight: 10 }] }, 'INVALID_WEIGHT'],
      ['11 attempts (§15 (4))', { examinations: [{ ...base.examinations[0]!, maxAttempts: 11 }] }, 'BAD_USER_INPUT'],
      ['no scored examination (§16 (3))', { examinations: [{ examinationKey: 'participation', title: 'Participation', kind: 'PASS_FAIL' }] }, 'EMPTY_SCORE_SET'],
      ['no examination', { examinations: [] }, 'BAD_USER_INPUT'],
      ['one key twice', { examinations: [base.examinations[0]!, base.examinations[0]!] }, 'BAD_USER_INPUT'],
      ['a key with spaces', { examinations: [{ ...base.examinations[0]!, examinationKey: 'Written exam' }] }, 'BAD_USER_INPUT'],
      ['a Münster code at Leuven', { courseCode: 'MS-DGOV' }, 'COURSE_OF_ANOTHER_UNIVERSITY'],
      ['a code without the prefix', { courseCode: 'DGOV' }, 'BAD_USER_INPUT'],
      ['a code the catalogue has', { courseCode: course.code }, 'COURSE_EXISTS'],
      ['no reason (§21)', { reason: ' ' }, 'REASON_REQUIRED'],
    ];
    for (const [what, change, code] of cases) expect(await codeOf(editions().createCourse({ ...base, ...change } as never, office)), what).toBe(code);
    expect([await orm.em.fork().count(Course), await orm.em.fork().count(CatalogueChange)]).toEqual(before);
  });

  it('a new course and next year’s edition of an existing one: earlier results keep their year’s description', async () => {
    const created = await editions().createCourse(
      { courseCode: 'LEU-DGOV', academicYear: 2026, title: 'Digital Government', courseType: 'Lecture', examinationTypes: ['Written examination', 'Participation'], credits: 3, examinations: [{ examinationKey: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 100 }, { examinationKey: 'participation', title: 'Participation', kind: 'PASS_FAIL' }], reason: 'New elective from 2026/27' },
      office,
    );
    expect([created.academicYear, created.version, created.components.getItems().map((x) => [x.key, x.weight, x.maxAttempts])]).toEqual([2026, 1, [['written-exam', 100, 2], ['participation', 0, 2]]]);
    // Not in the catalogue of 2025/26; in that of 2026/27.
    const catalogue = new CatalogueService(orm.em.fork(), profile);
    expect((await catalogue.list(2025)).some((c) => c.code === 'LEU-DGOV')).toBe(false);
    expect((await catalogue.list(2026)).some((c) => c.code === 'LEU-DGOV')).toBe(true);

    const edition = await editions().createEdition({ courseCode: course.code, academicYear: 2026, title: 'Public Sector Innovation', examinations: nextYear, reason: 'Course description 2026/27' }, office);
    expect([edition.academicYear, edition.title, edition.credits, edition.components.getItems().map((x) => `${x.key}:${x.weight}`)]).toEqual([2026, 'Public Sector Innovation', 6, ['paper-project:70', 'report:30']]);
    expect(await codeOf(editions().createEdition({ courseCode: course.code, academicYear: 2026, reason: 'again' }, office))).toBe('COURSE_EDITION_EXISTS');

    // B starts in 2026/27: the new edition; A's 2025/26 result keeps the description of 2017/18.
    await sit(ids.b, nextYear.map((x) => ({ key: x.examinationKey, title: x.title, kind: x.kind, weight: x.weight! })), 1, '2026-10-05', '2026-10-20', 80);
    expect(await pasiOf(ids.a)).toMatchObject({ title: course.title, academicYear: '2017/18', completed: true, score: 73, credits: 6 });
    expect(await pasiOf(ids.b)).toMatchObject({ title: 'Public Sector Innovation', academicYear: '2026/27', completed: true, score: 80 });
    // E's registration without a result is enough to keep E in the edition of 2017/18.
    expect(await pasiOf(ids.e)).toMatchObject({ title: course.title, academicYear: '2017/18', attemptsUsed: 0 });
    // The participation examination was left out of 2026/27: B has no attempt at it and needs none.
    expect((await pasiOf(ids.b))!.attempts.map((x) => x.componentKey)).toEqual(['paper-project', 'report']);
  });

  it('a retake stays in the edition of the first attempt (§15 (4) counts attempts in one description)', async () => {
    await exams().register({ studentId: ids.c, courseCode: course.code, componentKey: scored!.key, attempt: 2, registeredOn: '2026-10-10' });
    const registration = await orm.em.fork().findOneOrFail(Registration, { enrolment: { studentId: ids.c }, attempt: 2 }, { populate: ['component.course'] });
    expect(registration.component.course.academicYear).toBe(2017);
    await exams().recordResult({ studentId: ids.c, courseCode: course.code, componentKey: scored!.key, attempt: 2, status: 'GRADED', examinedOn: '2026-10-20', examiner: 'Prof. X', points: 20 }, office);
    expect(await pasiOf(ids.c)).toMatchObject({ academicYear: '2017/18', permanentlyFailed: true, attemptsUsed: 2 });
  });

  it('edits name their edition, state their version and are recorded with the edition’s year (§21)', async () => {
    const catalogue = () => new CatalogueService(orm.em.fork(), profile);
    const current = await catalogue().byCode(course.code, 2026);
    expect(await codeOf(catalogue().updateCourse(course.code, { title: 'Stale', reason: 'typo', expectedVersion: current.version + 1, academicYear: '2026/27' }, office))).toBe('VERSION_CONFLICT');
    const edited = await catalogue().updateCourse(course.code, { overallWeight: 12, reason: 'Weight of the 2026/27 description', expectedVersion: current.version, academicYear: '2026/27' }, office);
    expect([edited.academicYear, edited.overallWeight, edited.version]).toEqual([2026, 12, current.version + 1]);
    expect((await catalogue().byCode(course.code, 2025)).overallWeight).toBeNull();
    const changes = await catalogue().changes(course.code);
    expect(changes.map((c) => [c.academicYear, c.field, c.newValue])).toEqual([
      [2026, 'created', 'Public Sector Innovation'],
      [2026, 'overallWeight', '12'],
    ]);
    // Weights are fixed once students are registered in the edition (B is).
    expect(await codeOf(catalogue().updateComponent(course.code, 'report', { weight: 35, reason: 'rebalance', academicYear: '2026/27' }, office))).toBe('CONFLICT');
    expect(await codeOf(editions().addExamination({ courseCode: course.code, academicYear: 2026, examination: { examinationKey: 'oral', title: 'Oral', kind: 'SCORED', weight: 10 }, reason: 'add' }, office))).toBe('CONFLICT');
    const added = await editions().addExamination({ courseCode: 'LEU-DGOV', academicYear: 2026, examination: { examinationKey: 'paper', title: 'Paper', kind: 'SCORED', weight: 50 }, reason: 'A paper as well' }, office);
    expect([added.key, added.position]).toEqual(['paper', 2]);
    expect(await codeOf(catalogue().updateCourse(course.code, { title: 'x y', reason: 'bad year', academicYear: '2026/28' }, office))).toBe('BAD_USER_INPUT');
  });

  it('retiring an edition: no new students from that date, results stay readable, a student who never started no longer has it', async () => {
    const catalogue = new CatalogueService(orm.em.fork(), profile);
    const current = await catalogue.byCode(course.code, 2026);
    const retired = await editions().retire({ courseCode: course.code, academicYear: 2026, retiredOn: '2026-11-01', reason: 'Replaced by LEU-DGOV', expectedVersion: current.version }, office);
    expect([retired.retiredOn, retired.version]).toEqual(['2026-11-01', current.version + 1]);
    expect(await codeOf(editions().retire({ courseCode: course.code, academicYear: 2026, retiredOn: '2026-11-02', reason: 'twice' }, office))).toBe('COURSE_RETIRED');
    expect(await codeOf(exams().register({ studentId: ids.d, courseCode: course.code, componentKey: 'paper-project', attempt: 1, registeredOn: '2026-11-10' }))).toBe('COURSE_RETIRED');
    const all = await records(ids.b, ids.d);
    expect(all.get(ids.b)!.courses.find((c) => c.code === course.code)).toMatchObject({ title: 'Public Sector Innovation', completed: true });
    expect(all.get(ids.d)!.courses.some((c) => c.code === course.code)).toBe(false);
    expect(all.get(ids.d)!.courses.some((c) => c.code === 'LEU-DGOV')).toBe(true);
  });

  it('the process-wide catalogue cache sees every write of the catalogue (CatalogueCache listens to flushes)', async () => {
    const cache = new CatalogueCache().watch(orm);
    const before = await cache.get(orm.em.fork());
    await editions().createEdition({ courseCode: 'LEU-DGOV', academicYear: 2027, credits: 6, reason: 'Six credits from 2027/28' }, office);
    const after = await cache.get(orm.em.fork());
    expect(after.length).toBe(before.length + 1);
    expect(after.find((c) => c.code === 'LEU-DGOV' && c.academicYear === 2027)?.credits).toBe(6);
  });

  describe('through the schema, with the role matrix', () => {
    const run = (role: keyof typeof DEMO_ROLES | null, query: string, variables: Record<string, unknown> = {}, arg?: string) =>
      execute(server, actingAs(universityContext(orm, profile, () => register), role ? as(role, arg) : null)(), query, variables);
    const create = `mutation($i: CreateCourseInput!) { leuvenCreateCourse(input: $i) { code academicYear title examinations { key weight } } }`;
    const input = { courseCode: 'LEU-OPEN', academicYear: '2027/28', title: 'Open Government Data', courseType: 'Seminar', examinationTypes: ['Paper'], credits: 3, examinations: [{ examinationKey: 'paper', title: 'Paper', kind: 'SCORED', weight: 100 }], reason: 'New seminar' };

    it('only Leuven’s examinations office writes its catalogue: not its staff, the committee or Münster’s office', async () => {
      for (const role of ['leuven-staff', 'committee', 'muenster-office'] as const) {
        const { errors } = await run(role, create, { i: input });
        expect(errors?.[0]?.extensions?.code, role).toBe('FORBIDDEN');
      }
      const { data, errors } = await run('leuven-office', create, { i: input });
      expect(errors).toBeUndefined();
      expect(data.leuvenCreateCourse).toEqual({ code: 'LEU-OPEN', academicYear: '2027/28', title: 'Open Government Data', examinations: [{ key: 'paper', weight: 100 }] });
      const editionsRead = await run('leuven-staff', `{ leuvenCourseEditions(courseCode: "${course.code}") { academicYear title retiredOn } leuvenCatalogue(academicYear: "2025/26") { code academicYear } }`);
      expect(editionsRead.data.leuvenCourseEditions).toEqual([
        { academicYear: '2017/18', title: course.title, retiredOn: null },
        { academicYear: '2026/27', title: 'Public Sector Innovation', retiredOn: '2026-11-01' },
      ]);
      expect(editionsRead.data.leuvenCatalogue.every((c: { academicYear: string }) => c.academicYear === '2017/18')).toBe(true);
    });

    it('finds a student by Leuven’s number: staff and the committee; a student only themself, learning nothing of other numbers', async () => {
      const query = `query($n: String!) { leuvenStudentByNumber(studentNumber: $n) { id } }`;
      for (const role of ['leuven-office', 'leuven-staff', 'committee'] as const) expect((await run(role, query, { n: numbers.a })).data?.leuvenStudentByNumber, role).toEqual({ id: ids.a });
      expect((await run('leuven-office', query, { n: 'r0999999' })).errors?.[0]?.extensions?.code).toBe('UNKNOWN_STUDENT');
      expect((await run('student', query, { n: numbers.a }, ids.a)).data?.leuvenStudentByNumber).toEqual({ id: ids.a });
      expect((await run('student', query, { n: numbers.b }, ids.a)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('student', query, { n: 'r0999999' }, ids.a)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('muenster-office', query, { n: numbers.a })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('filters enrolments by number, intake and standing, a page at a time', async () => {
      const search = `query($i: EnrolmentSearchInput!) { leuvenEnrolmentSearch(input: $i) { total items { studentNumber intake status } } }`;
      const page = async (i: Record<string, unknown>) => (await run('leuven-staff', search, { i })).data.leuvenEnrolmentSearch;
      expect(await page({})).toMatchObject({ total: 5 });
      expect(await page({ studentNumber: numbers.a.toUpperCase() })).toEqual({ total: 1, items: [{ studentNumber: numbers.a, intake: 2025, status: 'IN_PROGRESS' }] });
      expect(await page({ intake: 2026 })).toMatchObject({ total: 2, items: [{ studentNumber: numbers.b }, { studentNumber: numbers.d }] });
      expect(await page({ status: 'PERMANENTLY_FAILED' })).toEqual({ total: 1, items: [{ studentNumber: numbers.c, intake: 2025, status: 'PERMANENTLY_FAILED' }] });
      expect(await page({ status: 'IN_PROGRESS', limit: 2, offset: 1 })).toMatchObject({ total: 4, items: [{ studentNumber: numbers.b }, { studentNumber: numbers.d }] });
      expect((await run('leuven-staff', search, { i: { limit: 501 } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect((await run('muenster-office', search, { i: {} })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect((await run('student', search, { i: {} }, ids.a)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });

    it('lists one examination session’s registrations with their results: every edition, one year, one date, one attempt', async () => {
      const query = `query($i: SessionRegistrationsInput!) { leuvenSessionRegistrations(input: $i) { attempt enrolment { studentNumber } result { points examinedOn } } }`;
      const session = async (i: Record<string, unknown>) =>
        ((await run('leuven-office', query, { i: { courseCode: course.code, examinationKey: 'paper-project', ...i } })).data.leuvenSessionRegistrations as { attempt: number; enrolment: { studentNumber: string }; result: { points: number } | null }[]).map(
          (r) => `${r.enrolment.studentNumber}#${r.attempt}:${r.result?.points ?? '-'}`,
        );
      expect(await session({})).toEqual([`${numbers.a}#1:73`, `${numbers.b}#1:80`, `${numbers.c}#1:30`, `${numbers.c}#2:20`, `${numbers.e}#1:-`]);
      expect(await session({ academicYear: '2026/27' })).toEqual([`${numbers.b}#1:80`]);
      expect(await session({ examinedOn: '2026-01-20' })).toEqual([`${numbers.a}#1:73`, `${numbers.c}#1:30`]);
      expect(await session({ attempt: 2 })).toEqual([`${numbers.c}#2:20`]);
      const unknown = await run('leuven-office', query, { i: { courseCode: course.code, examinationKey: 'oral' } });
      expect(unknown.errors?.[0]?.extensions?.code).toBe('UNKNOWN_EXAMINATION');
    });
  });
});

/**
 * The migration on a database of the previous release, as `npm start` upgrades one: roles and
 * append-only triggers in place, then the new migration as the owner. Existing courses, their
 * results and their recorded changes become the editions from 2017/18.
 */
describe('migration to editions per academic year', () => {
  it('maps existing courses, results and catalogue changes to the editions from 2017/18, through the append-only triggers', async () => {
    const url = await freshDatabase('catalogue_migration');
    const roles = await prepareDatabaseRoles(url);
    const old = await MikroORM.init(ormConfig({ clientUrl: roles.ownerUrl, entities: universityEntities, migrations }));
    try {
      await old.getMigrator().up({ to: 'Migration20261129091500' });
      const sql = (q: string) => old.em.getConnection().execute(q);
      await sql(`insert into course (id, code, title, course_type, examination_types, credits, semester, overall_weight, version) values ('00000000-0000-4000-8000-000000000001', 'LEU-PASI', 'Old title', 'Lecture', '{Paper}', 6, 1, null, 2)`);
      await sql(`insert into exam_component (id, course_id, key, title, kind, weight, max_attempts, position, version) values ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'paper-project', 'Paper', 'SCORED', 100, 2, 0, 1)`);
      await sql(`insert into enrolment (id, student_id, student_number, enrolled_on) values ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000009', 'r0800001', '2023-09-15')`);
      await sql(`insert into registration (id, enrolment_id, component_id, attempt, registered_on) values ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000002', 1, '2024-01-05')`);
      await sql(`insert into exam_result (id, registration_id, status, points, passed, examined_on, examiner, version, recorded_by, recorded_at) values ('00000000-0000-4000-8000-000000000005', '00000000-0000-4000-8000-000000000004', 'GRADED', 64, null, '2024-01-20', 'Prof. X', 1, 'office', now())`);
      await sql(`insert into catalogue_change (id, course_code, component_key, field, old_value, new_value, reason, changed_by, changed_at) values ('00000000-0000-4000-8000-000000000006', 'LEU-PASI', null, 'title', 'Older title', 'Old title', 'typo', 'office', now())`);
      await sql(`insert into audit_entry (id, at, service, actor, actor_name, roles, operation, target, outcome) values ('00000000-0000-4000-8000-000000000007', now(), 'leuven', 'office', 'office', 'leuven:office', 'leuvenRectifyResult', 'resultId=00000000-0000-4000-8000-000000000005', 'OK')`);
      await grantServingRole(roles, universityAppendOnlyTables);
      // This release's migrations run on the old database: the audit entries' student
      // (Migration20261129120000, issue 14), the editions (Migration20261129133000), then the
      // result's enrolment (Migration20261129190000, issue 16).
      const ran = await old.getMigrator().up();
      expect(ran.map((m) => m.name)).toEqual(['Migration20261129120000', 'Migration20261129133000', 'Migration20261129190000']);
      expect(await sql(`select enrolment_id from exam_result`)).toEqual([{ enrolment_id: '00000000-0000-4000-8000-000000000003' }]);
      // A result cannot name an enrolment other than its registration's (the migration's trigger).
      await sql(`insert into enrolment (id, student_id, student_number, enrolled_on) values ('00000000-0000-4000-8000-000000000013', '00000000-0000-4000-8000-000000000019', 'r0800002', '2023-09-15')`);
      await expect(sql(`update exam_result set enrolment_id = '00000000-0000-4000-8000-000000000013'`)).rejects.toThrow(/not its registration's/);
      const [course] = (await sql(`select academic_year, retired_on from course`)) as { academic_year: number; retired_on: string | null }[];
      const [change] = (await sql(`select academic_year from catalogue_change`)) as { academic_year: number }[];
      expect([course?.academic_year, course?.retired_on, change?.academic_year]).toEqual([2017, null, 2017]);
      expect(await sql(`select student_id from audit_entry`)).toEqual([{ student_id: '00000000-0000-4000-8000-000000000009' }]);
      // The change record is still append-only for the owner too.
      await expect(sql(`update catalogue_change set reason = 'rewritten'`)).rejects.toThrow(/append-only/);
      // A second edition of the code is now possible; the old result keeps the old description.
      await new CatalogueEditionService(old.em.fork(), leuven).createEdition({ courseCode: 'LEU-PASI', academicYear: 2026, title: 'New title', reason: 'New description' }, 'office');
      const record = (await loadStudentRecords(old.em.fork(), leuven, ['00000000-0000-4000-8000-000000000009'])).get('00000000-0000-4000-8000-000000000009')!;
      expect(record.courses).toEqual([expect.objectContaining({ code: 'LEU-PASI', title: 'Old title', academicYear: '2017/18', score: 64, completed: true })]);
    } finally {
      await old.close();
    }
  });
});
