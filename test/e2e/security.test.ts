import fc from 'fast-check';
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../scripts/lib/hub.js';
import type { DemoRole } from '../../scripts/lib/tokens.js';
import { planDemoCohort } from '../../scripts/lib/demo-cohort.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { post } from '../support/graphql.js';

/**
 * The role × operation matrix of docs/security.md, through the gateway, on the demo cohort:
 * every allowed case answers, every denied case is coded and writes nothing (the audit trail
 * shows the refused attempt, and the data is as before). Then hostile inputs and the
 * GraphQL-over-HTTP audit.
 */
let hub: RunningHub;
const tokens = {} as Record<DemoRole | 'examiner-outsider' | 'self' | 'other-student', string>;
const plans = planDemoCohort();
const graduate = plans.find((p) => p.cohort === 2024 && p.script === 'none')!;
const other = plans.find((p) => p.cohort === 2024 && p.script === 'none' && p.id !== graduate.id)!;
const newcomer = plans.find((p) => p.cohort === 2026)!;

type Who = keyof typeof tokens | null;
const as = async (who: Who, query: string, variables: Record<string, unknown> = {}) => {
  const { status, body } = await post(hub.gatewayUrl, query, variables, who ? tokens[who] : undefined);
  return { status, ...body } as { status: number; data?: any; errors?: { message: string; path?: string[]; extensions: { code: string } }[] };
};
const codeOf = (r: { errors?: { extensions: { code: string } }[] }) => r.errors?.[0]?.extensions.code;

