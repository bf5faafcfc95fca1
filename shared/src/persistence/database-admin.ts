import pg from 'pg';
import { dropDatabaseRoles } from './database-roles.js';

function parts(url: string): { server: string; database: string } {
  const u = new URL(url);
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  u.pathname = '/postgres';
  return { server: u.toString(), database };
}

async function withServer<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: parts(url).server });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Creates the database named in `url` on its server if it does not exist yet. */
export async function ensureDatabase(url: string): Promise<void> {
  const { database } = parts(url);
  await withServer(url, async (client) => {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${quoteIdent(database)}`);
  });
}

/** Drops the database and the roles made for it (database-roles.ts). */
export async function dropDatabase(url: string): Promise<void> {
  const { database } = parts(url);
  await withServer(url, async (client) => {
    await client.query(`drop database if exists ${quoteIdent(database)} with (force)`);
    await dropDatabaseRoles(client, database);
  });
}

export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return withServer(serverUrl, async (client) => {
    const rows = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [`${prefix}%`]);
    return rows.rows.map((r) => r.datname);
  });
}

export async function isServerReachable(url: string): Promise<boolean> {
  try {
    await withServer(url, (client) => client.query('select 1'));
    return true;
  } catch {
    return false;
  }
}
