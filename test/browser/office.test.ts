import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, connectBrowser, openTab, screenshot, seriousViolations, signIn, token, type AppTab } from './support/browser.js';

/**
 * KU Leuven's examinations office enters a whole session's results at once (one call of
 * leuvenRecordExaminationSession), imports a CSV export (dry run, then record), and the Academic
 * Committee's dashboard shows the change.
 */
let browser: Browser;
let office: AppTab;
let committeeTab: AppTab;
let leuvenOffice: string;
let committee: string;
const today = new Date().toISOString().slice(0, 10);
let course: { code: string; title: string; examination: { key: string; title: string } };
let students: { id: string; name: string; number: string }[];

beforeAll(async () => {
  browser = await connectBrowser();
  [office, committeeTab] = [await openTab(browser), await openTab(browser)];
  [leuvenOffice, committee] = [await token('leuven-office'), await token('committee')];
  // A scored examination other than the mid-term presentation: the 2026 intake has not sat it yet.
  const { leuvenCourses } = await api(`{ leuvenCourses { code title examinations { key title kind } } }`, {}, leuvenOffice);
  const picked = leuvenCourses.find((c: any) => c.examinations.some((k: any) => k.kind === 'SCORED' && k.key !== 'presentation'));
  course = { code: picked.code, title: picked.title, examination: picked.examinations.find((k: any) => k.kind === 'SCORED' && k.key !== 'presentation') };
  // Three students of the 2026 intake without a failed attempt so far, registered for its first attempt (§9 (4)).
  const { cohortDashboard } = await api(
    `{ cohortDashboard(cohort: 2026, limit: 100) { items { flags student { id givenName familyName leuven { studentNumber } } } } }`,
    {},
    committee,
  );
  students = cohortDashboard.items
    .filter((e: any) => !e.flags.includes('FAILED_ATTEMPT'))
    .slice(0, 3)
    .map((e: any) => ({ id: e.student.id, name: `${e.student.givenName} ${e.student.familyName}`, number: e.student.leuven.studentNumber }));
  expect(students).toHaveLength(3);
  for (const s of students) {
    await api(
      `mutation($i: RegisterExaminationAttemptInput!) { leuvenRegisterExaminationAttempt(input: $i) { id } }`,
      { i: { studentId: s.id, courseCode: course.code, examinationKey: course.examination.key, attempt: 1, registeredOn: today } },
      leuvenOffice,
    );
  }
});

afterAll(async () => {
  await Promise.all([office?.context.close(), committeeTab?.context.close()]);
  await browser?.close();
});

