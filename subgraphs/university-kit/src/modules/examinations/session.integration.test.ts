import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditTarget, runMutationsInAuditScope } from '@pioneer/shared/audit';
import { bulkInsert, countStatements } from '@pioneer/shared/persistence';
import { profile } from '@pioneer/leuven';
import { freshDatabase } from '../../../../../test/support/databases.js';
import { actingAs } from '../../../../../test/support/principals.js';
import { execute, testServer } from '../../../../../test/support/graphql.js';
import type { UniversityContext } from '../../context.js';
import type { ConsortiumRegister } from '../enrolment/consortium-register.client.js';
import { CatalogueService } from '../catalogue/catalogue.service.js';
import { CatalogueEditionService } from '../catalogue/catalogue-edition.service.js';
import { ExaminationService } from './examination.service.js';
import { buildUniversitySchema, openUniversityDatabase, universityContext } from '../../subgraph.js';

/**
 * Examination sessions (issue 15 item 1) in-process against a fresh Leuven database of 520
 * enrolled students: the same rules as the single mutations, all or nothing, every bad row
 * reported, and the same SQL statements for 1, 40 or 500 rows.
 */
const SESSION = `mutation($input: RecordExaminationSessionInput!) {
  leuvenRecordExaminationSession(input: $input) { recorded registered unchanged rows { row studentNumber attempt outcome registered resultId } }
}`;

let orm: MikroORM;
let server: ApolloServer<UniversityContext>;
let context: () => UniversityContext;
const students = Array.from({ length: 520 }, (_, i) => ({ id: randomUUID(), number: profile.studentNumber(i + 1) }));
const register: ConsortiumRegister = { admission: async () => ({ decidedOn: '2025-05-15' }), decisions: async () => [] };
const sql = <T = any>(text: string, params: unknown[] = []): Promise<T> => orm.em.getConnection().execute(text, params as never[]) as Promise<T>;
const count = async (table: string, where = 'true', params: unknown[] = []) => Number((await sql<{ n: string }[]>(`select count(*)::int as n from ${table} where ${where}`, params))[0]!.n);
const rows = (from: number, to: number, value: (i: number) => Record<string, unknown> = (i) => ({ points: 40 + (i % 60) })) =>
  students.slice(from, to).map((s, i) => ({ studentNumber: s.number, ...value(i) }));

beforeAll(async () => {
  const url = await freshDatabase('sessions');
  orm = await openUniversityDatabase(url);
  await new CatalogueService(orm.em.fork(), profile).seedCatalogue();
  // 520 enrolments in one statement: the enrolment rules are not what this file tests.
  const knex = orm.em.getConnection().getKnex();
  const client = await knex.client.acquireConnection();
  try {
    await bulkInsert(client, 'enrolment', [['id', 'uuid'], ['student_id', 'uuid'], ['student_number', 'varchar'], ['enrolled_on', 'date']], students.map((s) => [randomUUID(), s.id, s.number, '2025-09-15']));
  } finally {
    await knex.client.releaseConnection(client);
  }
  const schema = await buildUniversitySchema(profile);
  // As the served subgraph does (start-subgraph.ts): every mutation in its audit scope.
  runMutationsInAuditScope(schema, profile.field, auditTarget);
  server = await testServer<UniversityContext>(schema);
  context = actingAs(universityContext(orm, profile, () => register));
});

afterAll(async () => {
  await server?.stop();
  await orm?.close();
});

const session = (input: Record<string, unknown>) =>
  execute(server, context(), SESSION, { input: { courseCode: 'LEU-PDBM', examinationKey: 'written-exam', attempt: 1, examinedOn: '2026-01-20', examiner: 'Prof. Janssens', ...input } });

