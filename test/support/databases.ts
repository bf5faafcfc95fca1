import { inject } from 'vitest';
import { withDatabase } from '@pioneer/shared/config';
import { ensureDatabase } from '@pioneer/shared/persistence';

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
