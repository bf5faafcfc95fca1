import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import { withClient } from './bulk-insert.js';

/**
 * Least-privilege database roles (issue 11 item 4, docs/operations-database.md).
 *
 * Each subgraph database gets two login roles of its own:
 * - the **owner** owns the schema and every table; migrations run as it;
 * - the **serving role** is what the subgraph connects as: it may read and write rows, and no
 *   more. It owns nothing, so it cannot ALTER, DROP or TRUNCATE a table nor disable a trigger;
 *   it is no superuser, so it cannot `SET session_replication_role = replica`; on the append-only
 *   tables (the audit trail, the result history, issued documents) it has no UPDATE or DELETE
 *   (only the columns a revocation adds), and triggers refuse those statements to anyone.
 *
 * Role names are cluster-wide while databases are not: names are derived from the database's
 * name, so parallel test runs (each with its own databases) never share a role, and
 * `dropDatabase` drops the roles with their database.
 */

export interface AppendOnlyTable {
  table: string;
  /** Columns the serving role may still set (an issued document's revocation); its own trigger guards the rest. */
  updatableColumns?: readonly string[];
}

export interface DatabaseRoles {
  owner: string;
  serving: string;
  /** The database as the owner (migrations, seeding). */
  ownerUrl: string;
  /** The database as the serving role (the subgraph). */
  servingUrl: string;
}

const MAX_IDENTIFIER = 63;

/** The two role names of a database: `<db>_owner`, `<db>_app` (shortened with a hash when too long). */
export function roleNames(database: string): { owner: string; serving: string } {
  const base = database.length + '_owner'.length <= MAX_IDENTIFIER ? database : `${database.slice(0, 40)}_${createHash('sha256').update(database).digest('hex').slice(0, 8)}`;
  return { owner: `${base}_owner`, serving: `${base}_app` };
}

function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

function asRole(url: string, role: string, password: string): string {
  const u = new URL(url);
  u.username = encodeURIComponent(role);
  u.password = encodeURIComponent(password);
  return u.toString();
}

/**
 * Run with an administrator's URL of the (existing) database, before migrations: creates the
 * two roles when missing, gives them fresh passwords, creates the extensions the migrations need,
 * and hands the schema and every existing object in it (extensions' own objects aside) to the owner (a database first migrated by an administrator is taken over).
 * Idempotent; run at every start.
 */
export async function prepareDatabaseRoles(adminUrl: string, extensions: readonly string[] = []): Promise<DatabaseRoles> {
  const database = databaseOf(adminUrl);
  const { owner, serving } = roleNames(database);
  const passwords = { owner: randomBytes(24).toString('base64url'), serving: randomBytes(24).toString('base64url') };
  await withClient(adminUrl, async (c) => {
    const id = (name: string) => c.escapeIdentifier(name);
    for (const [role, password] of [
      [owner, passwords.owner],
      [serving, passwords.serving],
    ] as const) {
      const exists = await c.query('select 1 from pg_roles where rolname = $1', [role]);
      const attributes = `login noinherit nosuperuser nocreatedb nocreaterole noreplication nobypassrls password ${c.escapeLiteral(password)}`;
      // Two starts at once may both find the role missing; the loser just sets the password.
      if (exists.rowCount === 0) await c.query(`create role ${id(role)} ${attributes}`).catch(() => undefined);
      await c.query(`alter role ${id(role)} ${attributes}`);
    }
    // Nobody else connects to this database (other runs' roles included).
    await c.query(`revoke all on database ${id(database)} from public`);
    await c.query(`grant connect, temporary on database ${id(database)} to ${id(owner)}, ${id(serving)}`);
    await c.query(`alter schema public owner to ${id(owner)}`);
    // Extensions the migrations use: the owner may not create them (no CREATE on the database).
    for (const extension of extensions) await c.query(`create extension if not exists ${id(extension)} with schema public`);
    await c.query(`revoke create on schema public from public`);
    const objects = await c.query<{ kind: string; name: string }>(
      `select case when c.relkind = 'S' then 'sequence' when c.relkind in ('v', 'm') then 'view' else 'table' end as kind, c.relname as name
         from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind in ('r', 'p', 'S', 'v', 'm') and pg_get_userbyid(c.relowner) <> $1
          and not (c.relkind = 'S' and exists (select 1 from pg_depend d where d.objid = c.oid and d.deptype in ('a', 'i')))`,
      [owner],
    );
    for (const o of objects.rows) await c.query(`alter ${o.kind === 'view' ? 'table' : o.kind} ${id(o.name)} owner to ${id(owner)}`);
    const functions = await c.query<{ signature: string }>(
      `select p.oid::regprocedure::text as signature from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where n.nspname = 'public' and pg_get_userbyid(p.proowner) <> $1
          and not exists (select 1 from pg_depend d where d.classid = 'pg_proc'::regclass and d.objid = p.oid and d.deptype = 'e')`,
      [owner],
    );
    for (const f of functions.rows) await c.query(`alter function ${f.signature} owner to ${id(owner)}`);
  });
  return { owner, serving, ownerUrl: asRole(adminUrl, owner, passwords.owner), servingUrl: asRole(adminUrl, serving, passwords.serving) };
}

/**
 * Run as the owner after migrations: the serving role may read and write the rows of every
 * table, except UPDATE/DELETE on the append-only ones; triggers make those append-only for
 * every role (TRUNCATE included). Idempotent; covers tables added by new migrations.
 */
export async function grantServingRole(roles: DatabaseRoles, appendOnly: readonly AppendOnlyTable[]): Promise<void> {
  await withClient(roles.ownerUrl, async (c) => {
    const id = (name: string) => c.escapeIdentifier(name);
    const app = id(roles.serving);
    await c.query('begin');
    await c.query(`grant usage on schema public to ${app}`);
    await c.query(`revoke all on all tables in schema public from ${app}`);
    await c.query(`grant select, insert, update, delete on all tables in schema public to ${app}`);
    await c.query(`grant usage, select on all sequences in schema public to ${app}`);
    // The migration ledger is the owner's.
    await c.query(`revoke insert, update, delete on table mikro_orm_migrations from ${app}`);
    await c.query(`create or replace function pioneer_append_only() returns trigger language plpgsql as $$
      begin
        raise exception '% is append-only: % is not allowed', tg_table_name, tg_op using errcode = 'insufficient_privilege';
      end $$`);
    for (const { table, updatableColumns } of appendOnly) {
      const t = id(table);
      await c.query(`revoke update, delete, truncate on table ${t} from ${app}`);
      if (updatableColumns?.length) await c.query(`grant update (${updatableColumns.map(id).join(', ')}) on table ${t} to ${app}`);
      await c.query(`create or replace trigger pioneer_append_only_truncate before truncate on ${t} for each statement execute function pioneer_append_only()`);
      // A table with updatable columns keeps its own row trigger (which knows which changes are allowed).
      if (!updatableColumns?.length) {
        await c.query(`create or replace trigger pioneer_append_only_rows before update or delete on ${t} for each row execute function pioneer_append_only()`);
      }
    }
    await c.query('commit');
  });
}

/** Drops the roles made for a database (after the database itself is dropped). */
export async function dropDatabaseRoles(serverClient: pg.Client, database: string): Promise<void> {
  const { owner, serving } = roleNames(database);
  for (const role of [serving, owner]) await serverClient.query(`drop role if exists ${serverClient.escapeIdentifier(role)}`);
}
