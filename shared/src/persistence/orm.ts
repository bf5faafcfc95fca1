import { MikroORM, PostgreSqlDriver, ReflectMetadataProvider, type Options } from '@mikro-orm/postgresql';
import { Migrator } from '@mikro-orm/migrations';
import type { Migration } from '@mikro-orm/migrations';
import { AuditInTransaction } from '../audit/audit-scope.js';

export type MigrationList = { name: string; class: new (...args: any[]) => Migration }[];

export interface OrmOptions {
  clientUrl: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  migrations: MigrationList;
  /** Connection pool size; the default suits one subgraph process on a small machine. */
  poolMax?: number;
}

export function ormConfig(options: OrmOptions): Options {
  return {
    driver: PostgreSqlDriver,
    clientUrl: options.clientUrl,
    entities: options.entities,
    // Explicit types on every property: tsx (esbuild) emits no decorator metadata.
    metadataProvider: ReflectMetadataProvider,
    discovery: { disableDynamicFileAccess: true, requireEntitiesArray: true },
    extensions: [Migrator],
    migrations: {
      migrationsList: options.migrations,
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      tableName: 'mikro_orm_migrations',
      silent: true,
    },
    // A mutation's audit entry is written in the transaction of its write (issue 11 item 7).
    subscribers: [new AuditInTransaction()],
    // Every request works on its own fork; touching the global context is a bug.
    allowGlobalContext: false,
    pool: { min: 0, max: options.poolMax ?? 10 },
    debug: false,
  };
}

/** Opens the ORM and applies the committed migrations; normal runs never use schema:update. */
export async function openDatabase(options: OrmOptions): Promise<MikroORM> {
  const orm = await MikroORM.init(ormConfig(options));
  await orm.getMigrator().up();
  return orm;
}

/**
 * Counts the SQL statements an ORM sends. Tests use it to prove that a request costs the same
 * number of statements for 1 or 500 students (batching), never to time anything.
 */
export function countStatements(orm: MikroORM): { readonly count: number; reset(): void; statements: string[] } {
  const state = { count: 0, statements: [] as string[] };
  const knex = orm.em.getConnection().getKnex();
  knex.on('query', (q: { sql: string }) => {
    state.count += 1;
    state.statements.push(q.sql);
  });
  return {
    get count() {
      return state.count;
    },
    get statements() {
      return state.statements;
    },
    reset() {
      state.count = 0;
      state.statements = [];
    },
  };
}

/** Readiness: one round trip to the database (`select 1`). */
export async function databaseAnswers(orm: MikroORM): Promise<void> {
  await orm.em.getConnection().execute('select 1');
}
