import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from '../support/databases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TSX_LOADER, type HubOptions, type RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { freePort } from '../support/ports.js';

/**
 * Issue 15 items 1 and 2 through the gateway of a running demo hub: each university imports a
 * realistic CSV export of its own system (BOM, its separator, decimal commas, a bad line in the
 * middle): the dry run reports the bad line and writes nothing; fixed, the file commits; imported
 * again, it changes nothing. The office's command line does the same, and a session sent twice
 * with one Idempotency-Key is recorded once.
 */
let hub: RunningHub;
let databases: HubOptions['databases'];
let dir: string;
const run = promisify(execFile);

type Field = 'leuven' | 'muenster' | 'ttu';

async function gateway(field: Field, query: string, variables: Record<string, unknown>, key?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${await hub.token(`${field}-office`)}` };
  if (key) headers['idempotency-key'] = key;
  const res = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string; details?: any } }[] };
}

const results = async (field: Field) => Number((await sql(databases[field], 'select count(*)::int as n from exam_result'))[0]!.n);

/** Students of the 2026 intake (enrolled 2026-09-15) and a scored examination none of them has sat. */
async function openExamination(field: Field): Promise<{ students: string[]; courseCode: string; key: string }> {
  const students = (await sql(databases[field], `select student_number from enrolment where enrolled_on = '2026-09-15' order by student_number limit 5`)).map((r) => r.student_number as string);
  const free = await sql(
    databases[field],
    `select c.code, x.key from exam_component x join course c on c.id = x.course_id
      where x.kind = 'SCORED' and not exists (select 1 from registration r join enrolment e on e.id = r.enrolment_id where r.component_id = x.id and e.enrolled_on = '2026-09-15')
      order by c.code, x.position`,
  );
  expect(students).toHaveLength(5);
  return { students, courseCode: free[0]!.code, key: free[0]!.key };
}

beforeAll(async () => {
  databases = await freshHubDatabases('import');
  hub = await startTestHub('demo', databases);
  dir = await mkdtemp(join(tmpdir(), 'pioneer-import-'));
}, 300_000);

afterAll(async () => {
  await hub?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const IMPORT = (field: Field) => `mutation($input: ImportResultsInput!) {
  ${field}ImportResults(input: $input) { sha256 delimiter committed rows accepted unchanged refused summary lines { line outcome code column points } }
}`;

/**
 * Each university's export, as its system writes it: the header in its language, its date
 * format and separator, points with a decimal comma where the system writes one, and the grade.
 * `bad` puts a line in the middle with only a grade that stands for a band of points.
 */
function exportOf(field: Field, o: { students: string[]; courseCode: string; key: string }, bad: boolean): string {
  const [s0, s1, s2, s3, s4] = o.students as [string, string, string, string, string];
  const rows: Record<Field, string[]> = {
    leuven: [
      'Studentennummer;OPO;Evaluatie;Poging;Examendatum;Punten;Score;Examinator;Status',
      `${s0};${o.courseCode};${o.key};1;20/11/2026;73;14;Prof. Dr. Joep Crompvoets;`,
      `${s1};${o.courseCode};${o.key};1;20/11/2026;48;9;Prof. Dr. Joep Crompvoets;`,
      bad ? `${s2};${o.courseCode};${o.key};1;20/11/2026;;15;Prof. Dr. Joep Crompvoets;` : `${s2};${o.courseCode};${o.key};1;20/11/2026;78;15;Prof. Dr. Joep Crompvoets;`,
      `${s3};${o.courseCode};${o.key};1;20/11/2026;;;Prof. Dr. Joep Crompvoets;afwezig`,
      `${s4};${o.courseCode};${o.key};1;20/11/2026;;20;Prof. Dr. Joep Crompvoets;`,
    ],
    muenster: [
      'Matrikelnummer;Modul;Prüfung;Versuch;Prüfungsdatum;Punkte;Note;Prüfer;Status',
      `${s0};${o.courseCode};${o.key};1;20.11.2026;73,0;2,7;Prof. Dr. Jörg Becker;`,
      `${s1};${o.courseCode};${o.key};1;20.11.2026;91,0;1,3;Prof. Dr. Jörg Becker;`,
      bad ? `${s2};${o.courseCode};${o.key};1;20.11.2026;;2,3;Prof. Dr. Jörg Becker;` : `${s2};${o.courseCode};${o.key};1;20.11.2026;77,0;2,3;Prof. Dr. Jörg Becker;`,
      `${s3};${o.courseCode};${o.key};1;20.11.2026;;NE;Prof. Dr. Jörg Becker;`,
      `${s4};${o.courseCode};${o.key};1;20.11.2026;49,0;5,0;Prof. Dr. Jörg Becker;`,
    ],
    ttu: [
      'Matrikli nr,Ainekood,Hindamine,Katse,Kuupäev,Punktid,Hinne,Hindaja,Staatus',
      `${s0},${o.courseCode},${o.key},1,20.11.2026,"73,0",3,Dr. Ingrid Pappel,`,
      `${s1},${o.courseCode},${o.key},1,20.11.2026,"95,0",5,Dr. Ingrid Pappel,`,
      bad ? `${s2},${o.courseCode},${o.key},1,20.11.2026,,4,Dr. Ingrid Pappel,` : `${s2},${o.courseCode},${o.key},1,20.11.2026,"85,0",4,Dr. Ingrid Pappel,`,
      `${s3},${o.courseCode},${o.key},1,20.11.2026,,,Dr. Ingrid Pappel,mitte ilmunud`,
      `${s4},${o.courseCode},${o.key},1,20.11.2026,"50,0",0,Dr. Ingrid Pappel,`,
    ],
  };
  return `\uFEFF${rows[field].join('\r\n')}\r\n`;
}

describe.each(['leuven', 'muenster', 'ttu'] as const)('%s imports its own CSV export through the gateway', (field) => {
  it('dry run reports the bad line and writes nothing; fixed, it commits with its SHA-256 audited; again, it changes nothing', async () => {
    const open = await openExamination(field);
    const before = await results(field);
    const dry = await gateway(field, IMPORT(field), { input: { csv: exportOf(field, open, true), commit: false, fileName: `${field}-nov.csv` } });
    expect(dry.errors).toBeUndefined();
    const report = dry.data[`${field}ImportResults`];
    expect(report).toMatchObject({ delimiter: field === 'ttu' ? ',' : ';', committed: false, rows: 5, accepted: 4, refused: 1 });
    expect(report.lines[2]).toMatchObject({ line: 4, outcome: 'REFUSED', code: 'GRADE_AMBIGUOUS', column: { leuven: 'Score', muenster: 'Note', ttu: 'Hinne' }[field] });
    expect(await results(field)).toBe(before);

    const fixed = exportOf(field, open, false);
    const commit = await gateway(field, IMPORT(field), { input: { csv: fixed, commit: true, fileName: `${field}-nov.csv` } });
    expect(commit.errors).toBeUndefined();
    const done = commit.data[`${field}ImportResults`];
    expect(done).toMatchObject({ committed: true, accepted: 5, unchanged: 0, refused: 0 });
    expect(done.lines.map((l: { points: number | null }) => l.points)).toEqual(
      { leuven: [73, 48, 78, null, 100], muenster: [73, 91, 77, null, 49], ttu: [73, 95, 85, null, 50] }[field],
    );
    expect(await results(field)).toBe(before + 5);
    // The import's audit entry carries the file's SHA-256 and was written by the results' transaction.
    const [entry] = await sql(databases[field], `select xmin::text as tx, actor from audit_entry where operation = $1 and target like $2`, [`${field}ImportResults`, `%sha256=${done.sha256}%commit=true`]);
    const [result] = await sql(databases[field], `select xmin::text as tx from exam_result where id = (select id from exam_result order by recorded_at desc limit 1)`);
    expect(entry).toEqual({ tx: result!.tx, actor: `${field}-office` });

    const again = await gateway(field, IMPORT(field), { input: { csv: fixed, commit: true, fileName: `${field}-nov.csv` } });
    expect(again.data[`${field}ImportResults`]).toMatchObject({ committed: false, accepted: 0, unchanged: 5, summary: 'Nothing changed: all 5 lines are already recorded with the same values.' });
    expect(await results(field)).toBe(before + 5);
  });
});

describe('the office’s command line and safe retries', () => {
  it('npm run import: dry run with progress and the report, then --commit; a bad address is one clear line', async () => {
    const file = join(dir, 'leuven-results.csv');
    const open = await openExamination('leuven');
    const env = { ...process.env, GATEWAY_URL: hub.gatewayUrl, AUTHORIZATION: `Bearer ${await hub.token('leuven-office')}` };
    const cli = (args: string[]): Promise<{ stdout: string; stderr: string; code: number }> =>
      run(process.execPath, ['--import', TSX_LOADER, 'scripts/import-results.ts', ...args], { env, cwd: process.cwd() }).then(
        (r) => ({ ...r, code: 0 }),
        (e) => e as { stdout: string; stderr: string; code: number },
      );
    await writeFile(file, exportOf('leuven', open, true));
    const refused = await cli(['leuven', file, '--commit']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain('line    4  REFUSED   ');
    expect(refused.stdout).toContain('GRADE_AMBIGUOUS in "Score": Grade 15 stands for 75-79 points (§16 (1)): give the points');
    expect(refused.stdout).toContain('not committed: fix the refused lines and run it again');
    // The office's real output, for the README.
    console.log(`$ npm run import -- leuven leuven-results.csv --commit\n${refused.stdout}`);
    await writeFile(file, exportOf('leuven', open, false));
    const dry = await cli(['leuven', file]);
    expect(dry.stdout).toContain('dry run at');
    expect(dry.stdout).toContain('5 lines: 5 accepted, 0 unchanged, 0 refused');
    expect(dry.stdout).toContain('dry run only: run it again with --commit');
    const commit = await cli(['leuven', file, '--commit']);
    expect(commit.stdout).toContain('Recorded 5 results.');
    console.log(`$ npm run import -- leuven leuven-results.csv --commit\n${commit.stdout}`);
    const again = await cli(['leuven', file, '--commit']);
    expect(again.stdout).toContain('Nothing changed: all 5 lines are already recorded with the same values.');
    const nobody = `http://127.0.0.1:${await freePort()}/graphql`;
    const unreachable = await cli(['leuven', file, nobody]);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trim()).toBe(`error: cannot reach the gateway at ${nobody} (ECONNREFUSED): is the hub running (npm start)?`);
    const missing = await cli(['leuven', join(dir, 'nope.csv')]);
    expect(missing.stderr.trim()).toBe(`error: cannot read ${join(dir, 'nope.csv')}: no such file`);
    // Six runs of the real command line, each a new Node process: on a CI machine running test
    // files side by side they can take longer than a test's default 30 s.
  }, 180_000);

  it('a session sent twice with one Idempotency-Key is recorded once and answered the same', async () => {
    const { students, courseCode, key } = await openExamination('muenster');
    const SESSION = `mutation($input: RecordExaminationSessionInput!) { muensterRecordExaminationSession(input: $input) { recorded registered unchanged rows { row studentNumber attempt outcome resultId } } }`;
    const input = { courseCode, examinationKey: key, attempt: 1, examinedOn: '2026-11-21', examiner: 'Prof. Dr. Jörg Becker', results: students.map((s, i) => ({ studentNumber: s, points: 55 + i * 9 })) };
    const before = await results('muenster');
    const first = await gateway('muenster', SESSION, { input }, 'session-2026-11-21-muenster');
    expect(first.errors).toBeUndefined();
    expect(first.data.muensterRecordExaminationSession).toMatchObject({ recorded: 5, registered: 5, unchanged: 0 });
    const retry = await gateway('muenster', SESSION, { input }, 'session-2026-11-21-muenster');
    expect(retry).toEqual(first);
    expect(await results('muenster')).toBe(before + 5);
    expect(Number((await sql(databases.muenster, `select count(*)::int as n from audit_entry where operation = 'muensterRecordExaminationSession' and target like 'courseCode=%'`))[0]!.n)).toBe(1);
  });
});