describe('an examination session in one call', () => {
  it('registers and records every row in one transaction, each with its first version and an audit entry', async () => {
    const { data, errors } = await session({ results: rows(0, 40) });
    expect(errors).toBeUndefined();
    const answer = data.leuvenRecordExaminationSession;
    expect(answer).toMatchObject({ recorded: 40, registered: 40, unchanged: 0 });
    expect(answer.rows[0]).toMatchObject({ row: 1, studentNumber: students[0]!.number, attempt: 1, outcome: 'RECORDED', registered: true });
    const ids = answer.rows.map((r: { resultId: string }) => r.resultId);
    expect(await count('exam_result', 'id in (select unnest(?::uuid[]))', [`{${ids.join(',')}}`])).toBe(40);
    expect(await count('result_version', 'version = 1 and reason is null and result_id in (select unnest(?::uuid[]))', [`{${ids.join(',')}}`])).toBe(40);
    // One entry for the session and one per result (a student's results can be found), all
    // written by the transaction that wrote the results (xmin: the inserting transaction).
    const [tx] = await sql<{ tx: string }[]>('select xmin::text as tx from exam_result where id = ?', [ids[0]]);
    const entries = await sql<{ target: string; tx: string }[]>(`select target, xmin::text as tx from audit_entry where operation = 'leuvenRecordExaminationSession'`);
    expect(entries).toHaveLength(41);
    expect(new Set(entries.map((e) => e.tx))).toEqual(new Set([tx!.tx]));
    expect(entries.map((e) => e.target)).toContain(`courseCode=LEU-PDBM examinationKey=written-exam attempt=1 examinedOn=2026-01-20 rows=40`);
    expect(entries.map((e) => e.target)).toContain(`studentId=${students[0]!.id} courseCode=LEU-PDBM examinationKey=written-exam attempt=1 resultId=${ids[0]}`);
    // Each result's entry is in its student's audit (issue 14); the session's own entry names many students, so none.
    const byStudent = await sql<{ student_id: string | null; n: string }[]>(`select student_id, count(*)::text as n from audit_entry where operation = 'leuvenRecordExaminationSession' group by student_id`);
    expect(byStudent.filter((r) => r.student_id === null)).toEqual([{ student_id: null, n: '1' }]);
    expect(byStudent.find((r) => r.student_id === students[0]!.id)).toEqual({ student_id: students[0]!.id, n: '1' });
    expect(byStudent).toHaveLength(41);
  });

  it('the records show the session exactly as single mutations would have recorded it', async () => {
    // Student 0 had 40 points (failed): the single mutation path must now take attempt 2 only.
    const exams = new ExaminationService(orm.em.fork(), profile);
    await expect(exams.register({ studentId: students[0]!.id, courseCode: 'LEU-PDBM', componentKey: 'written-exam', attempt: 1, registeredOn: '2026-01-21' })).rejects.toMatchObject({ code: 'ALREADY_REGISTERED' });
    await expect(exams.register({ studentId: students[0]!.id, courseCode: 'LEU-PDBM', componentKey: 'written-exam', attempt: 3, registeredOn: '2026-01-21' })).rejects.toMatchObject({ code: 'ATTEMPT_LIMIT_EXCEEDED' });
  });

  it('sending the same session again changes nothing and says so', async () => {
    const before = await count('exam_result');
    const { data, errors } = await session({ results: rows(0, 40) });
    expect(errors).toBeUndefined();
    expect(data.leuvenRecordExaminationSession).toMatchObject({ recorded: 0, registered: 0, unchanged: 40 });
    expect(await count('exam_result')).toBe(before);
  });

  it('a refused session answers every bad row with its number, code and field, and writes nothing', async () => {
    const before = { results: await count('exam_result'), registrations: await count('registration'), audit: await count('audit_entry') };
    const results = [
      ...rows(40, 45),
      { studentNumber: 'r9999999', points: 70 }, // row 6: not enrolled
      { studentNumber: students[46]!.number, points: 101 }, // row 7: out of range
      { studentNumber: students[47]!.number, passed: true }, // row 8: a verdict on a scored examination
      { studentNumber: students[41]!.number, points: 66 }, // row 9: the same student twice
      { studentNumber: students[0]!.number, points: 77 }, // row 10: a different value for a recorded attempt
      { studentId: students[48]!.id, studentNumber: students[48]!.number, points: 60 }, // row 11: named twice
      { studentNumber: students[49]!.number, status: 'ABSENT', points: 10 }, // row 12: points on a status
    ];
    const { data, errors } = await session({ results });
    expect(data).toBeNull();
    expect(errors![0]!.extensions).toMatchObject({ code: 'SESSION_REFUSED' });
    const bad = (errors![0]!.extensions as any).details.rows.map((r: any) => [r.row, r.code, r.field]);
    expect(bad).toEqual([
      [6, 'STUDENT_NOT_ENROLLED', 'student'],
      [7, 'POINTS_OUT_OF_RANGE', 'points'],
      [8, 'PASS_FAIL_ON_SCORED_EXAMINATION', 'passed'],
      [9, 'DUPLICATE_ROW', 'student'],
      [10, 'RESULT_ALREADY_RECORDED', 'attempt'],
      [11, 'BAD_USER_INPUT', 'student'],
      [12, 'BAD_USER_INPUT', 'status'],
    ]);
    expect(await count('exam_result')).toBe(before.results);
    expect(await count('registration')).toBe(before.registrations);
    // The refused attempt is audited by the plugin after the response, not here (no plugin in-process).
    expect(await count('audit_entry')).toBe(before.audit);
  });

  it('checks dates and the attempt order like the single mutations', async () => {
    const future = await session({ examinedOn: '2999-01-01', results: rows(50, 52) });
    expect((future.errors![0]!.extensions as any).details.rows.map((r: any) => r.code)).toEqual(['INVALID_DATE', 'INVALID_DATE']);
    const beforeEnrolment = await session({ examinedOn: '2025-09-01', results: rows(50, 51) });
    expect((beforeEnrolment.errors![0]!.extensions as any).details.rows[0]).toMatchObject({ row: 1, code: 'INVALID_DATE' });
    const skipping = await session({ attempt: 2, results: rows(50, 51) });
    expect((skipping.errors![0]!.extensions as any).details.rows[0]).toMatchObject({ row: 1, code: 'ATTEMPT_OUT_OF_ORDER', field: 'attempt' });
  });

  it('"next attempt": a retake for those who failed; for one who passed, the single mutation\'s refusal', async () => {
    // Students 0-9 of the first session: 40-49 points (failed), 10-39: 50+ (passed).
    const { data, errors } = await session({ attempt: null, examinedOn: '2026-02-10', results: rows(0, 10, () => ({ points: 65 })) });
    expect(errors).toBeUndefined();
    expect(data.leuvenRecordExaminationSession.rows.map((r: { attempt: number }) => r.attempt)).toEqual(Array(10).fill(2));
    const passed = await session({ attempt: null, examinedOn: '2026-02-10', results: rows(10, 11, () => ({ points: 65 })) });
    const single = await new ExaminationService(orm.em.fork(), profile)
      .register({ studentId: students[10]!.id, courseCode: 'LEU-PDBM', componentKey: 'written-exam', attempt: 2, registeredOn: '2026-02-10' })
      .catch((e: { code: string }) => e.code);
    expect(single).toBe('ATTEMPT_OUT_OF_ORDER');
    expect((passed.errors![0]!.extensions as any).details.rows[0]).toMatchObject({ row: 1, code: single });
  });

  it('refuses more than 500 rows as a limit, with its code; what all rows share is one error, not one per row', async () => {
    const { errors } = await session({ results: rows(0, 501) });
    expect(errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 500, rows: 501 } });
    const before = await count('exam_result');
    const unknown = await session({ examinationKey: 'viva', results: rows(60, 100) });
    expect(unknown.errors).toHaveLength(1);
    expect(unknown.errors![0]!.extensions).toMatchObject({ code: 'UNKNOWN_EXAMINATION', details: { field: 'examinationKey' } });
    expect((await session({ courseCode: 'MS-PM', results: rows(60, 100) })).errors![0]!.extensions).toMatchObject({ code: 'COURSE_OF_ANOTHER_UNIVERSITY' });
    expect((await session({ examiner: ' ', results: rows(60, 100) })).errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'examiner' } });
    expect((await session({ examinedOn: '20.01.2026', results: rows(60, 100) })).errors![0]!.extensions).toMatchObject({ code: 'INVALID_DATE' });
    expect(await count('exam_result')).toBe(before);
  });

  it('costs the same SQL statements for 1 and for 500 students (set-based, no statement per row)', async () => {
    const counter = countStatements(orm);
    const one = await session({ courseCode: 'LEU-BIS', results: rows(0, 1) });
    expect(one.errors).toBeUndefined();
    const forOne = counter.statements.slice();
    counter.reset();
    const many = await session({ courseCode: 'LEU-BIS', results: rows(1, 501) });
    expect(many.errors).toBeUndefined();
    expect(many.data.leuvenRecordExaminationSession.recorded).toBe(500);
    expect(counter.count).toBe(forOne.length);
    // begin, catalogue, lock enrolments, registrations, recognitions, four inserts, the session's audit entry, commit.
    expect(counter.count).toBe(11);
    expect(counter.statements.filter((s) => /for update/i.test(s))).toHaveLength(1);
    expect(await count('exam_result', `registration_id in (select r.id from registration r join exam_component x on x.id = r.component_id join course c on c.id = x.course_id where c.code = 'LEU-BIS')`)).toBe(501);
  });
});

