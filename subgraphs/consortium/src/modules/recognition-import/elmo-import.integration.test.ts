import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditScopes, type AuditScope } from '@pioneer/shared/audit';
import { principalFromClaims, type Principal } from '@pioneer/shared/auth';
import { freshDatabase } from '../../../../../test/support/databases.js';
import { COORDINATOR } from '../../../../../test/support/principals.js';
import { execute, testServer } from '../../../../../test/support/graphql.js';
import { base64, elmoTranscript, signedElmoTranscript, TARTU, type ElmoFixture } from '../../../../../test/support/elmo.js';
import { DEMO_ROLES } from '../../../../../scripts/lib/tokens.js';
import type { ConsortiumContext } from '../../context.js';
import { buildConsortiumSchema, consortiumContext, openConsortiumDatabase } from '../../subgraph.js';
import { StudentService } from '../students/student.service.js';
import { ElmoImportService } from './elmo-import.service.js';
import { readElmo } from './elmo.reader.js';

/** ELMO files for recognition in the consortium subgraph (§13 (2), (3)): preview, record, decide, trace. */
let orm: MikroORM;
let server: ApolloServer<ConsortiumContext>;
let context: (principal: Principal | null) => ConsortiumContext;
let mari: string;
let other: string;

const FILE: Omit<ElmoFixture, 'givenNames' | 'familyName' | 'dateOfBirth'> = {
  institution: TARTU,
  courses: [
    { code: 'LTAT.05.003', title: 'Software Engineering', credits: '6', grade: 'A', date: '2025-01-20' },
    { code: 'MJRI.01.005', title: 'E-Governance and Digital Public Services', credits: '7.5', grade: 'B', date: '2025-06-10' },
    { code: 'LTAT.00.001', title: 'Thesis seminar', credits: '3', grade: 'F', date: '2025-06-12', status: 'failed' },
  ],
};
const MARI = { ...FILE, givenNames: 'Mari', familyName: 'Tämm', dateOfBirth: '1999-04-01' };
const STAFF = principalFromClaims(DEMO_ROLES['ttu-staff']());

const run = (query: string, variables: Record<string, unknown> = {}, principal: Principal | null = COORDINATOR) => execute(server, context(principal), query, variables);
const code = (r: { errors?: readonly { extensions?: Record<string, unknown> }[] }) => r.errors?.[0]?.extensions?.code;
const count = async (table: string) => ((await orm.em.fork().getConnection().execute(`select count(*)::int as n from ${table}`))[0]?.n ?? 0) as number;

const IMPORT = `mutation($i: ImportElmoInput!) { importElmo(input: $i) { id fileName sha256 size signed signer { subject } learner { familyName } learnerMatchesStudent importedBy learningOpportunities { key code credits status } } }`;
const DECIDE = `mutation($i: RecognitionDecisionInput!) { decideRecognition(input: $i) { id kind courseCode elmoImport { id sha256 signed } learningOpportunityKeys recognisedFrom { key title credits resultLabel institution country } } }`;
const decision = (studentId: string, source: unknown, courseCode = 'TTU-EGOV') => ({
  studentId,
  university: 'TTU',
  courseCode,
  decidedOn: '2026-09-10',
  reason: 'Equivalent in content and level (Lisbon Convention); staff of the subject consulted (§13 (1), (3))',
  source,
});

beforeAll(async () => {
  orm = await openConsortiumDatabase(await freshDatabase('elmo'));
  server = await testServer<ConsortiumContext>(await buildConsortiumSchema());
  context = consortiumContext(orm, { creditsEarned: async () => 0, recordsOf: async () => [] });
  const students = new StudentService(orm.em.fork());
  mari = (await students.create({ givenName: 'Mari', familyName: 'Tamm', dateOfBirth: '1999-04-01', placeOfBirth: 'Tartu, Estonia', cohort: 2025 })).id;
  other = (await students.create({ givenName: 'Ada', familyName: 'Other', dateOfBirth: '2000-01-01', placeOfBirth: 'Riga, Latvia', cohort: 2025 })).id;
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await orm?.close();
});

