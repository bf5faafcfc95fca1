import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';
import { planDemoCohort } from '../../scripts/lib/demo-cohort.js';
import { post } from '../support/graphql.js';
import { SIGNATURE_HEADER, signSubgraphBody, subgraphSigningKey } from '@pioneer/shared/server';

/**
 * The hub as it runs: four subgraph processes and the gateway, each university on its own
 * database, seeded with the demo cohort through the subgraphs' services.
 */
describe('the hub, end to end through the gateway', () => {
  let hub: RunningHub;
  let token: string;
  /** As a Local Coordinator on the Academic Committee (access itself is tested in access-control.test.ts). */
  const call = (query: string, variables: Record<string, unknown> = {}) => post(hub.gatewayUrl, query, variables, token);
  const plans = planDemoCohort();
  const graduate = plans.find((p) => p.cohort === 2024 && p.script === 'none')!;

  beforeAll(async () => {
    hub = await startTestHub('demo', await freshHubDatabases('e2e'));
    token = await hub.token('coordinator');
  }, 300_000);

  afterAll(async () => {
    await hub?.stop();
  });

  const STUDENT = `query($id: String!) { student(id: $id) {
    id givenName familyName cohort
    leuven { university studentNumber creditsEarned courses { code credits score localGrade label state } }
    muenster { university studentNumber creditsEarned courses { code credits score localGrade label state } }
    ttu { university studentNumber creditsEarned courses { code credits score localGrade label state } }
    progression { totalCredits courseCredits thesisCredits requiredCredits status masterExaminationPassed creditsByUniversity { university credits } }
    overallGrade { points grade label } } }`;

  it('one query joins all four subgraphs: each university’s results, named, and the consortium’s credit total', async () => {
    const { status, body } = await call(STUDENT, { id: graduate.id });
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    const s = body.data.student;
    expect(s).toMatchObject({ id: graduate.id, givenName: graduate.givenName, familyName: graduate.familyName, cohort: 2024 });
    expect([s.leuven.university, s.muenster.university, s.ttu.university]).toEqual(['LEUVEN', 'MUENSTER', 'TTU']);
    expect([s.leuven.courses.length, s.muenster.courses.length, s.ttu.courses.length]).toEqual([5, 5, 7]);
    expect(s.leuven.studentNumber).toMatch(/^r0\d{6}$/);
    // The consortium's numbers are exactly the universities' records, brought by @requires.
    expect(s.progression.creditsByUniversity).toEqual([
      { university: 'LEUVEN', credits: s.leuven.creditsEarned },
      { university: 'MUENSTER', credits: s.muenster.creditsEarned },
      { university: 'TTU', credits: s.ttu.creditsEarned },
    ]);
    expect(s.progression).toMatchObject({ totalCredits: 120, courseCredits: 90, thesisCredits: 30, requiredCredits: 120, status: 'GRADUATED', masterExaminationPassed: true });
    expect(s.overallGrade.points).toBeGreaterThanOrEqual(50);
  });

  it('the demo cohort has students at every stage, with retakes and permanent failures', async () => {
    const { body } = await call(`{ students(limit: 100) { total items { cohort progression { status permanentlyFailed permanentFailureReason coursesFailed } } } }`);
    expect(body.errors).toBeUndefined();
    expect(body.data.students.total).toBeGreaterThanOrEqual(30);
    const statuses = new Set(body.data.students.items.map((s: any) => s.progression.status));
    for (const status of ['GRADUATED', 'PERMANENTLY_FAILED', 'THESIS_IN_PROGRESS', 'SEMESTER_3_IN_PROGRESS', 'SEMESTER_1_IN_PROGRESS']) expect(statuses).toContain(status);
    const reasons = new Set(body.data.students.items.map((s: any) => s.progression.permanentFailureReason).filter(Boolean));
    expect(reasons).toEqual(new Set(['COURSE', 'THESIS']));
  });

  it('an unknown student is a coded error, not a crash', async () => {
    const { status, body } = await call(STUDENT, { id: '00000000-0000-4000-8000-000000000000' });
    expect(status).toBe(200);
    expect(body.errors[0].extensions.code).toBe('UNKNOWN_STUDENT');
    expect(JSON.stringify(body)).not.toMatch(/stack|select |at .*\.ts/i);
  });

  const ASSIGN = `mutation($i: AssignThesisTopicInput!) { assignThesisTopic(input: $i) { attempt state submissionDeadline } }`;
  const topic = (studentId: string) => ({ i: { studentId, title: 'Interoperability governance in federal states', supervisor: 'Prof. Dr. Tobias Brandt', assignedOn: '2026-11-20' } });

  it('assigns a thesis topic only with 90 credits, counted by the consortium from the universities’ live records (§10 (3))', async () => {
    const eligible = plans.find((p) => p.script === 'awaiting-topic')!;
    const before = await call(`{ student(id: "${eligible.id}") { progression { totalCredits status } theses { attempt } } }`);
    expect(before.body.data.student).toEqual({ progression: { totalCredits: 90, status: 'THESIS_ELIGIBLE' }, theses: [] });
    const ok = await call(ASSIGN, topic(eligible.id));
    expect(ok.body.errors).toBeUndefined();
    expect(ok.body.data.assignThesisTopic).toEqual({ attempt: 1, state: 'TOPIC_ASSIGNED', submissionDeadline: '2027-03-12' });

    const early = plans.find((p) => p.cohort === 2025 && p.script === 'none')!;
    const refused = await call(ASSIGN, topic(early.id));
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'THESIS_NOT_ELIGIBLE', details: { creditsEarned: 60 } });
  });

  it('the Academic Committee’s dashboard: a cohort with status, credits, grade, flags and deadlines, filtered', async () => {
    const DASH = `query($f: DashboardFlag, $s: StudentStatus) { cohortDashboard(cohort: 2024, asOf: "2026-11-22", dueWithinDays: 30, flag: $f, status: $s) {
      total items { student { id familyName } status totalCredits overallGrade { points grade } flags nextDeadline { kind date daysLeft } } } }`;
    const all = await call(DASH);
    expect(all.body.errors).toBeUndefined();
    expect(all.body.data.cohortDashboard.total).toBe(12);
    const retake = plans.find((p) => p.script === 'thesis-retake')!;
    const entry = all.body.data.cohortDashboard.items.find((e: any) => e.student.id === retake.id);
    // Second attempt assigned 2026-09-01: due 16 weeks later, within 30 days of 2026-11-22, and the last chance (§15 (2)).
    expect(entry).toMatchObject({ status: 'THESIS_IN_PROGRESS', nextDeadline: { kind: 'THESIS_SUBMISSION', date: '2026-12-22', daysLeft: 30 } });
    expect(entry.flags).toEqual(expect.arrayContaining(['DEADLINE_DUE', 'AT_RISK']));
    const graduated = await call(DASH, { s: 'GRADUATED' });
    expect(graduated.body.data.cohortDashboard.items.every((e: any) => e.status === 'GRADUATED' && e.overallGrade && e.totalCredits === 120)).toBe(true);
    const due = await call(DASH, { f: 'DEADLINE_DUE' });
    expect(due.body.data.cohortDashboard.items.map((e: any) => e.student.id)).toContain(retake.id);
  });

  it('subgraphs answer only the gateway: plain, forged and replayed requests are refused', async () => {
    // A request straight to a subgraph: its JSON body, the caller's token, and a signature header if any.
    const direct = async (url: string, body: Record<string, unknown> | string, bearer?: string, signature?: string) => {
      const headers = { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) };
      const res = await fetch(url, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
      return { status: res.status, body: (await res.json()) as any };
    };
    const sign = (secret: string, body: Record<string, unknown>, subgraph = 'consortium', bearer?: string, options?: { ts?: number; nonce?: string }) =>
      signSubgraphBody(subgraphSigningKey(secret, subgraph), subgraph, JSON.stringify(body), bearer ? `Bearer ${bearer}` : null, options);
    // A forged representation: perfect records for a real student, to make the consortium compute a false grade.
    const perfect = (university: string, semester: number, credits: number[]) => ({
      university,
      enrolled: true,
      courses: credits.map((c, i) => ({ university, code: `${university}-${i}`, semester, credits: c, overallWeight: c, state: 'COMPLETED', completed: true, recognised: false, permanentlyFailed: false, attemptsUsed: 1, hasFailedAttempt: false, score: 100 })),
    });
    const forged = {
      query: 'query($r: [_Any!]!) { _entities(representations: $r) { ... on Student { overallGrade { points } } } }',
      variables: { r: [{ __typename: 'Student', id: graduate.id, leuven: perfect('LEUVEN', 1, [6, 6, 6, 6, 6]), muenster: perfect('MUENSTER', 2, [6, 6, 6, 6, 6]), ttu: perfect('TTU', 3, [6, 3, 6, 3, 3, 6, 3]) }] },
    };
    const attempts = [
      await direct(hub.subgraphUrls.leuven, { query: '{ leuvenCourses { code } }' }),
      // Refused before anything parses it: not JSON, yet unsigned is what it is told.
      await direct(hub.subgraphUrls.leuven, '{"query": "{ leuvenCourses { code } }"'),
      await direct(hub.subgraphUrls.consortium, forged),
      // A valid token does not make up for the missing signature.
      await direct(hub.subgraphUrls.consortium, forged, token),
      await direct(hub.subgraphUrls.consortium, forged, undefined, sign('not-the-gateway-secret-not-the-gateway', forged)),
      // A signature taken from a genuine request does not cover other variables.
      await direct(hub.subgraphUrls.consortium, forged, undefined, sign(hub.signingSecret, { ...forged, variables: { r: [] } })),
      // Nor does a signature of the gateway's old kind (in the body's extensions) get in.
      await direct(hub.subgraphUrls.consortium, { ...forged, extensions: { 'pioneer-signature': { v: 1, ts: Date.now(), nonce: 'nonce-0123456789abcdef', sig: 'AAAA' } } }),
    ];
    for (const a of attempts) {
      expect(a.status).toBe(401);
      expect(a.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(a.body.data ?? null).toBeNull();
    }
    // The same request, signed by the holder of the secret (the gateway), is answered once.
    const courses = '{ leuvenCourses { code } }';
    const signed = sign(hub.signingSecret, { query: courses }, 'leuven', token);
    const genuine = await direct(hub.subgraphUrls.leuven, { query: courses }, token, signed);
    expect(genuine.status).toBe(200);
    expect(genuine.body.data.leuvenCourses).toHaveLength(5);
    // Issue 11 item 5: a captured signed request is not accepted again, nor under another token,
    // nor outside five minutes, nor at another university's subgraph.
    const staffToken = await hub.token('leuven-staff');
    const later = [
      await direct(hub.subgraphUrls.leuven, { query: courses }, token, signed),
      await direct(hub.subgraphUrls.leuven, { query: courses }, staffToken, sign(hub.signingSecret, { query: courses }, 'leuven', token)),
      await direct(hub.subgraphUrls.leuven, { query: courses }, token, sign(hub.signingSecret, { query: courses }, 'leuven', token, { ts: Date.now() - 5 * 60_000 - 5_000 })),
      await direct(hub.subgraphUrls.leuven, { query: courses }, token, sign(hub.signingSecret, { query: courses }, 'leuven', token, { ts: Date.now() + 5 * 60_000 + 5_000 })),
      await direct(hub.subgraphUrls.muenster, { query: courses }, token, sign(hub.signingSecret, { query: courses }, 'leuven', token)),
    ];
    // A GET carries its query in the address, which is not what is signed: refused, even with a genuine header.
    const get = await fetch(`${hub.subgraphUrls.leuven}?query=${encodeURIComponent(courses)}`, { headers: { authorization: `Bearer ${token}`, [SIGNATURE_HEADER]: sign(hub.signingSecret, {}, 'leuven', token), 'apollo-require-preflight': 'true' } });
    expect(get.status).toBe(401);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(later.map((a) => [a.status, a.body.errors?.[0]?.extensions?.code])).toEqual(later.map(() => [401, 'UNAUTHENTICATED']));
    expect(later[0]!.body.errors[0].message).toMatch(/already used/);
    expect(later[2]!.body.errors[0].message).toMatch(/time window/);
  });

  // Runs last: it stops a subgraph for good.
  it('with Münster down, Leuven and TalTech still arrive and progression is null with an error naming Münster', async () => {
    await hub.stopProcess('muenster');
    const { status, body } = await call(STUDENT, { id: graduate.id });
    expect(status).toBe(200);
    expect(body.data.student.leuven.university).toBe('LEUVEN');
    expect(body.data.student.ttu.university).toBe('TTU');
    expect(body.data.student.muenster).toBeNull();
    expect(body.data.student.progression).toBeNull();
    expect(body.data.student.overallGrade).toBeNull();
    // The Münster field names its source; progression and the overall grade say which record is missing.
    expect(body.errors.find((e: any) => e.path?.join('.') === 'student.muenster').extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', details: { subgraph: 'muenster' } });
    const codes = body.errors.map((e: any) => e.extensions?.code);
    expect(codes.every((c: string) => c === 'SOURCE_UNAVAILABLE')).toBe(true);
    // No dashboard on partial data either.
    const dashboard = await call(`{ cohortDashboard(cohort: 2024) { total } }`);
    expect(dashboard.body.errors[0].extensions.code).toBe('SOURCE_UNAVAILABLE');
    // No decision on partial data: the consortium cannot establish the credits, so nothing is written.
    const early = plans.find((p) => p.cohort === 2025 && p.script === 'none')!;
    const refused = await call(ASSIGN, topic(early.id));
    expect(refused.body.errors[0].extensions).toMatchObject({ code: 'SOURCE_UNAVAILABLE', details: { missing: ['MUENSTER'] } });
    const theses = await call(`{ student(id: "${early.id}") { theses { attempt } } }`);
    expect(theses.body.data.student.theses).toEqual([]);
    // The failed subgraph call is masked: no address, port or driver message reaches the client.
    expect(JSON.stringify(body.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|fetch failed/);
  });
});