describe('editions of a course (docs/catalogue.md "Editions"; docs/regulations.md readings 37-38)', () => {
  // LEU-IMPS is untouched above. Students 200-204: 200, 201 and 203 fail attempt 1, 204 is new.
  const imps = (input: Record<string, unknown>) => session({ courseCode: 'LEU-IMPS', examinationKey: 'oral-exam', ...input });
  const edition = (resultIds: string[]) =>
    sql<{ academic_year: number }[]>(
      `select c.academic_year from exam_result res join registration r on r.id = res.registration_id join exam_component x on x.id = r.component_id join course c on c.id = x.course_id
        where res.id in (select unnest(?::uuid[])) order by array_position(?::uuid[], res.id)`,
      [`{${resultIds.join(',')}}`, `{${resultIds.join(',')}}`],
    ).then((rows) => rows.map((r) => r.academic_year));
  const resultIds = (data: any) => data.leuvenRecordExaminationSession.rows.map((r: { resultId: string }) => r.resultId);
  const byNumber = (...indexes: number[]) => indexes.map((i) => ({ studentNumber: students[i]!.number, points: 30 }));

  it("files a retake under the edition of the student's first attempt, a new student under the edition in force", async () => {
    const first = await imps({ examinedOn: '2026-01-20', results: byNumber(200, 201) });
    expect(first.errors).toBeUndefined();
    expect(await edition(resultIds(first.data))).toEqual([2017, 2017]);
    await new CatalogueEditionService(orm.em.fork(), profile).createEdition({ courseCode: 'LEU-IMPS', academicYear: 2026, title: 'Information Management in the Public Sector (2026)', reason: 'Course description 2026/27' }, 'leuven-office');

    const counter = countStatements(orm);
    const mixed = await imps({ attempt: null, examinedOn: '2026-10-05', results: byNumber(200, 203) });
    // Two editions in one session cost no statement more than one (11, as for 1 and 500 rows above).
    expect(counter.count).toBe(11);
    expect(mixed.errors).toBeUndefined();
    expect(mixed.data.leuvenRecordExaminationSession.rows.map((r: { attempt: number }) => r.attempt)).toEqual([2, 1]);
    // Student 200's retake stays in 2017/18's description (§15 (4)); student 203 starts in 2026/27's.
    expect(await edition(resultIds(mixed.data))).toEqual([2017, 2026]);
    // The single mutation chooses the same edition: student 203's second attempt is in 2026/27.
    const exams = new ExaminationService(orm.em.fork(), profile);
    const retake = await exams.register({ studentId: students[203]!.id, courseCode: 'LEU-IMPS', componentKey: 'oral-exam', attempt: 2, registeredOn: '2026-10-10' });
    expect(retake.component.course.academicYear).toBe(2026);
    await exams.cancelRegistration(retake.id, { cancelledOn: '2026-10-10', reason: 'registered by the test only' }, 'leuven-office');
  });

  it('refuses a new student to a retired edition per row with COURSE_RETIRED; students already in it go on', async () => {
    await new CatalogueEditionService(orm.em.fork(), profile).retire({ courseCode: 'LEU-IMPS', academicYear: 2026, retiredOn: '2026-10-15', reason: 'Replaced by LEU-DGOV' }, 'leuven-office');
    const before = await count('exam_result');
    const refused = await imps({ attempt: null, examinedOn: '2026-10-20', results: byNumber(201, 203, 204) });
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'SESSION_REFUSED', details: { rows: [{ row: 3, code: 'COURSE_RETIRED', field: 'courseCode' }] } });
    expect(await count('exam_result')).toBe(before);
    // The single mutation refuses student 204 the same way.
    const single = await new ExaminationService(orm.em.fork(), profile)
      .register({ studentId: students[204]!.id, courseCode: 'LEU-IMPS', componentKey: 'oral-exam', attempt: 1, registeredOn: '2026-10-20' })
      .catch((e: { code: string }) => e.code);
    expect(single).toBe('COURSE_RETIRED');

    const rest = await imps({ attempt: null, examinedOn: '2026-10-20', results: byNumber(201, 203) });
    expect(rest.errors).toBeUndefined();
    expect(rest.data.leuvenRecordExaminationSession.rows.map((r: { attempt: number }) => r.attempt)).toEqual([2, 2]);
    // 201 retakes in 2017/18's edition, 203 in the retired 2026/27 one it started (§15 (4)).
    expect(await edition(resultIds(rest.data))).toEqual([2017, 2026]);
  });
});

