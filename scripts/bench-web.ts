/**
 * `npm run bench:web`: how fast the committee's dashboard becomes usable for an intake of 1,000
 * students once the data has arrived. The built app runs in headless Chromium (Debian's), served by
 * the gateway's web-app module; the two /graphql pages of the intake are answered by the benchmark
 * with synthetic entries, so only the app is measured, not the hub. Writes the "Web app" section
 * of docs/benchmarks.md. A benchmark, not a test: numbers depend on the machine.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { createWebApp } from '../gateway/src/web-app.js';
import type { GatewayConfig } from '../gateway/src/config.js';
import { ensureWebBuild } from './lib/web-build.js';
import { chromiumPath } from '../test/support/test-config.js';
import { repoRoot } from './lib/repo-root.js';

const STUDENTS = 1000;
const RUNS = 7;
const STATUSES = ['SEMESTER_1_IN_PROGRESS', 'SEMESTER_2_IN_PROGRESS', 'SEMESTER_3_IN_PROGRESS', 'THESIS_IN_PROGRESS', 'GRADUATED', 'PERMANENTLY_FAILED'];

function entries(): unknown[] {
  return Array.from({ length: STUDENTS }, (_, i) => {
    const leuven = 6 * (i % 6);
    return {
      status: STATUSES[i % STATUSES.length],
      totalCredits: leuven + 30,
      flags: i % 7 === 0 ? ['FAILED_ATTEMPT'] : i % 11 === 0 ? ['AT_RISK', 'DEADLINE_DUE'] : [],
      overallGrade: i % 6 === 4 ? { points: 60 + (i % 30), grade: String(12 + (i % 6)), label: 'GOOD' } : null,
      nextDeadline: i % 3 === 0 ? { kind: 'THESIS_SUBMISSION', date: '2027-03-01', daysLeft: i % 120 } : null,
      student: {
        id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        givenName: `Given${i}`,
        familyName: `Family${String(i).padStart(4, '0')}`,
        leuven: { studentNumber: `r08${String(i).padStart(5, '0')}` },
        muenster: { studentNumber: String(500000 + i) },
        ttu: { studentNumber: `${212000 + i}HAGM` },
        progression: { thesisCredits: 0, creditsByUniversity: [{ university: 'LEUVEN', credits: leuven }, { university: 'MUENSTER', credits: 30 }, { university: 'TTU', credits: 0 }] },
      },
    };
  });
}

await ensureWebBuild((l) => console.log(l));
const all = entries();
const config = { mode: 'development', web: { dir: join(repoRoot, 'web', 'dist'), demoTokenKey: null, oidc: null } } as unknown as GatewayConfig;
const webApp = createWebApp(config, () => Promise.reject(new Error('not used')));
const server = createServer((req, res) => {
  if (webApp(req, res)) return;
  if (req.url === '/graphql' && req.method === 'POST') {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const { variables } = JSON.parse(body) as { variables: { offset: number; limit: number } };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ data: { cohortDashboard: { cohort: 2024, asOf: '2026-11-29', total: STUDENTS, items: all.slice(variables.offset, variables.offset + variables.limit) } } }));
    });
    return;
  }
  res.writeHead(404).end();
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
// An unsigned token: the benchmark's /graphql does not check it, the app only reads its claims.
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const fakeToken = `${b64({ alg: 'none' })}.${b64({ sub: 'bench', scope: 'committee', exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;

const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
const samples: { render: number; filter: number; page: number }[] = [];
for (let run = 0; run < RUNS; run++) {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
  // When the last page of the intake has been parsed, and when its rows first appear.
  await context.addInitScript(`
    sessionStorage.setItem('pioneer.token', ${JSON.stringify(fakeToken)});
    const json = Response.prototype.json;
    Response.prototype.json = async function () {
      const value = await json.call(this);
      if (this.url.endsWith('/graphql')) window.__dataAt = performance.now();
      return value;
    };
    new MutationObserver(() => {
      if (!window.__rowsAt && document.querySelector('table.dashboard tbody tr')) window.__rowsAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  `);
  const page = await context.newPage();
  await page.goto(`${origin}/app/dashboard?cohort=2024`);
  await page.locator('table.dashboard tbody tr').first().waitFor();
  const render = (await page.evaluate('window.__rowsAt - window.__dataAt')) as number;
  // Interactive: a search over all 1,000 students, from the keystroke to the filtered rows.
  const filter = (await page.evaluate(`(async () => {
    const input = document.getElementById('search');
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const start = performance.now();
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (document.querySelectorAll('table.dashboard tbody tr').length === 1) {
          observer.disconnect();
          resolve(performance.now() - start);
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    setter.call(input, '500777');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    return await done;
  })()`)) as number;
  // A string, not a function: tsx would add helpers (__name) the page does not have.
  const pageTurn = (await page.evaluate(`(async () => {
    const input = document.getElementById('search');
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, '');
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
    const next = [...document.querySelectorAll('button')].find((b) => b.textContent === 'Next page');
    const first = document.querySelector('table.dashboard tbody tr th').textContent;
    const start = performance.now();
    next.click();
    return await new Promise((resolve) => {
      const check = () => (document.querySelector('table.dashboard tbody tr th').textContent !== first ? resolve(performance.now() - start) : requestAnimationFrame(check));
      check();
    });
  })()`)) as number;
  samples.push({ render, filter, page: pageTurn });
  await context.close();
}
await browser.close();
server.close();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (xs: number[]) => `${median(xs).toFixed(0)} ms (min ${Math.min(...xs).toFixed(0)}, max ${Math.max(...xs).toFixed(0)})`;
const interactive = samples.map((s) => s.render + s.filter);
const section = `<!-- web:start -->
## Web app: the dashboard of an intake of ${STUDENTS.toLocaleString('en')} students

\`npm run bench:web\`, ${new Date().toISOString().slice(0, 10)}, headless Chromium (Debian's) on this machine, median of ${RUNS} fresh page loads. The two /graphql pages of the intake are answered by the benchmark with synthetic entries, so these figures are the app's own work once the data has arrived.

| step | time |
|---|---|
| last page of data parsed → first rows on screen (filter, sort, page, render) | ${fmt(samples.map((s) => s.render))} |
| a search over all ${STUDENTS.toLocaleString('en')} students by student number, keystroke → filtered table | ${fmt(samples.map((s) => s.filter))} |
| next page | ${fmt(samples.map((s) => s.page))} |
| **data arrived → rows shown and a search answered** | **${fmt(interactive)}** (target: under 1,000 ms) |
<!-- web:end -->`;
const file = join(repoRoot, 'docs', 'benchmarks.md');
const current = readFileSync(file, 'utf8');
const a = current.indexOf('<!-- web:start -->');
const b = current.indexOf('<!-- web:end -->');
writeFileSync(file, a >= 0 && b > a ? current.slice(0, a) + section + current.slice(b + '<!-- web:end -->'.length) : `${current.trimEnd()}\n\n${section}\n`);
console.log(section);
