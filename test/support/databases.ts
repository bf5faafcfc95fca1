import { inject } from 'vitest';
import { withDatabase } from '@pioneer/shared/config';
import type { QueryResultRow } from 'pg';
import { ensureDatabase, withClient } from '@pioneer/shared/persistence';

let counter = 0;

/** A fresh, empty database of this test run (dropped by the global teardown). */
export async function freshDatabase(label: string): Promise<string> {
  const { serverUrl, prefix } = inject('pg');
  counter += 1;
  const name = `${prefix}${label}_${process.pid}_${counter}`.toLowerCase().replace(/[^a-z0-9_]/g, '_').slice(0, 63);
  const url = withDatabase(serverUrl, name);
  await ensureDatabase(url);
  return url;
}

/** One statement against `url` on a connection of its own (what a test reads or plants behind the hub). */
export async function sql<T extends QueryResultRow = any>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (c) => (await c.query<T>(text, params)).rows);
}