const IMPORT = `mutation($input: ImportResultsInput!) {
  leuvenImportResults(input: $input) {
    sha256 delimiter committed rows accepted unchanged refused summary
    sessions { courseCode examinationKey attempt examinedOn rows }
    lines { line outcome studentNumber attempt points passed code column message }
  }
}`;

describe('CSV import (issue 15 item 2)', () => {
  // KU Leuven's export: Dutch headers, dd/mm/yyyy, scores out of 20; LEU-RSEM has not been touched above.
  const header = 'Studentennummer;OPO;Evaluatie;Poging;Examendatum;Punten;Score;Examinator;Status';
  const line = (i: number, cells: string) => `${students[100 + i]!.number};${cells}`;
  const good = [
    line(0, 'LEU-RSEM;paper-project;1;20/01/2026;73;14;Prof. Peeters;'),
    line(1, 'LEU-RSEM;paper-project;1;20/01/2026;;20;Prof. Peeters;'),
    line(2, 'LEU-RSEM;paper-project;1;20/01/2026;;;Prof. Peeters;afwezig'),
    line(3, 'LEU-RSEM;process-evaluation;1;21/01/2026;;geslaagd;Prof. Peeters;'),
  ];
  const bad = line(4, 'LEU-RSEM;paper-project;1;20/01/2026;;15;Prof. Peeters;');
  const csv = (rows: string[]) => `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
  const run = (text: string, commit: boolean) => execute(server, context(), IMPORT, { input: { csv: text, commit, fileName: 'rsem-januari.csv' } });

  it('a dry run reports every line, the bad one with its line, column and code, and writes nothing', async () => {
    const before = await count('exam_result');
    const { data, errors } = await run(csv([good[0]!, good[1]!, bad, good[2]!, good[3]!]), false);
    expect(errors).toBeUndefined();
    const report = data.leuvenImportResults;
    expect(report).toMatchObject({ delimiter: ';', committed: false, rows: 5, accepted: 4, unchanged: 0, refused: 1 });
    expect(report.lines.map((l: any) => [l.line, l.outcome, l.code, l.column])).toEqual([
      [2, 'ACCEPTED', null, null],
      [3, 'ACCEPTED', null, null],
      [4, 'REFUSED', 'GRADE_AMBIGUOUS', 'Score'],
      [5, 'ACCEPTED', null, null],
      [6, 'ACCEPTED', null, null],
    ]);
    expect(report.lines[1]).toMatchObject({ points: 100 });
    expect(report.sessions).toEqual([
      { courseCode: 'LEU-RSEM', examinationKey: 'paper-project', attempt: 1, examinedOn: '2026-01-20', rows: 3 },
      { courseCode: 'LEU-RSEM', examinationKey: 'process-evaluation', attempt: 1, examinedOn: '2026-01-21', rows: 1 },
    ]);
    expect(await count('exam_result')).toBe(before);
  });

  it('a commit of a file with a bad line is refused whole (SESSION_REFUSED, line and column), nothing written', async () => {
    const before = await count('exam_result');
    const { errors } = await run(csv([good[0]!, bad]), true);
    expect(errors![0]!.extensions).toMatchObject({ code: 'SESSION_REFUSED', details: { rows: [{ line: 3, column: 'Score', code: 'GRADE_AMBIGUOUS' }] } });
    expect(await count('exam_result')).toBe(before);
  });

  it('fixed, it commits all lines with the file’s SHA-256 in the audit trail; the same file again changes nothing', async () => {
    const fixed = csv([...good, line(4, 'LEU-RSEM;paper-project;1;20/01/2026;77;15;Prof. Peeters;')]);
    const before = await count('exam_result');
    const first = await run(fixed, true);
    expect(first.errors).toBeUndefined();
    expect(first.data.leuvenImportResults).toMatchObject({ committed: true, accepted: 5, unchanged: 0, refused: 0, summary: 'Recorded 5 results.' });
    expect(await count('exam_result')).toBe(before + 5);
    const sha256 = first.data.leuvenImportResults.sha256;
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await count('audit_entry', `operation = 'leuvenImportResults' and target = ?`, [`fileName=rsem-januari.csv sha256=${sha256} commit=true`])).toBe(1);
    expect(await count('audit_entry', `operation = 'leuvenImportResults' and target like 'studentId=%'`)).toBe(5);

    const again = await run(fixed, true);
    expect(again.errors).toBeUndefined();
    expect(again.data.leuvenImportResults).toMatchObject({ committed: false, accepted: 0, unchanged: 5, summary: 'Nothing changed: all 5 lines are already recorded with the same values.' });
    expect(await count('exam_result')).toBe(before + 5);
  });

  it('a different value for an attempt already recorded is refused: a correction is a rectification (§21)', async () => {
    const { data } = await run(csv([line(0, 'LEU-RSEM;paper-project;1;20/01/2026;74;14;Prof. Peeters;')]), false);
    expect(data.leuvenImportResults.lines[0]).toMatchObject({ outcome: 'REFUSED', code: 'RESULT_ALREADY_RECORDED', column: 'Poging' });
  });

  it('limits are reported as limits, with their code', async () => {
    const big = csv(Array.from({ length: 2001 }, (_, i) => line(i % 400, 'LEU-RSEM;presentation;1;20/01/2026;60;;Prof. Peeters;')));
    const { errors } = await run(big, false);
    expect(errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 2000, rows: 2001 } });
    const huge = await run(`${header}\n${'x'.repeat(600_000)}`, false);
    expect(huge.errors![0]!.extensions).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', details: { limit: 524288 } });
  });
});