describe('ELMO import for recognition (§13 (2), (3))', () => {
  it('previews a signed file without storing anything: signer, learner, learning opportunities', async () => {
    const r = await run(`query($i: PreviewElmoImportInput!) { previewElmoImport(input: $i) { sha256 signed signer { subject } learner { givenNames familyName dateOfBirth } learningOpportunities { key code title credits resultLabel status date institution country } } }`, {
      i: { file: base64(signedElmoTranscript(MARI)) },
    });
    expect(r.errors).toBeUndefined();
    expect(r.data.previewElmoImport).toMatchObject({ signed: true, signer: { subject: 'CN=EMREX contact point (test), O=University of Tartu, C=EE' }, learner: { familyName: 'Tämm' } });
    expect(r.data.previewElmoImport.learningOpportunities[1]).toEqual({
      key: '1.2', code: 'MJRI.01.005', title: 'E-Governance and Digital Public Services', credits: '7.5', resultLabel: 'B', status: 'passed', date: '2025-06-10', institution: 'University of Tartu', country: 'EE',
    });
    expect(await count('elmo_import')).toBe(0);
  });

  it('stores an unsigned file once, marked unsigned, with its bytes, SHA-256 and who imported it', async () => {
    const xml = elmoTranscript(MARI);
    const first = await run(IMPORT, { i: { studentId: mari, fileName: 'tartu-transcript.xml', file: base64(xml) } });
    expect(first.errors).toBeUndefined();
    expect(first.data.importElmo).toMatchObject({ fileName: 'tartu-transcript.xml', size: Buffer.byteLength(xml), signed: false, signer: null, learnerMatchesStudent: true, importedBy: 'coordinator' });
    const again = await run(IMPORT, { i: { studentId: mari, fileName: 'again.xml', file: base64(xml) } });
    expect(again.data.importElmo.id).toBe(first.data.importElmo.id);
    expect(await count('elmo_import')).toBe(1);
    const stored = await run(`{ elmoImport(id: "${first.data.importElmo.id}") { sha256 file } }`, {}, STAFF);
    expect(Buffer.from(stored.data.elmoImport.file, 'base64').toString('utf8')).toBe(xml);
  });

  it('the same file uploaded twice at once is stored once; the upload that loses the race answers the stored import', async () => {
    const xml = elmoTranscript({ ...MARI, courses: FILE.courses.slice(1, 2) });
    const reading = await readElmo(Buffer.from(xml));
    // The other upload, caught between its insert and its commit.
    const knex = orm.em.getConnection().getKnex();
    const first = await knex.transaction();
    const winner = randomUUID();
    await first.raw(
      `insert into elmo_import (id, student_id, file_name, content, sha256, size, signer, learner, learning_opportunities, imported_by, imported_by_name, imported_at)
       values (?, ?, 'first.xml', ?, ?, ?, null, ?, ?, 'coordinator', 'Local Coordinator', now())`,
      [winner, other, Buffer.from(xml), reading.sha256, reading.size, JSON.stringify(reading.learner), JSON.stringify(reading.learningOpportunities)],
    );
    const second = new ElmoImportService(orm.em.fork()).import({ studentId: other, fileName: 'second.xml', file: Buffer.from(xml) }, COORDINATOR);
    // Wait until the second upload waits on the unique index, then let the first commit.
    const waiting = async () => ((await knex.raw(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'insert into "elmo_import"%'`)).rows[0].n as number);
    await expect.poll(waiting, { timeout: 30_000 }).toBe(1);
    await first.commit();
    expect((await second).id).toBe(winner);
    const rows = await orm.em.fork().getConnection().execute<{ n: number }[]>('select count(*)::int as n from elmo_import where student_id = ?', [other]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('decides a recognition citing learning opportunities of a stored file; the decision traces back to them', async () => {
    const stored = (await run(IMPORT, { i: { studentId: mari, fileName: 'signed.xml', file: base64(signedElmoTranscript(MARI)) } })).data.importElmo;
    expect(stored.signed).toBe(true);
    const r = await run(DECIDE, { i: decision(mari, { elmoImportId: stored.id, learningOpportunityKeys: ['1.2'] }) });
    expect(r.errors).toBeUndefined();
    expect(r.data.decideRecognition).toMatchObject({
      kind: 'RECOGNITION',
      elmoImport: { id: stored.id, sha256: stored.sha256, signed: true },
      learningOpportunityKeys: ['1.2'],
      recognisedFrom: [{ key: '1.2', title: 'E-Governance and Digital Public Services', credits: '7.5', resultLabel: 'B', institution: 'University of Tartu', country: 'EE' }],
    });
    // The student sees the decision about them with its source.
    const own = await run(`{ student(id: "${mari}") { decisions { id elmoImport { fileName signed } recognisedFrom { title } } } }`, {}, principalFromClaims(DEMO_ROLES.student(mari)));
    expect(own.data.student.decisions).toEqual([{ id: r.data.decideRecognition.id, elmoImport: { fileName: 'signed.xml', signed: true }, recognisedFrom: [{ title: 'E-Governance and Digital Public Services' }] }]);
  });

  it('refuses a source that is not the student’s file, an unknown or a failed learning opportunity, writing nothing', async () => {
    const stored = (await run(IMPORT, { i: { studentId: mari, fileName: 'tartu-transcript.xml', file: base64(elmoTranscript(MARI)) } })).data.importElmo;
    const before = await count('committee_decision');
    expect(code(await run(DECIDE, { i: decision(other, { elmoImportId: stored.id, learningOpportunityKeys: ['1.1'] }) }))).toBe('UNKNOWN_ELMO_IMPORT');
    expect(code(await run(DECIDE, { i: decision(mari, { elmoImportId: 'not-an-id', learningOpportunityKeys: ['1.1'] }) }))).toBe('UNKNOWN_ELMO_IMPORT');
    const unknown = await run(DECIDE, { i: decision(mari, { elmoImportId: stored.id, learningOpportunityKeys: ['1.1', '4.1'] }) });
    expect(unknown.errors?.[0]?.extensions).toMatchObject({ code: 'UNKNOWN_LEARNING_OPPORTUNITY', details: { key: '4.1' } });
    expect(code(await run(DECIDE, { i: decision(mari, { elmoImportId: stored.id, learningOpportunityKeys: ['1.3'] }) }))).toBe('LEARNING_OPPORTUNITY_NOT_PASSED');
    expect(code(await run(DECIDE, { i: decision(mari, { elmoImportId: stored.id, learningOpportunityKeys: [] }) }))).toBe('BAD_USER_INPUT');
    expect(await count('committee_decision')).toBe(before);
  });

  it('refuses a tampered, an invalid or a non-base64 file with its code, storing nothing', async () => {
    const before = await count('elmo_import');
    const tampered = signedElmoTranscript(MARI).replace('<value>6</value>', '<value>16</value>');
    expect(code(await run(IMPORT, { i: { studentId: mari, fileName: 'x.xml', file: base64(tampered) } }))).toBe('ELMO_SIGNATURE_INVALID');
    expect(code(await run(IMPORT, { i: { studentId: mari, fileName: 'x.xml', file: base64(elmoTranscript(MARI).replace('<issueDate>', '<issued>').replace('</issueDate>', '</issued>')) } }))).toBe('ELMO_SCHEMA_INVALID');
    expect(code(await run(IMPORT, { i: { studentId: mari, fileName: 'x.xml', file: 'not base64!' } }))).toBe('BAD_USER_INPUT');
    expect(code(await run(IMPORT, { i: { studentId: '00000000-0000-4000-8000-000000000000', fileName: 'x.xml', file: base64(elmoTranscript(MARI)) } }))).toBe('UNKNOWN_STUDENT');
    expect(await count('elmo_import')).toBe(before);
  });

  it('is the Academic Committee’s: staff read stored files, nobody else previews, imports or reads them', async () => {
    const file = base64(elmoTranscript(MARI));
    expect(code(await run(IMPORT, { i: { studentId: mari, fileName: 'x.xml', file } }, STAFF))).toBe('FORBIDDEN');
    expect(code(await run(`query($i: PreviewElmoImportInput!) { previewElmoImport(input: $i) { sha256 } }`, { i: { file } }, STAFF))).toBe('FORBIDDEN');
    const id = (await run(IMPORT, { i: { studentId: mari, fileName: 'x.xml', file } })).data.importElmo.id;
    expect(code(await run(`{ elmoImport(id: "${id}") { sha256 } }`, {}, principalFromClaims(DEMO_ROLES.student(mari))))).toBe('FORBIDDEN');
    expect(code(await run(`{ elmoImport(id: "${id}") { sha256 } }`, {}, null))).toBe('UNAUTHENTICATED');
  });

  it('the import’s audit entry names the file’s SHA-256 and commits in the import’s own transaction', async () => {
    const xml = elmoTranscript({ ...MARI, courses: FILE.courses.slice(0, 1) });
    const scope: AuditScope = { service: 'consortium', principal: COORDINATOR, operation: 'importElmo', target: `studentId=${mari}`, wrote: false, committed: false, inTransaction: [] };
    const stored = await auditScopes.run(scope, () => new ElmoImportService(orm.em.fork()).import({ studentId: mari, fileName: 'audit.xml', file: Buffer.from(xml) }, COORDINATOR));
    const rows = (await orm.em.fork().getConnection().execute(
      `select a.target, a.xmin::text = e.xmin::text as same_tx from audit_entry a, elmo_import e where a.operation = 'importElmo' and e.id = ?`,
      [stored.id],
    )) as { target: string; same_tx: boolean }[];
    expect(rows).toEqual([{ target: `studentId=${mari} sha256=${stored.sha256}`, same_tx: true }]);
  });
});
