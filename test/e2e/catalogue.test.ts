import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profile as leuven } from '@pioneer/leuven';
import { profile as muenster } from '@pioneer/muenster';
import { profile as ttu } from '@pioneer/ttu';
import { AdmissionService, openConsortiumDatabase } from '@pioneer/consortium';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { post } from '../support/graphql.js';

/**
 * Issue 15 items 4 and 5 through the gateway: an examinations office sets up next year's
 * catalogue (a new course, an edition of an existing one, an edit with reason and version, a
 * retirement) while last year's result keeps last year's description; students are found by each
 * university's number and by a name typed without accents; enrolments are filtered.
 */
let hub: RunningHub;
const STUDENTS = {
  jose: { id: randomUUID(), givenName: 'José', familyName: 'García Núñez' },
  juergen: { id: randomUUID(), givenName: 'Jürgen', familyName: 'Müller' },
  oie: { id: randomUUID(), givenName: 'Õie', familyName: 'Tamm' },
};
const ALL = Object.values(STUDENTS).map((s) => s.id);
const NUMBERS = { leuven: leuven.studentNumber(501), muenster: muenster.studentNumber(501), ttu: ttu.studentNumber(501) };
const course = leuven.catalogue[0]!;

beforeAll(async () => {
  const databases = await freshHubDatabases('catalogue_e2e');
  const orm = await openConsortiumDatabase(databases.consortium);
  for (const [n, s] of Object.values(STUDENTS).entries()) {
    await new AdmissionService(orm.em.fork()).admit({
      ...s,
      dateOfBirth: '2000-02-29',
      placeOfBirth: 'Sevilla, Spain',
      cohort: 2025,
      bachelorDegree: 'BSc Public Administration',
      bachelorInstitution: 'Universidad de Sevilla',
      bachelorCredits: 180,
      bachelorField: 'PUBLIC_ADMINISTRATION',
      englishProficiency: 'IELTS Academic 7.0',
      decidedOn: '2025-05-15',
      decisionReference: `KUL-PIONEER-2025-C${n}`,
    });
  }
  await orm.close();
  hub = await startTestHub('catalogue', databases);
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

const as = async (role: Parameters<RunningHub['token']>[0], query: string, variables: Record<string, unknown> = {}, arg?: string) =>
  (await post(hub.gatewayUrl, query, variables, await hub.token(role, arg))).body;

describe('a catalogue per academic year and the lookups, through the gateway', () => {
  it('every student is enrolled in every university (2025 intake) and José sits the 2025/26 examinations', async () => {
    for (const [u, enrolledOn] of [['leuven', '2025-09-15'], ['muenster', '2026-03-02'], ['ttu', '2026-09-14']] as const) {
      for (const [i, id] of ALL.entries()) {
        const studentNumber = i === 0 ? NUMBERS[u] : (u === 'leuven' ? leuven : u === 'muenster' ? muenster : ttu).studentNumber(600 + i);
        const body = await as(`${u}-office`, `mutation($i: EnrolStudentInput!) { ${u}EnrolStudent(input: $i) { studentNumber } }`, { i: { studentId: id, studentNumber, enrolledOn } });
        expect(body.errors, `${u} ${i}`).toBeUndefined();
      }
    }
    for (const c of course.components) {
      const reg = await as('leuven-office', `mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { attempt } }`, {
        i: { studentId: STUDENTS.jose.id, courseCode: course.code, examinationKey: c.key, attempt: 1, registeredOn: '2026-01-05' },
      });
      expect(reg.errors).toBeUndefined();
      const res = await as('leuven-office', `mutation($i: RecordExaminationResultInput!) { leuvenRecordExaminationResult(input: $i) { version } }`, {
        i: { studentId: STUDENTS.jose.id, courseCode: course.code, examinationKey: c.key, attempt: 1, status: 'GRADED', examinedOn: '2026-01-20', examiner: 'Prof. X', ...(c.kind === 'SCORED' ? { points: 73 } : { passed: true }) },
      });
      expect(res.errors).toBeUndefined();
    }
  });

  it('the office sets up 2026/27: a new course with an examination added, an edition of an existing course, an edit with reason and version, a retirement', async () => {
    const created = await as('leuven-office', `mutation($i: CreateCourseInput!) { leuvenCreateCourse(input: $i) { code academicYear version examinations { key kind weight maxAttempts } } }`, {
      i: { courseCode: 'LEU-DGOV', academicYear: '2026/27', title: 'Digital Government', courseType: 'Lecture', examinationTypes: ['Written examination'], credits: 3, examinations: [{ examinationKey: 'written-exam', title: 'Written examination', kind: 'SCORED', weight: 100, maxAttempts: 3 }], reason: 'New elective from 2026/27' },
    });
    expect(created).toEqual({ data: { leuvenCreateCourse: { code: 'LEU-DGOV', academicYear: '2026/27', version: 1, examinations: [{ key: 'written-exam', kind: 'SCORED', weight: 100, maxAttempts: 3 }] } } });
    const added = await as('leuven-office', `mutation($i: AddExaminationInput!) { leuvenAddExamination(input: $i) { key kind weight } }`, {
      i: { courseCode: 'LEU-DGOV', academicYear: '2026/27', examination: { examinationKey: 'participation', title: 'Participation', kind: 'PASS_FAIL' }, reason: 'Participation is required' },
    });
    expect(added).toEqual({ data: { leuvenAddExamination: { key: 'participation', kind: 'PASS_FAIL', weight: 0 } } });

    const edition = await as('leuven-office', `mutation($i: CreateCourseEditionInput!) { leuvenCreateCourseEdition(input: $i) { academicYear title version } }`, {
      i: { courseCode: course.code, academicYear: '2026/27', title: 'Public Sector Innovation', reason: 'Course description 2026/27' },
    });
    expect(edition).toEqual({ data: { leuvenCreateCourseEdition: { academicYear: '2026/27', title: 'Public Sector Innovation', version: 1 } } });
    const edit = `mutation($i: EditCourseInput!) { leuvenEditCourse(input: $i) { academicYear overallWeight version } }`;
    const stale = await as('leuven-office', edit, { i: { courseCode: course.code, academicYear: '2026/27', overallWeight: 8, reason: 'Weight of the new description', expectedVersion: 7 } });
    expect(stale.errors[0].extensions.code).toBe('VERSION_CONFLICT');
    const edited = await as('leuven-office', edit, { i: { courseCode: course.code, academicYear: '2026/27', overallWeight: 8, reason: 'Weight of the new description', expectedVersion: 1 } });
    expect(edited).toEqual({ data: { leuvenEditCourse: { academicYear: '2026/27', overallWeight: 8, version: 2 } } });

    const retired = await as('leuven-office', `mutation($i: RetireCourseInput!) { leuvenRetireCourse(input: $i) { academicYear retiredOn version } }`, {
      i: { courseCode: course.code, academicYear: '2025/26', retiredOn: '2026-08-31', reason: 'Replaced by the 2026/27 description', expectedVersion: 1 },
    });
    expect(retired).toEqual({ data: { leuvenRetireCourse: { academicYear: '2017/18', retiredOn: '2026-08-31', version: 2 } } });

    const changes = await as('leuven-staff', `query($c: String!) { leuvenCatalogueChanges(code: $c) { academicYear field newValue reason changedBy } }`, { c: course.code });
    expect(changes.data.leuvenCatalogueChanges).toEqual([
      { academicYear: '2026/27', field: 'created', newValue: 'Public Sector Innovation', reason: 'Course description 2026/27', changedBy: 'leuven-office' },
      { academicYear: '2026/27', field: 'overallWeight', newValue: '8', reason: 'Weight of the new description', changedBy: 'leuven-office' },
      { academicYear: '2017/18', field: 'retiredOn', newValue: '2026-08-31', reason: 'Replaced by the 2026/27 description', changedBy: 'leuven-office' },
    ]);
  });

  it('staff cannot write the catalogue, nor can another university’s office; nothing is written', async () => {
    const create = `mutation($i: CreateCourseInput!) { leuvenCreateCourse(input: $i) { code } }`;
    const i = { courseCode: 'LEU-OPEN', academicYear: '2026/27', title: 'Open Data', courseType: 'Seminar', examinationTypes: ['Paper'], credits: 3, examinations: [{ examinationKey: 'paper', title: 'Paper', kind: 'SCORED', weight: 100 }], reason: 'New seminar' };
    for (const role of ['leuven-staff', 'muenster-office', 'committee'] as const) expect((await as(role, create, { i })).errors[0].extensions.code, role).toBe('FORBIDDEN');
    const retire = await as('muenster-office', `mutation($i: RetireCourseInput!) { leuvenRetireCourse(input: $i) { code } }`, { i: { courseCode: 'LEU-DGOV', retiredOn: '2026-10-01', reason: 'not ours' } });
    expect(retire.errors[0].extensions.code).toBe('FORBIDDEN');
    const editions = await as('leuven-staff', `{ leuvenCourseEditions(courseCode: "LEU-OPEN") { code } }`);
    expect(editions.errors[0].extensions.code).toBe('UNKNOWN_COURSE');
  });

  it('last year’s result keeps last year’s description; a student who never started a retired edition is given the new one', async () => {
    const body = await as('committee', `query($ids: [String!]) { students(ids: $ids, limit: 10) { items { id leuven { courses { code title academicYear credits completed } } } } }`, { ids: [STUDENTS.jose.id, STUDENTS.juergen.id] });
    expect(body.errors).toBeUndefined();
    const pasi = (id: string) => body.data.students.items.find((s: { id: string }) => s.id === id).leuven.courses.filter((c: { code: string }) => c.code === course.code);
    expect(pasi(STUDENTS.jose.id)).toEqual([{ code: course.code, title: course.title, academicYear: '2017/18', credits: 6, completed: true }]);
    expect(pasi(STUDENTS.juergen.id)).toEqual([{ code: course.code, title: 'Public Sector Innovation', academicYear: '2026/27', credits: 6, completed: false }]);
    // The retired edition takes no new student: Jürgen registering in 2025/26 (its year) is refused.
    const late = await as('leuven-office', `mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { attempt } }`, {
      i: { studentId: STUDENTS.juergen.id, courseCode: course.code, examinationKey: course.components[0]!.key, attempt: 1, registeredOn: '2026-08-31' },
    });
    expect(late.errors[0].extensions.code).toBe('COURSE_RETIRED');
  });

  it('finds a student by each university’s number, with the name from the consortium', async () => {
    for (const u of ['leuven', 'muenster', 'ttu'] as const) {
      const body = await as('committee', `query($n: String!) { ${u}StudentByNumber(studentNumber: $n) { id givenName familyName } }`, { n: NUMBERS[u] });
      expect(body, u).toEqual({ data: { [`${u}StudentByNumber`]: { id: STUDENTS.jose.id, givenName: 'José', familyName: 'García Núñez' } } });
    }
    const own = await as('student', `query($n: String!) { ttuStudentByNumber(studentNumber: $n) { id } }`, { n: NUMBERS.ttu }, STUDENTS.jose.id);
    expect(own.data.ttuStudentByNumber.id).toBe(STUDENTS.jose.id);
    const other = await as('student', `query($n: String!) { ttuStudentByNumber(studentNumber: $n) { id } }`, { n: NUMBERS.ttu }, STUDENTS.oie.id);
    expect(other.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  it('finds students by a name typed without accents or capitals, a page at a time', async () => {
    const search = async (term: string, limit = 10) => (await as('leuven-staff', `query($s: String!, $l: Int!) { students(search: $s, limit: $l) { total items { givenName familyName } } }`, { s: term, l: limit })).data.students;
    expect(await search('jose')).toEqual({ total: 1, items: [{ givenName: 'José', familyName: 'García Núñez' }] });
    expect(await search('MULLER')).toEqual({ total: 1, items: [{ givenName: 'Jürgen', familyName: 'Müller' }] });
    expect(await search('nunez garcia')).toMatchObject({ total: 1 });
    expect(await search('oie tamm')).toMatchObject({ total: 1 });
    expect(await search('e', 1)).toMatchObject({ total: 3, items: [expect.anything()] });
    expect(await search('nobody')).toEqual({ total: 0, items: [] });
  });

  it('filters enrolments by intake, number and standing, and lists a session’s registrations', async () => {
    const search = `query($i: EnrolmentSearchInput!) { muensterEnrolmentSearch(input: $i) { total items { studentNumber intake status } } }`;
    const page = async (i: Record<string, unknown>) => (await as('muenster-staff', search, { i })).data.muensterEnrolmentSearch;
    expect(await page({ intake: 2025 })).toMatchObject({ total: 3 });
    expect(await page({ intake: 2024 })).toEqual({ total: 0, items: [] });
    expect(await page({ studentNumber: NUMBERS.muenster })).toEqual({ total: 1, items: [{ studentNumber: NUMBERS.muenster, intake: 2025, status: 'IN_PROGRESS' }] });
    expect(await page({ status: 'COMPLETED' })).toEqual({ total: 0, items: [] });
    const ttuIntake = await as('ttu-office', `{ ttuEnrolmentSearch(input: { intake: 2025, limit: 2 }) { total items { intake } } }`);
    expect(ttuIntake.data.ttuEnrolmentSearch).toEqual({ total: 3, items: [{ intake: 2025 }, { intake: 2025 }] });
    expect((await as('leuven-office', search, { i: {} })).errors[0].extensions.code).toBe('FORBIDDEN');

    const session = await as('leuven-office', `query($i: SessionRegistrationsInput!) { leuvenSessionRegistrations(input: $i) { attempt enrolment { studentNumber } result { points examinedOn } } }`, {
      i: { courseCode: course.code, examinationKey: course.components[0]!.key, examinedOn: '2026-01-20' },
    });
    expect(session).toEqual({ data: { leuvenSessionRegistrations: [{ attempt: 1, enrolment: { studentNumber: NUMBERS.leuven }, result: { points: 73, examinedOn: '2026-01-20' } }] } });
  });
});
