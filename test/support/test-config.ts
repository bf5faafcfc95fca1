/** The one place the test support reads the environment. */
export function testDatabaseServer(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

/** Debian's chromium, driven by Playwright (never a downloaded browser); CHROMIUM_PATH overrides. */
export function chromiumPath(env: Readonly<Record<string, string | undefined>> = process.env): string {
  return env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

/** With PIONEER_SCREENSHOTS=1 the browser tests write their screenshots into docs/screenshots (for the README). */
export function writesDocScreenshots(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.PIONEER_SCREENSHOTS === '1';
}
