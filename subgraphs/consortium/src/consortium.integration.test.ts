import { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countStatements } from '@pioneer/shared/persistence';
import { freshDatabase } from '../../../test/support/databases.js';
import { actingAs } from '../../../test/support/principals.js';
import { execute, testServer } from '../../../test/support/graphql.js';
import type { ConsortiumContext } from './context.js';
import { StudentService } from './modules/students/student.service.js';
import { ThesisService } from './modules/thesis/thesis.service.js';
import { DEMO_COMMITTEES } from '../../../scripts/lib/demo-cohort.js';
import { buildConsortiumSchema, consortiumContext, openConsortiumDatabase } from './subgraph.js';

/** A course exactly as the gateway brings it for @requires (REQUIRES_UNIVERSITY_RECORDS). */
type Course = { code: string; credits: number; overallWeight: number; state: string; score: number | null };

/** A university record as the gateway would bring it for @requires. */
function record(university: 'LEUVEN' | 'MUENSTER' | 'TTU', credits: number[], score: (i: number) => number | null) {
  const courses: Course[] = credits.map((c, i) => {
    const s = score(i);
    return { code: `${university}-${i}`, credits: c, overallWeight: c, state: s === null ? 'NOT_STARTED' : 'COMPLETED', score: s };
  });
  return { university, enrolled: true, unreadable: null, courses };
}

const SIX = [6, 6, 6, 6, 6];
const TTU_CREDITS = [6, 3, 6, 3, 3, 6, 3];

