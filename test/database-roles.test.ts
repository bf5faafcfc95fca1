import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consortiumAppendOnlyTables, consortiumDatabaseExtensions } from '@pioneer/consortium';
import { universityAppendOnlyTables } from '@pioneer/university-kit';
import { grantServingRole, prepareDatabaseRoles, roleNames, dropDatabase, type DatabaseRoles } from '@pioneer/shared/persistence';
import { migrateDatabases, seedDemoIfEmpty } from '../scripts/lib/seed.js';
import { freshHubDatabases } from './support/hub.js';
import { Migration20261129120000 } from '../subgraphs/university-kit/src/migrations/Migration20261129120000.js';

/**
 * Issue 11 item 4: the subgraphs' serving role cannot corrupt what must never change. Every
 * forbidden statement is tried as that role against databases migrated and seeded as the owner,
 * exactly as `startHub` sets them up.
 */
type Name = 'leuven' | 'muenster' | 'ttu' | 'consortium';
let roles: Record<Name, DatabaseRoles>;
let databases: Record<Name, string>;

async function as<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}
/** The error PostgreSQL answers a statement with (null when it succeeded). */
const refusal = (url: string, sql: string) =>
  as(url, (c) => c.query(sql).then(
    () => null,
    (e: { code?: string; message: string }) => e.code ?? e.message,
  ));

beforeAll(async () => {
  databases = await freshHubDatabases('roles');
  roles = {} as typeof roles;
  for (const name of Object.keys(databases) as Name[]) roles[name] = await prepareDatabaseRoles(databases[name], name === 'consortium' ? consortiumDatabaseExtensions : []);
  const owners = { leuven: roles.leuven.ownerUrl, muenster: roles.muenster.ownerUrl, ttu: roles.ttu.ownerUrl, consortium: roles.consortium.ownerUrl };
  await migrateDatabases(owners);
  await seedDemoIfEmpty(owners, () => {});
  for (const name of ['leuven', 'muenster', 'ttu'] as const) await grantServingRole(roles[name], universityAppendOnlyTables);
  await grantServingRole(roles.consortium, consortiumAppendOnlyTables);
  // One audit entry and one issued document to attack (the demo seed issues none).
  await as(roles.consortium.servingUrl, async (c) => {
    await c.query(`insert into audit_entry (id, at, service, actor, actor_name, roles, operation, target, outcome) values (gen_random_uuid(), now(), 'consortium', 'a', 'a', 'committee', 'issueDocument', null, 'OK')`);
    const student = (await c.query<{ id: string }>('select id from student limit 1')).rows[0]!.id;
    await c.query(
      `insert into issued_document (id, student_id, kind, version, number, issued_on, snapshot, record_fingerprint, pdf, pdf_sha256, created_at) values (gen_random_uuid(), $1, 'TRANSCRIPT_OF_RECORDS', 1, 'PIONEER-TR-2024-9999', '2026-11-01', '{}', 'f', '\\x00', 'h', now())`,
      [student],
    );
  });
}, 300_000);

afterAll(async () => {
  // The global teardown drops these too; dropping here also shows the roles go with their database.
  for (const url of Object.values(databases ?? {})) await dropDatabase(url);
});