beforeAll(async () => {
  hub = await startTestHub('demo', await freshHubDatabases('security'));
  for (const role of ['committee', 'leuven-office', 'leuven-staff', 'muenster-office', 'muenster-staff', 'ttu-office', 'coordinator', 'examiner'] as const) {
    tokens[role] = await hub.token(role);
  }
  tokens['examiner-outsider'] = await hub.token('examiner', 'Prof. Dr. Nobody Else');
  tokens.self = await hub.token('student', graduate.id);
  tokens['other-student'] = await hub.token('student', other.id);
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

const RECORD = `query($id: String!) { student(id: $id) { id givenName dateOfBirth placeOfBirth leuven { courses { code score } } progression { totalCredits } } }`;

describe('reading a student record (issue 6: personal data only for the committee, the student and staff)', () => {
  it.each([['committee'], ['self'], ['leuven-staff'], ['muenster-office'], ['ttu-office']] as const)('%s reads the whole record, personal data included', async (who) => {
    const r = await as(who, RECORD, { id: graduate.id });
    expect(r.errors).toBeUndefined();
    expect(r.data.student).toMatchObject({ id: graduate.id, dateOfBirth: expect.any(String), placeOfBirth: expect.any(String) });
    expect(r.data.student.leuven.courses).toHaveLength(5);
    expect(r.data.student.progression.totalCredits).toBe(120);
  });

  it('another student is refused: FORBIDDEN, no data', async () => {
    const r = await as('other-student', RECORD, { id: graduate.id });
    expect(codeOf(r)).toBe('FORBIDDEN');
    expect(r.data?.student ?? null).toBeNull();
  });

  it('without a token: UNAUTHENTICATED', async () => {
    const r = await as(null, RECORD, { id: graduate.id });
    expect(codeOf(r)).toBe('UNAUTHENTICATED');
    expect(r.data ?? null).toBeNull();
  });

  it('a thesis examiner sees the student and thesis they supervise, never date or place of birth, nor the grades', async () => {
    const thesis = await as('examiner', `query($id: String!) { student(id: $id) { givenName familyName theses { title supervisor } } }`, { id: graduate.id });
    expect(thesis.errors).toBeUndefined();
    expect(thesis.data.student.theses[0].supervisor).toBe('Prof. Dr. Joep Crompvoets');
    for (const field of ['dateOfBirth', 'placeOfBirth', 'progression { totalCredits }', 'leuven { creditsEarned }']) {
      const r = await as('examiner', `query($id: String!) { student(id: $id) { givenName ${field} } }`, { id: graduate.id });
      expect(r.errors?.map((e) => e.extensions.code), field).toContain('FORBIDDEN');
      expect(JSON.stringify(r.data ?? {})).not.toContain(graduate.dateOfBirth);
    }
  });

  it('an examiner with no thesis of the student, or a student before the thesis, sees nothing', async () => {
    expect(codeOf(await as('examiner-outsider', RECORD, { id: graduate.id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('examiner', `query($id: String!) { student(id: $id) { givenName } }`, { id: newcomer.id }))).toBe('FORBIDDEN');
  });
});

describe('cohort lists, office lists and the audit trail', () => {
  it.each([
    ['students', ['committee', 'leuven-staff', 'ttu-office'], ['self', 'examiner'], '{ students(limit: 1) { total } }'],
    ['cohortDashboard', ['committee', 'muenster-staff'], ['self', 'examiner'], '{ cohortDashboard(cohort: 2024, limit: 1) { total } }'],
    ['leuvenResults', ['committee', 'leuven-staff', 'leuven-office'], ['muenster-office', 'self', 'examiner'], '{ leuvenResults(courseCode: "LEU-BIS") { id } }'],
    ['muensterEnrolments', ['committee', 'muenster-staff'], ['leuven-office', 'self'], '{ muensterEnrolments { studentId } }'],
    ['consortiumAuditTrail', ['committee'], ['leuven-office', 'self', 'examiner'], '{ consortiumAuditTrail(limit: 1) { total } }'],
    ['leuvenAuditTrail', ['committee'], ['leuven-office'], '{ leuvenAuditTrail(limit: 1) { total } }'],
  ] as const)('%s: allowed for %j, FORBIDDEN for %j', async (_name, allowed, denied, query) => {
    for (const who of allowed) expect((await as(who, query)).errors, who).toBeUndefined();
    for (const who of denied) {
      const r = await as(who, query);
      expect(codeOf(r), who).toBe('FORBIDDEN');
      expect(r.data ?? null).toBeNull();
    }
  });

  it('the catalogue is for anyone signed in', async () => {
    for (const who of ['self', 'examiner', 'muenster-staff'] as const) expect((await as(who, '{ ttuCourses { code } }')).data.ttuCourses).toHaveLength(7);
    expect(codeOf(await as(null, '{ ttuCourses { code } }'))).toBe('UNAUTHENTICATED');
  });
});

describe('writes: only the owner writes, every refusal is audited and writes nothing', () => {
  const RESULTS = `query($c: String!) { leuvenResults(courseCode: $c) { id studentId points version } }`;
  const RECTIFY = `mutation($id: String!) { leuvenRectifyExaminationResult(input: { resultId: $id, status: GRADED, points: 100, examinedOn: "2025-01-20", examiner: "Prof. X", reason: "Forged correction" }) { id version points } }`;

  it('no one but the Leuven office corrects a Leuven result; each attempt is in the audit trail, the result unchanged', async () => {
    const before = (await as('committee', RESULTS, { c: 'LEU-BIS' })).data.leuvenResults.find((r: any) => r.studentId === graduate.id && r.points !== null);
    for (const who of ['muenster-office', 'leuven-staff', 'self', 'committee', 'examiner'] as const) {
      const r = await as(who, RECTIFY, { id: before.id });
      expect(codeOf(r), who).toBe('FORBIDDEN');
      expect(r.data ?? null).toBeNull();
    }
    const after = (await as('committee', RESULTS, { c: 'LEU-BIS' })).data.leuvenResults.find((r: any) => r.id === before.id);
    expect(after).toEqual(before);
    const trail = await as('committee', `{ leuvenAuditTrail(filter: { operation: "leuvenRectifyExaminationResult", outcome: "FORBIDDEN" }) { total items { actor roles operation target outcome at service } } }`);
    const entries = trail.data.leuvenAuditTrail.items.filter((e: any) => e.target === `resultId=${before.id}`);
    expect(entries.map((e: any) => e.actor).sort()).toEqual(['ac-chair', 'examiner:Prof. Dr. Joep Crompvoets', graduate.id, 'leuven-staff', 'muenster-office'].sort());
    expect(entries[0]).toMatchObject({ operation: 'leuvenRectifyExaminationResult', outcome: 'FORBIDDEN', service: 'leuven' });
    expect(new Date(entries[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
  });

  it('the Leuven office corrects it; the audit trail says who, with which roles, and OK', async () => {
    const result = (await as('committee', RESULTS, { c: 'LEU-BIS' })).data.leuvenResults.find((r: any) => r.studentId === other.id && r.points !== null && r.points < 100);
    const r = await as('leuven-office', `mutation($id: String!) { leuvenRectifyExaminationResult(input: { resultId: $id, status: GRADED, points: ${result.points + 1}, examinedOn: "2025-01-20", examiner: "Prof. X", reason: "Addition error on page 2" }) { version points } }`, { id: result.id });
    expect(r.errors).toBeUndefined();
    expect(r.data.leuvenRectifyExaminationResult).toEqual({ version: result.version + 1, points: result.points + 1 });
    const trail = await as('committee', `{ leuvenAuditTrail(filter: { actor: "leuven-office", outcome: "OK" }) { items { roles operation target } } }`);
    expect(trail.data.leuvenAuditTrail.items).toContainEqual({ roles: 'leuven:office leuven:staff', operation: 'leuvenRectifyExaminationResult', target: `resultId=${result.id}` });
  });

  it('committee decisions and admissions are refused to students, staff and examiners, and nothing is written', async () => {
    const count = async () => (await as('committee', '{ students(limit: 1) { total } }')).data.students.total;
    const before = await count();
    const admit = `mutation { admitStudent(input: { givenName: "Eve", familyName: "Forger", dateOfBirth: "2000-01-01", placeOfBirth: "Nowhere", cohort: 2026,
      bachelorDegree: "BSc", bachelorInstitution: "X", bachelorCredits: 180, bachelorField: INFORMATION_SYSTEMS, englishProficiency: "C1", decidedOn: "2026-07-01", decisionReference: "ADM-X" }) { id } }`;
    for (const who of ['self', 'muenster-office', 'ttu-office', 'examiner'] as const) expect(codeOf(await as(who, admit)), who).toBe('FORBIDDEN');
    const hearing = `mutation($s: String!) { recordHearing(input: { studentId: $s, subject: "x", heldOn: "2026-11-01", statement: "x" }) { id } }`;
    for (const who of ['self', 'leuven-office', 'examiner'] as const) expect(codeOf(await as(who, hearing, { s: graduate.id })), who).toBe('FORBIDDEN');
    expect(await count()).toBe(before);
    const refused = await as('committee', `{ consortiumAuditTrail(filter: { outcome: "FORBIDDEN" }) { items { actor operation } } }`);
    expect(refused.data.consortiumAuditTrail.items).toContainEqual({ actor: graduate.id, operation: 'admitStudent' });
    expect(refused.data.consortiumAuditTrail.items).toContainEqual({ actor: 'leuven-office', operation: 'recordHearing' });
  });

  it('a student registers themself for an examination, never someone else', async () => {
    const register = (studentId: string) =>
      `mutation { leuvenRegisterExaminationAttempt(input: { studentId: "${studentId}", courseCode: "LEU-BIS", examinationKey: "written-exam", attempt: 1, registeredOn: "2026-11-20" }) { attempt } }`;
    const newcomerToken = await hub.token('student', newcomer.id);
    const forOther = await post(hub.gatewayUrl, register(other.id), {}, newcomerToken);
    expect(forOther.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const forSelf = await post(hub.gatewayUrl, register(newcomer.id), {}, newcomerToken);
    // Allowed: it either registers or meets a rule of the regulations, never FORBIDDEN.
    expect(forSelf.body.errors?.[0]?.extensions.code).not.toBe('FORBIDDEN');
  });

  it('thesis examiners: a topic only as its supervisor, a defence only when on its committee', async () => {
    const assign = (supervisor: string) =>
      `mutation { assignThesisTopic(input: { studentId: "${newcomer.id}", title: "Open data portals in Estonian municipalities", supervisor: "${supervisor}", assignedOn: "2026-11-20" }) { id } }`;
    expect(codeOf(await as('examiner', assign('Prof. Dr. Tobias Brandt')))).toBe('FORBIDDEN');
    // As the named supervisor the examiner may ask; the regulations then refuse (90 credits, §10 (3)).
    expect(codeOf(await as('examiner', assign('Prof. Dr. Joep Crompvoets')))).toBe('THESIS_NOT_ELIGIBLE');
    const thesesResponse = await as("committee", `query($id: String!) { student(id: $id) { theses { id } } }`, { id: graduate.id });
    expect(thesesResponse.errors, JSON.stringify(thesesResponse.errors)).toBeUndefined();
    const theses = thesesResponse.data.student.theses;
    const defence = `mutation($t: String!) { recordThesisDefenceResult(input: { thesisId: $t, examinerScores: [100, 100, 100], score: 100 }) { id } }`;
    expect(codeOf(await as('examiner-outsider', defence, { t: theses[0].id }))).toBe('FORBIDDEN');
    expect(codeOf(await as('self', defence, { t: theses[0].id }))).toBe('FORBIDDEN');
    const grade = await as('committee', `query($id: String!) { student(id: $id) { theses { score } } }`, { id: graduate.id });
    expect(grade.data.student.theses[0].score).not.toBe(100);
  });
});

describe('hostile input through the gateway: never a 5xx, a stack trace or a write', () => {
  const okCount = async () => {
    const r = await as('committee', `{ leuvenAuditTrail(filter: { outcome: "OK" }) { total } consortiumAuditTrail(filter: { outcome: "OK" }) { total } students(limit: 1) { total } }`);
    return [r.data.leuvenAuditTrail.total, r.data.consortiumAuditTrail.total, r.data.students.total];
  };
  const clean = (status: number, body: unknown) => {
    expect(status).toBeLessThan(500);
    const text = JSON.stringify(body);
    expect(text).not.toMatch(/\bat [\w.<>]+ \(|\.ts:\d+|node_modules|select |insert into|postgres|127\.0\.0\.1/i);
    for (const e of (body as { errors?: { extensions?: { code?: unknown } }[] }).errors ?? []) expect(typeof e.extensions?.code).toBe('string');
  };
  const hostileString = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('', ' ', '\u0000', '\u202e\u0041', '𝕏'.repeat(300), "'; drop table student; --", '../../etc/passwd', '2026-02-30', '0000-00-00', '-1', 'NaN', '1e309', 'null'),
    fc.string({ minLength: 5000, maxLength: 20000 }),
  );

  it('mutations with odd unicode, huge strings, bad ids and bad dates', async () => {
    const before = await okCount();
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, hostileString, fc.integer({ min: -5, max: 2 ** 31 - 1 }), async (a, b, c, n) => {
        const ops: [string, Record<string, unknown>][] = [
          [`mutation($s: String!, $c: String!, $k: String!, $n: Int!, $d: String!) { leuvenRegisterExaminationAttempt(input: { studentId: $s, courseCode: $c, examinationKey: $k, attempt: $n, registeredOn: $d }) { attempt } }`, { s: a, c: b, k: c, n, d: a }],
          [`mutation($id: String!, $r: String!) { leuvenRectifyExaminationResult(input: { resultId: $id, status: GRADED, points: ${n % 200}, examinedOn: $r, examiner: $r, reason: $r }) { id } }`, { id: a, r: b }],
          [`mutation($s: String!, $t: String!, $d: String!) { recordHearing(input: { studentId: $s, subject: $t, heldOn: $d, statement: $t }) { id } }`, { s: a, t: b, d: c }],
          [`mutation($g: String!, $d: String!, $p: String!, $n: Int!) { admitStudent(input: { givenName: $g, familyName: $g, dateOfBirth: $d, placeOfBirth: $p, cohort: $n,
            bachelorDegree: $p, bachelorInstitution: $p, bachelorCredits: 179, bachelorField: LAW, englishProficiency: $p, decidedOn: $d, decisionReference: $p }) { id } }`, { g: a, d: b, p: c, n }],
          [`query($id: String!) { student(id: $id) { id } }`, { id: a }],
        ];
        for (const [query, variables] of ops) {
          const { status, body } = await post(hub.gatewayUrl, query, variables, tokens.coordinator);
          clean(status, body);
          expect(body.errors?.length ?? 0).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40 },
    );
    expect(await okCount()).toEqual(before);
  }, 240_000);

  it('deep, aliased and malformed operations, and junk tokens', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 80 }), hostileString, async (depth, aliases, junk) => {
        let nested = 'attempt';
        for (let i = 0; i < depth; i++) nested = `result { registration { ${nested} } }`;
        const deep = await post(hub.gatewayUrl, `{ leuvenRegistrations(courseCode: "LEU-BIS") { ${nested} } }`, {}, tokens.committee);
        clean(deep.status, deep.body);
        const aliased = await post(hub.gatewayUrl, `{ ${Array.from({ length: aliases }, (_, i) => `a${i}: ttuCourses { code }`).join(' ')} }`, {}, tokens.committee);
        clean(aliased.status, aliased.body);
        const malformed = await post(hub.gatewayUrl, `{ student(id: "${junk.replace(/["\\]/g, '')}") ${junk.slice(0, 50)} `, {}, tokens.committee);
        clean(malformed.status, malformed.body);
        const res = await fetch(hub.gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${encodeURIComponent(junk).slice(0, 6000)}` }, body: '{"query":"{ ttuCourses { code } }"}' });
        const body = await res.json();
        clean(res.status, body);
        expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      }),
      { numRuns: 30 },
    );
  }, 240_000);
});

describe('GraphQL over HTTP (graphql-http audit against the gateway)', () => {
  it('passes every MUST', async () => {
    const results = await auditServer({ url: hub.gatewayUrl });
    const failedMusts = results.filter((r) => r.name.startsWith('MUST') && r.status !== 'ok').map((r) => `${r.name}: ${r.status === 'ok' ? '' : r.reason}`);
    expect(failedMusts).toEqual([]);
    expect(results.filter((r) => r.name.startsWith('MUST')).length).toBeGreaterThan(10);
  }, 60_000);
});
