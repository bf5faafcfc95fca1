import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { dropDatabase, isServerReachable, listDatabases } from '@pioneer/shared/persistence';
import { withDatabase } from '@pioneer/shared/config';
import { testDatabaseServer } from './test-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    pg: { serverUrl: string; prefix: string };
  }
}

/**
 * One PostgreSQL server for the run: the one at 127.0.0.1:5432 (or TEST_DATABASE_URL), else an
 * embedded one, said plainly. Every database this run makes starts with a unique prefix and is
 * dropped at the end.
 */
export default async function setup(project: TestProject) {
  let serverUrl = testDatabaseServer();
  let stopEmbedded: (() => Promise<void>) | null = null;
  let tempDir: string | null = null;
  if (!(await isServerReachable(serverUrl))) {
    console.warn(`[tests] no PostgreSQL server answers at ${new URL(serverUrl).host}; starting an embedded one for this run`);
    const { startEmbeddedPostgres } = await import('../../scripts/lib/embedded-postgres.js');
    tempDir = mkdtempSync(join(tmpdir(), 'pioneer-test-pg-'));
    // mkdtemp makes it 0700; as root, PostgreSQL runs as the postgres user, who must get in.
    chmodSync(tempDir, 0o755);
    const server = await startEmbeddedPostgres(join(tempDir, 'data'), 54000 + Math.floor(Math.random() * 900));
    serverUrl = server.url;
    stopEmbedded = server.stop;
  }
  const prefix = `pioneer_t${Date.now().toString(36)}${process.pid}_`;
  project.provide('pg', { serverUrl, prefix });
  return async () => {
    for (const db of await listDatabases(serverUrl, prefix)) await dropDatabase(withDatabase(serverUrl, db));
    if (stopEmbedded) await stopEmbedded();
    if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  };
}