describe("KU Leuven's examinations office", () => {
  it('enters the results of several students in one go and the committee sees its dashboard change', async () => {
    const { page } = office;
    await signIn(page, 'KU Leuven examinations office');
    await page.getByRole('heading', { name: 'KU Leuven: examinations office' }).waitFor();
    await page.getByLabel('Course', { exact: true }).selectOption(course.code);
    await page.getByLabel('Examination', { exact: true }).selectOption(course.examination.key);
    for (const s of students) await page.getByRole('row', { name: new RegExp(s.number) }).waitFor();
    const [failing, ...passing] = students;
    await page.getByLabel('Examiner', { exact: true }).fill('Prof. Dr. Joep Crompvoets');
    await page.getByLabel(`Points for ${failing!.name}`).fill('20');
    await page.getByLabel(`Points for ${passing[0]!.name}`).fill('78');
    await page.getByLabel(`Points for ${passing[1]!.name}`).fill('91');
    expect(await seriousViolations(page)).toEqual([]);
    await page.evaluate(() => window.scrollTo(0, 0));
    await screenshot(page, 'office-session');

    const [saved] = await Promise.all([
      page.waitForRequest((r) => r.url().endsWith('/graphql') && (r.postData() ?? '').includes('RecordExaminationSession')),
      page.getByRole('button', { name: 'Save all results' }).click(),
    ]);
    // One call for the whole session, all or nothing.
    const body = JSON.parse(saved.postData()!);
    expect(body.query.match(/leuvenRecordExaminationSession\(/g)).toHaveLength(1);
    expect(body.variables.input.results).toHaveLength(3);
    await page.getByRole('status').filter({ hasText: '3 of 3 results saved.' }).waitFor();
    const results = await api(`query($c: String!) { leuvenResults(courseCode: $c, examinationKey: "${course.examination.key}", attempt: 1) { studentId points recordedBy } }`, { c: course.code }, leuvenOffice);
    for (const [s, points] of [[failing!, 20], [passing[0]!, 78], [passing[1]!, 91]] as const) {
      expect(results.leuvenResults).toContainEqual({ studentId: s.id, points, recordedBy: 'leuven-office' });
    }

    // The committee's dashboard of the 2026 intake now flags the failed attempt (§15).
    const c = committeeTab.page;
    await signIn(c, 'Academic Committee');
    await c.goto('/app/dashboard?cohort=2026');
    await c.getByLabel('Name or student number', { exact: true }).fill(failing!.number);
    const row = c.getByRole('row', { name: new RegExp(failing!.name) });
    await expect.poll(() => row.textContent()).toContain('Failed attempt');
    await c.getByLabel('Name or student number', { exact: true }).fill('');
    await c.getByLabel('Flag', { exact: true }).selectOption('FAILED_ATTEMPT');
    await expect.poll(() => c.getByRole('row', { name: new RegExp(failing!.name) }).count()).toBe(1);
    expect(await c.getByRole('row', { name: new RegExp(passing[0]!.name) }).count()).toBe(0);
  });

  it('corrects a result with a reason and sees its history (§21)', async () => {
    const { page } = office;
    await page.getByRole('button', { name: 'Corrections' }).click();
    await page.getByLabel('Course', { exact: true }).selectOption(course.code);
    const failing = students[0]!;
    await page.getByRole('row', { name: new RegExp(failing.name) }).getByRole('button', { name: 'Correct / history' }).click();
    await page.getByLabel('Points', { exact: true }).fill('25');
    await page.getByLabel('Examined on', { exact: true }).fill(today);
    await page.getByLabel('Examiner', { exact: true }).fill('Prof. Dr. Joep Crompvoets');
    await page.getByLabel('Reason (§21)', { exact: true }).fill('Counting error on page 3');
    await page.getByRole('button', { name: 'Save correction' }).click();
    await page.getByRole('status').filter({ hasText: 'Corrected: version 2.' }).waitFor();
    await expect.poll(() => page.getByRole('region', { name: 'History of this result (§21)' }).textContent()).toContain('reason: Counting error on page 3');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('imports a CSV export: the dry run shows the refused line, the fixed file is recorded, the same file again changes nothing', async () => {
    const { page } = office;
    // Another examination of the same course, which the three students have not sat.
    const { leuvenCourses } = await api(`{ leuvenCourses { code examinations { key kind } } }`, {}, leuvenOffice);
    const other = leuvenCourses.find((c: any) => c.code === course.code).examinations.find((k: any) => k.kind === 'SCORED' && k.key !== course.examination.key && k.key !== 'presentation');
    const header = 'Studentennummer;OPO;Evaluatie;Poging;Examendatum;Punten;Score;Examinator';
    const date = today.split('-').reverse().join('/');
    const file = (middle: string) =>
      Buffer.from(
        `\uFEFF${header}\r\n${students[0]!.number};${course.code};${other.key};1;${date};61;12;Prof. Dr. Joep Crompvoets\r\n${students[1]!.number};${course.code};${other.key};1;${date};${middle};Prof. Dr. Joep Crompvoets\r\n${students[2]!.number};${course.code};${other.key};1;${date};88;17;Prof. Dr. Joep Crompvoets\r\n`,
      );
    await page.getByRole('button', { name: 'Import a CSV file' }).click();
    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'leuven-export.csv', mimeType: 'text/csv', buffer: file(';15') });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    const report = page.getByRole('table', { name: /leuven-export\.csv: 3 lines, 2 accepted, 0 unchanged, 1 refused/ });
    await report.waitFor();
    await expect.poll(() => report.getByRole('row', { name: /^3 / }).textContent()).toContain('code GRADE_AMBIGUOUS, column "Score"');
    expect(await page.getByRole('button', { name: 'Record these results' }).isDisabled()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, 'office-import');

    await page.getByLabel('CSV file', { exact: true }).setInputFiles({ name: 'leuven-export.csv', mimeType: 'text/csv', buffer: file('77;15') });
    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('status').filter({ hasText: 'Dry run: 3 of 3 lines would be recorded.' }).waitFor();
    await page.getByRole('button', { name: 'Record these results' }).click();
    await page.getByRole('status').filter({ hasText: 'Recorded 3 results.' }).waitFor();
    const recorded = await api(`query($c: String!) { leuvenResults(courseCode: $c, examinationKey: "${other.key}", attempt: 1) { studentId points } }`, { c: course.code }, leuvenOffice);
    expect(recorded.leuvenResults).toEqual(expect.arrayContaining([{ studentId: students[1]!.id, points: 77 }]));

    await page.getByRole('button', { name: 'Check the file (dry run)' }).click();
    await page.getByRole('status').filter({ hasText: 'Nothing changed: all 3 lines are already recorded with the same values.' }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
  });

  // Issue 14: the rectification names only the result, yet it is in the student's audit.
  it('the committee sees the office’s correction in the audit of changes on the student page', async () => {
    const c = committeeTab.page;
    const corrected = students[0]!;
    await c.goto(`/app/students/${corrected.id}`);
    await c.getByRole('heading', { level: 1, name: corrected.name }).waitFor();
    const audit = c.getByRole('table', { name: 'Changes to this student (newest first)' });
    const row = audit.getByRole('row').filter({ hasText: 'leuvenRectifyExaminationResult' });
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
    expect(await row.textContent()).toMatch(/leuven.*KU Leuven examinations office.*leuvenRectifyExaminationResult.*resultId=.*OK/);
    // The same entries as the API's filtered trail: everything the hub recorded about this student.
    const { leuvenAuditTrail } = await api(`query($f: AuditFilter!) { leuvenAuditTrail(filter: $f, limit: 500) { total items { operation studentId } } }`, { f: { studentId: corrected.id } }, committee);
    expect(leuvenAuditTrail.items.filter((e: any) => e.operation === 'leuvenRectifyExaminationResult')).toEqual([{ operation: 'leuvenRectifyExaminationResult', studentId: corrected.id }]);
    expect(await audit.locator('tbody tr').filter({ has: c.locator('td:nth-child(2)', { hasText: /^leuven$/ }) }).count()).toBe(leuvenAuditTrail.total);
    expect(await seriousViolations(c)).toEqual([]);
  });

  it('shows an API refusal as a sentence with its code, and writes nothing', async () => {
    const { page } = office;
    await page.getByRole('button', { name: 'Enrolments' }).click();
    await page.getByLabel('Student id', { exact: true }).fill(students[1]!.id);
    await page.getByLabel('Student number', { exact: true }).fill('r0999999');
    await page.getByRole('button', { name: 'Enrol', exact: true }).click();
    const alert = page.getByRole('alert');
    await expect.poll(() => alert.textContent()).toMatch(/\(code ALREADY_ENROLLED\)/);
    const { leuvenEnrolments } = await api(`{ leuvenEnrolments { studentNumber } }`, {}, leuvenOffice);
    expect(leuvenEnrolments.map((e: any) => e.studentNumber)).not.toContain('r0999999');
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('staff of a university read the desk but cannot save', async () => {
    const staff = await openTab(browser);
    await signIn(staff.page, 'KU Leuven staff (read-only)');
    await staff.page.getByRole('heading', { name: 'KU Leuven: examinations office' }).waitFor();
    await staff.page.getByText(/Read-only: only KU Leuven/).waitFor();
    expect(await staff.page.getByRole('button', { name: 'Save all results' }).count()).toBe(0);
    await staff.page.getByRole('button', { name: 'Catalogue' }).click();
    await staff.page.getByRole('table', { name: /KU Leuven: the catalogue/ }).waitFor();
    expect(await seriousViolations(staff.page)).toEqual([]);
    expect(staff.foreign).toEqual([]);
    await staff.context.close();
  });

  it('asked nothing of any other host and threw no error', () => {
    expect([...office.foreign, ...committeeTab.foreign]).toEqual([]);
    expect([...office.pageErrors, ...committeeTab.pageErrors]).toEqual([]);
  });
});
