/** What the browser test files share: the hub and browser of browser-setup.ts, sign-in, axe-core, screenshots. */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { demoIssuer, mintDemoToken, type DemoRole } from '../../../scripts/lib/tokens.js';
import { post } from '../../support/graphql.js';
import { writesDocScreenshots } from '../../support/test-config.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const hub = () => inject('browserHub');

export function connectBrowser(): Promise<Browser> {
  return chromium.connect(hub().wsEndpoint);
}

export interface AppTab {
  context: BrowserContext;
  page: Page;
  /** Every request the page made to a host other than the hub (should stay empty). */
  foreign: string[];
  /** Errors the page threw or logged. */
  pageErrors: string[];
}

/** A fresh browser profile on the hub's origin; requests to any other host are recorded and blocked. */
export async function openTab(browser: Browser): Promise<AppTab> {
  const { origin } = hub();
  const context = await browser.newContext({ baseURL: origin, viewport: { width: 1360, height: 900 }, locale: 'en-GB' });
  const foreign: string[] = [];
  const pageErrors: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    // The browser's own pages (its PDF viewer: chrome://, chrome-extension://) are not hosts.
    if (new URL(url).origin === origin || !/^(https?|wss?):/.test(url)) return route.continue();
    foreign.push(url);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  page.setDefaultTimeout(60_000);
  return { context, page, foreign, pageErrors };
}

export async function token(role: DemoRole, arg?: string): Promise<string> {
  return mintDemoToken(await demoIssuer(hub().tokenKey), role, arg);
}

/** An operation sent straight to the gateway (test setup and cross-checks), failing on any error. */
export async function api<T = any>(query: string, variables: Record<string, unknown>, bearer: string): Promise<T> {
  const { body } = await post(hub().gatewayUrl, query, variables, bearer);
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data as T;
}

/** Signs in through the app's sign-in page, as a person would. */
export async function signIn(page: Page, roleLabel: string, person?: { field: 'Student' | 'Examiner'; label: string | RegExp }): Promise<void> {
  await page.goto('/app/sign-in');
  await page.getByLabel('Role', { exact: true }).selectOption({ label: roleLabel });
  if (person) {
    const select = page.getByLabel(person.field, { exact: true });
    const options = await select.locator('option').allTextContents();
    const label = options.find((o) => (typeof person.label === 'string' ? o === person.label : person.label.test(o)));
    if (!label) throw new Error(`no ${person.field} option ${person.label}`);
    await select.selectOption({ label });
  }
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<{ id: string; impact: string; help: string; nodes: string[] }[]> {
  // Evaluated through the DevTools protocol, so the app's CSP (script-src 'self') stays as it is.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as any).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n: any) => n.target.join(' ')) }));
  });
  return (violations as { id: string; impact: string; help: string; nodes: string[] }[]).filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

const SCREENSHOT_DIR = writesDocScreenshots() ? join(import.meta.dirname, '../../../docs/screenshots') : join(tmpdir(), 'pioneer-screenshots');

/** A screenshot of the page; into docs/screenshots with PIONEER_SCREENSHOTS=1 (README), else a temporary folder. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}