describe('least-privilege database roles', () => {
  it('role names are per database, short enough, and distinct for parallel runs', () => {
    expect(roles.leuven.serving).not.toBe(roles.muenster.serving);
    const long = roleNames('x'.repeat(63));
    expect(long.owner.length).toBeLessThanOrEqual(63);
    expect(long).not.toEqual(roleNames(`${'x'.repeat(62)}y`));
  });

  it('the serving role reads and writes ordinary rows', async () => {
    await as(roles.leuven.servingUrl, async (c) => {
      expect((await c.query('select count(*)::int as n from result_version')).rows[0].n).toBeGreaterThan(0);
      await c.query(`insert into audit_entry (id, at, service, actor, actor_name, roles, operation, target, outcome) values (gen_random_uuid(), now(), 'leuven', 'a', 'a', 'x', 'op', null, 'OK')`);
      await c.query(`update course set title = title where code = (select code from course limit 1)`);
    });
  });

  it('as the serving role: no TRUNCATE, ALTER TABLE, DISABLE TRIGGER, DROP, session_replication_role or role changes', async () => {
    const app = roles.leuven.servingUrl;
    const attempts = [
      'truncate audit_entry',
      'truncate result_version',
      'truncate course cascade',
      'alter table audit_entry add column x int',
      'alter table result_version disable trigger all',
      'alter table result_version disable trigger pioneer_append_only_rows',
      'drop table audit_entry',
      'drop trigger pioneer_append_only_rows on result_version',
      'set session_replication_role = replica',
      'create table sneaky (id int)',
      `alter role ${roles.leuven.serving} superuser`,
      'delete from mikro_orm_migrations',
    ];
    const results = [];
    for (const sql of attempts) results.push([sql, await refusal(app, sql)]);
    // 42501 insufficient_privilege; 42501 also for "must be owner of table".
    expect(results).toEqual(attempts.map((sql) => [sql, '42501']));
  });

  it('as the serving role: no UPDATE or DELETE of the audit trail, the result history, the catalogue changes, issued documents or ELMO imports', async () => {
    const attempts: [string, string][] = [
      [roles.leuven.servingUrl, `update audit_entry set outcome = 'OK'`],
      [roles.leuven.servingUrl, 'delete from audit_entry'],
      [roles.leuven.servingUrl, 'update result_version set points = 100'],
      [roles.leuven.servingUrl, 'delete from result_version'],
      [roles.leuven.servingUrl, `update catalogue_change set reason = 'rewritten'`],
      [roles.leuven.servingUrl, 'delete from catalogue_change'],
      [roles.consortium.servingUrl, `update audit_entry set actor = 'someone-else'`],
      [roles.consortium.servingUrl, 'delete from audit_entry'],
      [roles.consortium.servingUrl, `update issued_document set pdf = '\\x01'`],
      [roles.consortium.servingUrl, 'delete from issued_document'],
      [roles.consortium.servingUrl, 'truncate issued_document'],
      [roles.consortium.servingUrl, `update elmo_import set content = '\\x01'`],
      [roles.consortium.servingUrl, 'delete from elmo_import'],
      [roles.consortium.servingUrl, 'set session_replication_role = replica'],
    ];
    for (const [url, sql] of attempts) expect([sql, await refusal(url, sql)]).toEqual([sql, '42501']);
    // Nothing changed.
    const n = await as(databases.leuven, (c) => c.query(`select count(*)::int as n from audit_entry`));
    expect(n.rows[0].n).toBe(1);
    // A revocation is still possible, once (the document's own trigger forbids the rest).
    expect(await refusal(roles.consortium.servingUrl, `update issued_document set revoked_on = '2026-11-20', revocation_reason = 'test'`)).toBeNull();
    expect(await refusal(roles.consortium.servingUrl, `update issued_document set revocation_reason = 'again'`)).not.toBeNull();
  });

  it('even the owner cannot rewrite the append-only tables (triggers), short of dropping them', async () => {
    for (const sql of ['delete from result_version', 'update audit_entry set outcome = 1::text', 'truncate result_version', 'truncate audit_entry']) {
      expect([sql, await refusal(roles.leuven.ownerUrl, sql)]).toEqual([sql, '42501']);
    }
    // The owner is no superuser either.
    expect(await refusal(roles.leuven.ownerUrl, 'set session_replication_role = replica')).toBe('42501');
  });

  // Issue 14: existing audit entries get their student's id once, past the append-only trigger.
  it('the audit-entry student migration fills only the new column of guarded tables, and the trigger is back after it', async () => {
    const { id: resultId, student_id: studentId } = (
      await as(roles.leuven.ownerUrl, (c) =>
        c.query<{ id: string; student_id: string }>('select x.id, e.student_id from exam_result x join registration r on r.id = x.registration_id join enrolment e on e.id = r.enrolment_id limit 1'),
      )
    ).rows[0]!;
    const legacy = await as(roles.leuven.servingUrl, async (c) =>
      (await c.query<{ id: string }>(`insert into audit_entry (id, at, service, actor, actor_name, roles, operation, target, outcome) values (gen_random_uuid(), now(), 'leuven', 'o', 'o', 'leuven:office', 'leuvenRectifyResult', $1, 'OK') returning id`, [`resultId=${resultId}`])).rows[0]!.id,
    );
    const queries: string[] = [];
    const migration = Object.assign(Object.create(Migration20261129120000.prototype), { addSql: (sql: string) => queries.push(sql) });
    await migration.up();
    const backfill = queries.find((q) => q.startsWith('do $$'))!;
    await as(roles.leuven.ownerUrl, (c) => c.query(backfill));
    const row = await as(roles.leuven.ownerUrl, (c) => c.query('select student_id, target, outcome from audit_entry where id = $1', [legacy]));
    expect(row.rows).toEqual([{ student_id: studentId, target: `resultId=${resultId}`, outcome: 'OK' }]);
    expect(await refusal(roles.leuven.ownerUrl, `update audit_entry set outcome = 'X' where id = '${legacy}'`)).toBe('42501');
  });

  it('preparing again (every start) is idempotent and takes over tables an administrator created', async () => {
    await as(databases.ttu, (c) => c.query('create table made_by_admin (id int)'));
    const again = await prepareDatabaseRoles(databases.ttu);
    await grantServingRole(again, universityAppendOnlyTables);
    const owner = await as(databases.ttu, (c) => c.query<{ o: string }>(`select pg_get_userbyid(relowner) as o from pg_class where relname = 'made_by_admin'`));
    expect(owner.rows[0]!.o).toBe(again.owner);
    expect(await refusal(again.servingUrl, 'truncate result_version')).toBe('42501');
    expect(await refusal(again.servingUrl, 'select count(*) from made_by_admin')).toBeNull();
  });

  it('the roles are dropped with their database', async () => {
    const url = (await freshHubDatabases('roles_drop')).ttu;
    const made = await prepareDatabaseRoles(url);
    await dropDatabase(url);
    const left = await as(databases.leuven, (c) => c.query('select rolname from pg_roles where rolname = any($1)', [[made.owner, made.serving]]));
    expect(left.rowCount).toBe(0);
  });
});
