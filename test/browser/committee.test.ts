import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, connectBrowser, openTab, screenshot, seriousViolations, signIn, token, type AppTab } from './support/browser.js';
import { signedElmoTranscript, TARTU } from '../support/elmo.js';

/**
 * The Academic Committee in the browser: filters an intake, finds a student by a Münster student
 * number, opens the record, issues a Diploma Supplement and opens its PDF, recognises prior learning
 * from an ELMO file (docs/recognition.md). Every screen is checked
 * with axe-core, and no request leaves the hub.
 */
let browser: Browser;
let tab: AppTab;
let committee: string;

beforeAll(async () => {
  browser = await connectBrowser();
  tab = await openTab(browser);
  committee = await token('committee');
});

afterAll(async () => {
  await tab?.context.close();
  await browser?.close();
});

describe('the committee', () => {
  it('signs in on the demo sign-in page and lands on the dashboard (no serious accessibility violation)', async () => {
    const { page } = tab;
    await page.goto('/app/');
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Sign in');
    expect(await seriousViolations(page)).toEqual([]);
    await signIn(page, 'Academic Committee');
    await page.getByRole('heading', { name: 'Consortium dashboard' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
  });

  it('filters the 2024 intake by status and flag: the rows are the API’s', async () => {
    const { page } = tab;
    await page.getByLabel('Intake', { exact: true }).selectOption('2024');
    await page.locator('table.dashboard tbody tr').first().waitFor();
    const all = await api(`{ cohortDashboard(cohort: 2024, limit: 500) { total items { status flags } } }`, {}, committee);
    expect(all.cohortDashboard.total).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'students ·' }).textContent()).toContain(`${all.cohortDashboard.total} of ${all.cohortDashboard.total} students`);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'dashboard');

    const graduated = all.cohortDashboard.items.filter((e: any) => e.status === 'GRADUATED').length;
    await page.getByLabel('Status', { exact: true }).selectOption('GRADUATED');
    await expect.poll(() => page.locator('table.dashboard tbody tr').count()).toBe(Math.min(graduated, 25));
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'students ·' }).textContent()).toContain(`${graduated} of ${all.cohortDashboard.total}`);

    await page.getByLabel('Status', { exact: true }).selectOption('');
    const atRisk = all.cohortDashboard.items.filter((e: any) => e.flags.includes('AT_RISK')).length;
    await page.getByLabel('Flag', { exact: true }).selectOption('AT_RISK');
    await expect.poll(() => page.getByRole('status').filter({ hasText: 'students ·' }).textContent()).toContain(`${atRisk} of ${all.cohortDashboard.total}`);
    await page.getByLabel('Flag', { exact: true }).selectOption('');
  });

  it('finds a graduate by their Münster student number, opens the record and sees the three universities', async () => {
    const { page } = tab;
    const data = await api(
      `{ cohortDashboard(cohort: 2024, status: GRADUATED, limit: 1) { items { student { id givenName familyName muenster { studentNumber } } } } }`,
      {},
      committee,
    );
    const student = data.cohortDashboard.items[0].student;
    tab.context.setDefaultTimeout(60_000);
    await page.getByLabel('Name or student number', { exact: true }).fill(student.muenster.studentNumber);
    await expect.poll(() => page.locator('table.dashboard tbody tr').count()).toBe(1);
    const link = page.getByRole('link', { name: `${student.givenName} ${student.familyName}` });
    await link.click();
    await page.getByRole('heading', { level: 1, name: `${student.givenName} ${student.familyName}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/app/students/${student.id}`);
    for (const name of ['KU Leuven', 'University of Münster', 'Tallinn University of Technology (TalTech)']) {
      await expect.poll(() => page.getByRole('region', { name }).count()).toBe(1);
    }
    await expect.poll(() => page.getByRole('region', { name: 'University of Münster' }).textContent()).toContain(student.muenster.studentNumber);
    await page.getByRole('table', { name: 'Changes to this student (newest first)' }).or(page.getByText('No recorded change to this student')).first().waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'student-page');

    // Issue a Diploma Supplement (§17) and open its PDF: fetched with the token, shown from a blob URL.
    await page.getByLabel('Document to issue', { exact: true }).selectOption('DIPLOMA_SUPPLEMENT');
    await page.getByRole('button', { name: 'Issue document' }).click();
    await page.getByRole('status').filter({ hasText: 'Diploma supplement version 1 issued.' }).waitFor();
    const pdfButton = page.getByRole('button', { name: 'Open Diploma supplement version 1 as PDF' });
    await pdfButton.waitFor();
    const [response, opened] = await Promise.all([
      page.waitForResponse((r) => /\/documents\/[^/]+\.pdf$/.test(new URL(r.url()).pathname)),
      tab.context.waitForEvent('page'),
      pdfButton.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    await expect.poll(() => opened.url()).toMatch(/^blob:/);
    // The new tab shows the bytes the app fetched with its token: a PDF.
    const head = await page.evaluate(async (url) => new TextDecoder('latin1').decode((await (await fetch(url)).arrayBuffer()).slice(0, 5)), opened.url());
    expect(head).toBe('%PDF-');
    await opened.close();
    const docs = await api(`query($id: String!) { student(id: $id) { documents { kind version status } } }`, { id: student.id }, committee);
    expect(docs.student.documents).toContainEqual({ kind: 'DIPLOMA_SUPPLEMENT', version: 1, status: 'ISSUED' });
  });

  it('shows the grade distribution of a course as an ECTS grading table', async () => {
    const { page } = tab;
    await page.getByRole('link', { name: 'Grade distributions' }).click();
    await page.getByLabel('Course', { exact: true }).selectOption('LEU-PDBM');
    const expected = await api(`{ leuvenGradeDistribution(courseCode: "LEU-PDBM") { completed } }`, {}, committee);
    await page.getByRole('table', { name: `LEU-PDBM: ${expected.leuvenGradeDistribution.completed} completed results per grade (ECTS grading table)` }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('recognises prior learning from an ELMO file (§13): reads a signed file, stores it, decides citing it; the decision shows its source', async () => {
    const { page } = tab;
    // A 2026 student with TalTech courses not yet taken.
    const data = await api(`{ students(cohort: 2026, limit: 50) { items { id givenName familyName ttu { courses { code state } } } } }`, {}, committee);
    const student = data.students.items.find((s: any) => s.ttu?.courses.some((c: any) => c.state === 'NOT_STARTED'));
    const course = student.ttu.courses.find((c: any) => c.state === 'NOT_STARTED').code as string;
    const xml = signedElmoTranscript({
      givenNames: student.givenName,
      familyName: student.familyName,
      dateOfBirth: '1999-04-01',
      institution: TARTU,
      courses: [
        { code: 'LTAT.05.003', title: 'Software Engineering', credits: '6', grade: 'A', date: '2025-01-20' },
        { code: 'LTAT.00.001', title: 'Thesis seminar', credits: '3', grade: 'F', date: '2025-06-12', status: 'failed' },
      ],
    });

    await page.goto(`/app/students/${student.id}`);
    await page.getByRole('heading', { level: 1, name: `${student.givenName} ${student.familyName}` }).waitFor();
    await page.getByLabel('ELMO / EMREX file', { exact: true }).setInputFiles({ name: 'tartu.xml', mimeType: 'application/xml', buffer: Buffer.from(xml) });
    await page.getByRole('button', { name: 'Read file' }).click();
    await page.getByRole('status').filter({ hasText: 'tartu.xml: 2 learning opportunities, signature verified.' }).waitFor();
    const table = page.getByRole('table', { name: 'Learning opportunities in the file' });
    await expect.poll(() => table.textContent()).toContain('University of Tartu (EE)');
    expect(await seriousViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Put the file on record' }).click();
    await page.getByRole('status').filter({ hasText: 'tartu.xml is on record' }).waitFor();
    // A failed learning opportunity cannot be cited (§13 (1)).
    expect(await page.getByRole('checkbox', { name: 'Cite Thesis seminar' }).isDisabled()).toBe(true);
    await page.getByRole('checkbox', { name: 'Cite Software Engineering' }).check();
    await page.getByLabel('Course to recognise', { exact: true }).selectOption(`TTU:${course}`);
    await page.getByLabel('Reasons (§13 (1), (3))', { exact: true }).fill('Comparable in content and level; staff of the subject consulted');
    await page.getByRole('button', { name: 'Decide recognition' }).click();
    await page.getByRole('status').filter({ hasText: `Recognition of ${course} decided` }).waitFor();
    const decisions = page.getByRole('region', { name: 'Committee decisions' });
    await expect.poll(() => decisions.textContent()).toContain('from tartu.xml (signed by CN=EMREX contact point (test), O=University of Tartu, C=EE): Software Engineering, 6 ECTS, grade A (University of Tartu)');
    expect(await seriousViolations(page)).toEqual([]);

    const stored = await api(`query($id: String!) { student(id: $id) { decisions { courseCode elmoImport { fileName signed } learningOpportunityKeys } } }`, { id: student.id }, committee);
    expect(stored.student.decisions).toContainEqual({ courseCode: course, elmoImport: { fileName: 'tartu.xml', signed: true }, learningOpportunityKeys: ['1.1'] });
  });

  it('asked nothing of any other host and threw no error', () => {
    expect(tab.foreign).toEqual([]);
    expect(tab.pageErrors).toEqual([]);
  });
});
