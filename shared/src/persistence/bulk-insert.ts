import pg from 'pg';

/** A column of a bulk insert: its name and the PostgreSQL type its values are cast from. */
export type BulkColumn = readonly [name: string, type: string];

/**
 * Inserts many rows with one statement per chunk: each column travels as one array parameter and
 * `unnest` turns the arrays back into rows. Volume loads use it instead of one statement per row
 * (10,000 students are half a million rows). Bypasses the ORM on purpose: these are bulk loads of
 * rows whose rules the caller has already applied.
 */
export async function bulkInsert(client: pg.ClientBase, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], chunk = 20_000): Promise<number> {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const arrays = columns.map(([, type], i) => `$${i + 1}::${type}[]`).join(', ');
  const sql = `insert into "${table}" (${names}) select * from unnest(${arrays})`;
  for (let start = 0; start < rows.length; start += chunk) {
    const slice = rows.slice(start, start + chunk);
    const params = columns.map((_, i) => slice.map((row) => row[i] ?? null));
    await client.query(sql, params);
  }
  return rows.length;
}

/**
 * The same kind of set-based insert as one statement with ONE parameter (the rows as a JSON
 * array, turned back into typed rows by `jsonb_to_recordset`), for writes inside an ORM
 * transaction: the ORM's driver expands array parameters into lists, so `unnest($1::uuid[])` is
 * not available there. The statement count stays one whatever the number of rows.
 */
export function jsonRowsInsert(table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[]): { sql: string; params: [string] } {
  const names = columns.map(([name]) => `"${name}"`).join(', ');
  const types = columns.map(([name, type]) => `"${name}" ${type}`).join(', ');
  const json = rows.map((row) => Object.fromEntries(columns.map(([name], i) => [name, row[i] ?? null])));
  return { sql: `insert into "${table}" (${names}) select ${names} from jsonb_to_recordset(?::jsonb) as x(${types})`, params: [JSON.stringify(json)] };
}

/** One connection to the database named in `url`, closed after `fn`. */
export async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = await openClient(url);
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** An open connection to the database named in `url`; the caller ends it. */
export async function openClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}
