/** The one place the test support reads the environment. */
export function testDatabaseServer(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}
