import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * A read as plain rows with its values sent to PostgreSQL as parameters. The ORM's `execute`
 * writes every value into the statement's text (a page's 500 ids, twice in one statement), which
 * the subgraph escapes one by one and PostgreSQL then parses and plans; here a list of ids is one
 * array parameter (`= any(?)`), and the text is the same for 1 or 500 students. For reads outside
 * a transaction. Knex's `query` event still fires, so the tests' statement counters see it, and a
 * connection failure reaches isDatabaseUnavailable as the driver's own error.
 */
export async function selectRows<T>(em: EntityManager, sql: string, params: readonly Knex.RawBinding[]): Promise<T[]> {
  const result = (await em.getConnection().getKnex().raw(sql, [...params])) as { rows: T[] };
  return result.rows;
}