describe('consortium subgraph', () => {
  let orm: MikroORM;
  let server: ApolloServer<ConsortiumContext>;
  let context: () => ConsortiumContext;
  const ids: string[] = [];

  beforeAll(async () => {
    orm = await openConsortiumDatabase(await freshDatabase('consortium'));
    const students = new StudentService(orm.em.fork());
    for (let i = 0; i < 500; i++) {
      const s = await students.create({ givenName: `Given${i}`, familyName: `Family${i}`, dateOfBirth: '2000-01-01', placeOfBirth: 'Ghent, Belgium', cohort: 2024 });
      ids.push(s.id);
    }
    const theses = new ThesisService(orm.em.fork(), { creditsEarned: async () => 90 });
    for (const c of DEMO_COMMITTEES) await theses.appointCommittee(c);
    const t = await theses.assignTopic({ studentId: ids[0]!, title: 'Once-only principle', supervisor: 'Prof. Dr. Joep Crompvoets', assignedOn: '2026-02-23' });
    await theses.submit(t.id, { boundCopies: 3, boundCopiesOn: '2026-06-10', digitalOn: '2026-06-10' });
    await theses.scheduleDefence(t.id, { defenceOn: '2026-07-02' });
    await theses.recordDefence(t.id, { examinerScores: [80, 81, 79], jointScore: 80 });
    server = await testServer<ConsortiumContext>(await buildConsortiumSchema());
    context = actingAs(consortiumContext(orm, { creditsEarned: async () => 90, recordsOf: async () => [] }));
  });

  afterAll(async () => {
    await server?.stop();
    await orm?.close();
  });

  const QUERY = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id givenName
    progression { totalCredits courseCredits thesisCredits status thesisEligible masterExaminationPassed creditsByUniversity { university credits } }
    overallGrade { points grade label } } } }`;

  const full = (id: string, score = 70) => ({
    __typename: 'Student',
    id,
    leuven: record('LEUVEN', SIX, () => score),
    muenster: record('MUENSTER', SIX, () => score),
    ttu: record('TTU', TTU_CREDITS, () => score),
  });

  it('computes progression and the §16 (4) overall grade only from the records the gateway passes (@requires)', async () => {
    const { data, errors } = await execute(server, context(), QUERY, { r: [full(ids[0]!, 70)] });
    expect(errors).toBeUndefined();
    const s = data._entities[0];
    expect(s.progression).toMatchObject({ totalCredits: 120, courseCredits: 90, thesisCredits: 30, status: 'GRADUATED', masterExaminationPassed: true });
    expect(s.progression.creditsByUniversity).toEqual([
      { university: 'LEUVEN', credits: 30 },
      { university: 'MUENSTER', credits: 30 },
      { university: 'TTU', credits: 30 },
    ]);
    // 0.75 × 70 + 0.25 × 80 = 72.5 → rounded up once: 73 → KU Leuven 14, Good.
    expect(s.overallGrade).toEqual({ points: 73, grade: '14', label: 'GOOD' });
  });

  it('other records give other numbers: the consortium holds no copy of university data', async () => {
    const partial = { ...full(ids[1]!), ttu: record('TTU', TTU_CREDITS, (i) => (i < 3 ? 65 : null)) };
    const { data } = await execute(server, context(), QUERY, { r: [partial] });
    expect(data._entities[0].progression).toMatchObject({ totalCredits: 75, thesisEligible: false, status: 'SEMESTER_3_IN_PROGRESS', masterExaminationPassed: false });
    expect(data._entities[0].overallGrade).toBeNull();
  });

  it('reads a null field left out of the representation as null (the Rust query planner omits them)', async () => {
    const withNulls = { ...full(ids[1]!), ttu: record('TTU', TTU_CREDITS, (i) => (i < 3 ? 65 : null)) };
    const omitted = { ...withNulls, ttu: { ...withNulls.ttu, courses: withNulls.ttu.courses.map(({ score, ...c }) => (score === null ? c : { ...c, score })) } };
    expect(omitted.ttu.courses.filter((c) => !('score' in c))).toHaveLength(4);
    const [a, b] = await Promise.all([execute(server, context(), QUERY, { r: [withNulls] }), execute(server, context(), QUERY, { r: [omitted] })]);
    expect(b.errors).toBeUndefined();
    expect(b.data._entities[0].progression).toEqual(a.data._entities[0].progression);
    expect(b.data._entities[0].progression).toMatchObject({ totalCredits: 75, status: 'SEMESTER_3_IN_PROGRESS' });
  });

  it("reads each course's state, the engine's verdict: §15 (4) a permanently failed course stays failed whatever else a representation carries", async () => {
    const base = full(ids[4]!, 70);
    const lost = { ...base, muenster: { ...base.muenster, courses: base.muenster.courses.map((c, i) => (i === 0 ? { ...c, state: 'PERMANENTLY_FAILED', score: 30, completed: true, recognised: true } : c)) } };
    const retake = { ...base, muenster: { ...base.muenster, courses: base.muenster.courses.map((c, i) => (i === 0 ? { ...c, state: 'FAILED_RETAKE_POSSIBLE', score: 30 } : c)) } };
    const { data, errors } = await execute(server, context(), QUERY, { r: [lost, retake] });
    expect(errors).toBeUndefined();
    expect(data._entities[0].progression).toMatchObject({ totalCredits: 84, status: 'PERMANENTLY_FAILED' });
    expect(data._entities[1].progression).toMatchObject({ totalCredits: 84, status: 'SEMESTER_3_IN_PROGRESS' });
    expect([data._entities[0].overallGrade, data._entities[1].overallGrade]).toEqual([null, null]);
  });

  it('never computes from partial data: a missing university record gives null and an error naming it', async () => {
    const { muenster: _dropped, ...rest } = full(ids[2]!);
    const { data, errors } = await execute(server, context(), QUERY, { r: [{ ...rest, muenster: null }] });
    expect(data._entities[0].givenName).toBe('Given2');
    expect(data._entities[0].progression).toBeNull();
    expect(data._entities[0].overallGrade).toBeNull();
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['SOURCE_UNAVAILABLE', 'SOURCE_UNAVAILABLE']);
    expect(errors?.[0]?.extensions?.details).toEqual({ missing: ['MUENSTER'] });
  });

  it('issue 11: an unreadable record names its student and rule; the other students of the batch are served in full', async () => {
    const broken = { ...full(ids[3]!), leuven: { ...full(ids[3]!).leuven, unreadable: { rule: 'ATTEMPT_OUT_OF_ORDER', courseCode: 'LEU-BIS', message: 'passed at attempt 1; it is not retaken' } } };
    const { data, errors } = await execute(server, context(), QUERY, { r: [full(ids[0]!, 70), broken, full(ids[5]!, 80)] });
    expect(data._entities[0].progression).toMatchObject({ totalCredits: 120, status: 'GRADUATED' });
    expect(data._entities[0].overallGrade).toMatchObject({ points: 73 });
    expect(data._entities[2].progression).toMatchObject({ totalCredits: 90, status: 'THESIS_ELIGIBLE' });
    expect(data._entities[1].progression).toBeNull();
    expect(data._entities[1].overallGrade).toBeNull();
    expect(errors?.map((e) => e.extensions?.code)).toEqual(['RECORD_UNREADABLE', 'RECORD_UNREADABLE']);
    expect(errors?.[0]?.extensions?.details).toEqual({ studentId: ids[3], university: 'LEUVEN', courseCode: 'LEU-BIS', rule: 'ATTEMPT_OUT_OF_ORDER' });
  });

  it('resolves 10 and 500 students with the same number of SQL statements (batched)', async () => {
    const counter = countStatements(orm);
    await execute(server, context(), QUERY, { r: ids.slice(0, 10).map((id) => full(id)) });
    const forTen = counter.count;
    counter.reset();
    const { data } = await execute(server, context(), QUERY, { r: ids.map((id) => full(id)) });
    expect(data._entities).toHaveLength(500);
    expect(counter.count).toBe(forTen);
    // The ids travel as one array parameter: the statements' text is the same for 10 and 500.
    expect(counter.statements.every((sql) => !sql.includes(ids[20]!))).toBe(true);
  });

  it('a referenced student carries every field as stored, the date of birth as a date', async () => {
    const { data } = await execute(server, context(), `query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { id givenName familyName dateOfBirth placeOfBirth cohort } } }`, {
      r: [{ __typename: 'Student', id: ids[7] }],
    });
    expect(data._entities).toEqual([{ id: ids[7], givenName: 'Given7', familyName: 'Family7', dateOfBirth: '2000-01-01', placeOfBirth: 'Ghent, Belgium', cohort: 2024 }]);
  });

  it('an unknown student reference resolves to null, and a bad id to UNKNOWN_STUDENT on the root field', async () => {
    const { data } = await execute(server, context(), QUERY, { r: [full('00000000-0000-4000-8000-000000000000')] });
    expect(data._entities).toEqual([null]);
    const { errors } = await execute(server, context(), `{ student(id: "nope") { id } }`);
    expect(errors?.[0]?.extensions?.code).toBe('UNKNOWN_STUDENT');
  });

  it('students() pages and rejects an out-of-range limit with BAD_USER_INPUT', async () => {
    const { data } = await execute(server, context(), `{ students(cohort: 2024, limit: 5, offset: 10) { total items { id } } }`);
    expect(data.students.total).toBe(500);
    expect(data.students.items).toHaveLength(5);
    const { errors } = await execute(server, context(), `{ students(limit: 100000) { total } }`);
    expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  describe('cohort dashboard', () => {
    // The federated record of each student, as the gateway would give it.
    const record = (id: string, i: number) => ({
      id,
      progression: { status: i % 3 === 0 ? 'GRADUATED' : 'SEMESTER_3_IN_PROGRESS', totalCredits: i % 3 === 0 ? 120 : 60, coursesFailed: i % 5 === 0 ? 1 : 0, permanentlyFailed: false },
      overallGrade: i % 3 === 0 ? { points: 71, grade: '14', label: 'GOOD' } : null,
      lastChanceCourses: i % 5 === 0 ? 1 : 0,
    });
    let small: string[];
    /** The students whose federated records each dashboard request read, request by request. */
    const reads: string[][] = [];
    const indexOf = (id: string) => (ids.includes(id) ? ids.indexOf(id) : small.indexOf(id));
    // One context factory, as in a running subgraph: its snapshots outlive a request.
    let factory: (() => ConsortiumContext) | null = null;
    const dashboardContext = () =>
      (factory ??= actingAs(
        consortiumContext(orm, {
          creditsEarned: async () => 90,
          recordsOf: async (students: readonly string[]) => {
            reads.push([...students]);
            return students.map((id) => record(id, indexOf(id)));
          },
        }),
      ))();
    const DASHBOARD = `query($c: Int!, $s: StudentStatus, $f: DashboardFlag, $l: Int, $o: Int, $snapshot: String) {
      cohortDashboard(cohort: $c, status: $s, flag: $f, limit: $l, offset: $o, asOf: "2026-11-22", snapshot: $snapshot) { total snapshot items { student { id } status totalCredits flags overallGrade { points } nextDeadline { kind date daysLeft } } } }`;

    beforeAll(async () => {
      const students = new StudentService(orm.em.fork());
      small = [];
      for (let i = 0; i < 10; i++) small.push((await students.create({ givenName: `Small${i}`, familyName: 'Cohort', dateOfBirth: '2001-01-01', placeOfBirth: 'Tartu, Estonia', cohort: 2023 })).id);
    });

    it('filters by status and flag, pages, and shows the next thesis deadline', async () => {
      const all = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, l: 500 });
      expect(all.errors).toBeUndefined();
      expect(all.data.cohortDashboard.total).toBe(500);
      const graduated = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 5, o: 0 });
      expect(graduated.data.cohortDashboard.total).toBe(167);
      expect(graduated.data.cohortDashboard.items).toHaveLength(5);
      expect(graduated.data.cohortDashboard.items.every((e: { status: string }) => e.status === 'GRADUATED')).toBe(true);
      const atRisk = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, f: 'AT_RISK', l: 500 });
      expect(atRisk.data.cohortDashboard.total).toBe(100);
      expect(atRisk.data.cohortDashboard.items.every((e: { flags: string[] }) => e.flags.includes('FAILED_ATTEMPT'))).toBe(true);
    });

    it('an unfiltered page reads only its own students; filtered pages share one reading of the intake', async () => {
      reads.length = 0;
      const seen = new Set<string>();
      for (let offset = 0; offset < 500; offset += 120) {
        const page = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, l: 120, o: offset });
        expect(page.errors).toBeUndefined();
        expect(page.data.cohortDashboard).toMatchObject({ total: 500, snapshot: null });
        page.data.cohortDashboard.items.forEach((e: { student: { id: string } }) => seen.add(e.student.id));
      }
      expect(seen.size).toBe(500);
      expect(reads.map((r) => r.length)).toEqual([120, 120, 120, 120, 20]);
      // Nor does it read the other students of the intake from the consortium's database: the
      // page's students are selected with limit and offset, the total counted.
      const sql = countStatements(orm);
      const page = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, l: 7, o: 490 });
      expect(page.data.cohortDashboard).toMatchObject({ total: 500 });
      expect(page.data.cohortDashboard.items).toHaveLength(7);
      const studentReads = sql.statements.filter((sql) => /from "student"/.test(sql) && !/count\(/.test(sql));
      expect(studentReads).toHaveLength(1);
      expect(studentReads[0]).toMatch(/limit 7 offset 490/);

      reads.length = 0;
      const first = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 100, o: 0 });
      const snapshot = first.data.cohortDashboard.snapshot;
      expect(snapshot).toEqual(expect.any(String));
      const graduates = new Set(first.data.cohortDashboard.items.map((e: { student: { id: string } }) => e.student.id));
      const second = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 100, o: 100, snapshot });
      second.data.cohortDashboard.items.forEach((e: { student: { id: string } }) => graduates.add(e.student.id));
      expect(second.data.cohortDashboard).toMatchObject({ total: 167, snapshot });
      expect(graduates.size).toBe(167);
      // The whole intake was read once, for the first page.
      expect(reads.map((r) => r.length)).toEqual([500]);
      // The next pages are slices of the entries kept with the reading: one statement (the
      // page's students), not the intake's students and theses again.
      const counter = countStatements(orm);
      const third = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 100, o: 200, snapshot });
      expect(third.data.cohortDashboard).toMatchObject({ total: 167, snapshot, items: [] });
      const last = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 100, o: 150, snapshot });
      expect(last.data.cohortDashboard.items.map((e: { student: { id: string } }) => e.student.id)).toEqual(second.data.cohortDashboard.items.slice(50).map((e: { student: { id: string } }) => e.student.id));
      expect(counter.count).toBe(1);
      // Another filter on the same reading is computed from it (no new read) and kept apart.
      counter.reset();
      const atRisk = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, f: 'AT_RISK', l: 100, snapshot });
      expect(atRisk.data.cohortDashboard).toMatchObject({ total: 100, snapshot });
      expect(counter.count).toBe(2);
      const stillGraduates = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, s: 'GRADUATED', l: 100, o: 100, snapshot });
      expect(stillGraduates.data.cohortDashboard).toEqual(second.data.cohortDashboard);
      expect(reads.map((r) => r.length)).toEqual([500]);
      // Another intake's snapshot is not this one's: a fresh reading.
      const other = await execute(server, dashboardContext(), DASHBOARD, { c: 2023, s: 'GRADUATED', l: 100, snapshot });
      expect(other.data.cohortDashboard.snapshot).not.toBe(snapshot);
      expect(reads.map((r) => r.length)).toEqual([500, 10]);
    });

    it('costs the same number of SQL statements for 10 and for 500 students', async () => {
      const counter = countStatements(orm);
      await execute(server, dashboardContext(), DASHBOARD, { c: 2023, l: 500 });
      const forTen = counter.count;
      counter.reset();
      const { data } = await execute(server, dashboardContext(), DASHBOARD, { c: 2024, l: 500 });
      expect(data.cohortDashboard.items).toHaveLength(500);
      expect(counter.count).toBe(forTen);
    });

    it('bad paging and dates get BAD_USER_INPUT / INVALID_DATE', async () => {
      expect((await execute(server, dashboardContext(), DASHBOARD, { c: 2024, l: 0 })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const bad = await execute(server, dashboardContext(), `{ cohortDashboard(cohort: 2024, asOf: "2026-13-01") { total } }`);
      expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_DATE');
    });
  });
});
