import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, connectBrowser, hub, openTab, seriousViolations, signIn, token } from './support/browser.js';

/** A student sees only their own record; an anonymous visitor only the sign-in page; an expired session goes back to it. */
let browser: Browser;
let me: { id: string; name: string; cohort: number };
let other: { id: string; name: string };

beforeAll(async () => {
  browser = await connectBrowser();
  const { students } = await api(`{ students(cohort: 2025, limit: 2) { items { id givenName familyName cohort } } }`, {}, await token('committee'));
  const [a, b] = students.items;
  me = { id: a.id, name: `${a.givenName} ${a.familyName}`, cohort: a.cohort };
  other = { id: b.id, name: `${b.givenName} ${b.familyName}` };
});

afterAll(async () => {
  await browser?.close();
});

describe('a student', () => {
  it('signs in as themselves, sees their own record and opens it as PDF', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await signIn(page, 'Student', { field: 'Student', label: `${me.name} (${me.cohort})` });
    await page.getByRole('heading', { level: 1, name: me.name }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/students/${me.id}`);
    await expect.poll(() => page.getByRole('region', { name: 'KU Leuven' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);

    const [response, opened] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === `/students/${me.id}/current-record.pdf`),
      tab.context.waitForEvent('page'),
      page.getByRole('button', { name: 'My current record as PDF' }).click(),
    ]);
    expect(response.status()).toBe(200);
    await expect.poll(() => opened.url()).toMatch(/^blob:/);
    const head = await page.evaluate(async (url) => new TextDecoder('latin1').decode((await (await fetch(url)).arrayBuffer()).slice(0, 5)), opened.url());
    expect(head).toBe('%PDF-');

    // Someone else's URL: a clear refusal with its code, and nothing of theirs on the page.
    await page.goto(`/app/students/${other.id}`);
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/not allowed.*\(code FORBIDDEN\)/);
    expect(await page.content()).not.toContain(other.name);
    expect(await seriousViolations(page)).toEqual([]);

    await page.goto('/app/dashboard');
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/\(code FORBIDDEN\)/);
    expect(tab.foreign).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
    await tab.context.close();
  });
});

describe('an anonymous visitor', () => {
  it('sees nothing but the sign-in page, whatever the URL', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    const graphql: string[] = [];
    page.on('request', (r) => (r.url().endsWith('/graphql') ? graphql.push(r.url()) : undefined));
    for (const path of ['/app/', '/app/dashboard', `/app/students/${other.id}`, '/app/office/leuven', '/', '/dashboard']) {
      await page.goto(path);
      await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(new URL(page.url()).pathname).toBe('/app/sign-in');
      expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    }
    expect(graphql).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    expect(tab.foreign).toEqual([]);
    await tab.context.close();
  });

  it('signs in with the keyboard only and reaches a student record', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    await page.goto('/app/sign-in');
    await page.getByLabel('Role', { exact: true }).waitFor();
    // Tab to the role (committee is preselected), then on to the button, and press Enter.
    const focusTo = async (name: string) => {
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        if (await page.evaluate((n) => document.activeElement?.getAttribute('id') === n || document.activeElement?.textContent === n, name)) return;
      }
      throw new Error(`could not reach ${name} with Tab`);
    };
    await focusTo('role');
    await focusTo('Sign in');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Consortium dashboard' }).waitFor();
    await page.locator('table.dashboard tbody tr').first().waitFor();
    // The other student is of the 2025 intake: one step down from the default (2024) with the arrow key.
    await focusTo('cohort');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByLabel('Intake', { exact: true }).inputValue()).toBe('2025');
    await page.locator('table.dashboard tbody tr').first().waitFor();
    await focusTo('search');
    await page.keyboard.type(other.name);
    await expect.poll(() => page.locator('table.dashboard tbody tr').count()).toBe(1);
    await focusTo(other.name);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: other.name }).waitFor();
    // Focus starts at the new screen's heading.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H1');
    await tab.context.close();
  });
});

describe('a thesis examiner', () => {
  it('is told the web app has no screen for the role yet (the API stays theirs)', async () => {
    const tab = await openTab(browser);
    await signIn(tab.page, 'Thesis examiner', { field: 'Examiner', label: 'Prof. Dr. Joep Crompvoets' });
    await tab.page.getByRole('heading', { level: 1, name: 'No screen for your role yet' }).waitFor();
    expect(await tab.page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
    expect(await seriousViolations(tab.page)).toEqual([]);
    expect(tab.foreign).toEqual([]);
    await tab.context.close();
  });
});

describe('an expired session', () => {
  it('goes back to the sign-in page with the reason, never to a blank page', async () => {
    const tab = await openTab(browser);
    const { page } = tab;
    const response = await page.request.post('/auth/demo/token', { data: { role: 'committee', ttlSeconds: 3 } });
    expect(response.status()).toBe(200);
    const { token: shortLived } = (await response.json()) as { token: string };
    await page.goto('/app/sign-in');
    await page.evaluate((t) => sessionStorage.setItem('pioneer.token', t), shortLived);
    await page.goto('/app/dashboard');
    await page.getByRole('heading', { name: 'Consortium dashboard' }).waitFor();
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor({ timeout: 30_000 });
    await expect.poll(() => page.getByText('Your session has expired. Please sign in again.').count()).toBe(1);
    await tab.context.close();
  });

  it('a sign-out ends the session', async () => {
    const tab = await openTab(browser);
    await signIn(tab.page, 'Academic Committee');
    await tab.page.getByRole('button', { name: 'Sign out' }).click();
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(await tab.page.evaluate(() => sessionStorage.getItem('pioneer.token'))).toBeNull();
    await tab.page.goto('/app/dashboard');
    await tab.page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await tab.context.close();
  });
});

describe('the demo identity provider', () => {
  it('refuses unknown roles and bad lifetimes with coded errors', async () => {
    const tab = await openTab(browser);
    const bad = await tab.page.request.post('/auth/demo/token', { data: { role: 'rector' } });
    expect(bad.status()).toBe(400);
    expect(((await bad.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const long = await tab.page.request.post('/auth/demo/token', { data: { role: 'committee', ttlSeconds: 999_999 } });
    expect(long.status()).toBe(400);
    const text = await tab.page.request.post('/auth/demo/token', { headers: { 'content-type': 'text/plain' }, data: '{"role":"committee"}' });
    expect(text.status()).toBe(415);
    expect(hub().origin).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await tab.context.close();
  });
});
