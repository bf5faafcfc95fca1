import { sql } from '../support/databases.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, signSubgraphBody, subgraphSigningKey } from '@pioneer/shared/server';
import type { HubOptions, RunningHub } from '../../scripts/lib/hub.js';
import { freshHubDatabases, startTestHub } from '../support/hub.js';

/**
 * Issue 11 item 7 (audit that cannot be skipped or flooded) and issue 12 item 3 (safe retries),
 * through the gateway of a running hub whose subgraphs connect as their serving roles.
 */
let hub: RunningHub;
let databases: HubOptions['databases'];
let office: string;

const RECTIFY = 'mutation($i: RectifyExaminationResultInput!) { leuvenRectifyExaminationResult(input: $i) { id points version } }';
/** The variables of RECTIFY: a result's new value and the reason for the change. */
const rectification = (resultId: string, value: Record<string, unknown>, reason: string) => ({ i: { resultId, ...value, reason } });

async function gateway(query: string, variables: Record<string, unknown>, options: { token?: string; key?: string; signal?: AbortSignal } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${options.token ?? office}` };
  if (options.key) headers['idempotency-key'] = options.key;
  const res = await fetch(hub.gatewayUrl, { method: 'POST', headers, body: JSON.stringify({ query, variables }), signal: options.signal });
  return (await res.json()) as { data?: any; errors?: { message: string; extensions: { code: string; details?: any } }[] };
}

const count = async (url: string, text: string, params: unknown[] = []) => Number((await sql<{ n: string }>(url, `select count(*) as n from ${text}`, params))[0]!.n);

/**
 * A graded Leuven result of the demo cohort nobody else touches, with the value to rectify it to:
 * each of a student no earlier pick named, since a test reads a student's whole audit trail (result
 * ids are random, so picking by offset alone gave two tests one student now and then).
 */
const picked: string[] = [];
async function gradedResult(): Promise<{ id: string; value: Record<string, unknown> }> {
  const rows = await sql(
    databases.leuven,
    `select x.id, x.points, x.examined_on::text as examined_on, x.examiner, e.student_id from exam_result x join enrolment e on e.id = x.enrolment_id
      where x.status = 'GRADED' and x.points between 60 and 90 and x.version = 1 and e.student_id <> all($1::uuid[]) order by x.id limit 1`,
    [picked],
  );
  const r = rows[0]!;
  picked.push(r.student_id);
  return { id: r.id, value: { status: 'GRADED', points: r.points + 1, examinedOn: r.examined_on, examiner: r.examiner } };
}

beforeAll(async () => {
  databases = await freshHubDatabases('integrity');
  hub = await startTestHub('demo', databases);
  office = await hub.token('leuven-office');
}, 300_000);

afterAll(async () => {
  await hub?.stop();
});

describe('audit that cannot be skipped or flooded (issue 11 item 7)', () => {
  it('an acknowledged write has its audit entry in the same transaction', async () => {
    const { id, value } = await gradedResult();
    const answer = await gateway(RECTIFY, rectification(id, value, 'Question 3 re-marked'));
    expect(answer.errors).toBeUndefined();
    expect(answer.data.leuvenRectifyExaminationResult.version).toBe(2);
    // PostgreSQL's xmin is the id of the transaction that inserted a row.
    const [version] = await sql(databases.leuven, `select xmin::text as tx from result_version where result_id = $1 and version = 2`, [id]);
    const entries = await sql(databases.leuven, `select xmin::text as tx, outcome, actor from audit_entry where operation = 'leuvenRectifyExaminationResult' and target = $1`, [`resultId=${id}`]);
    expect(entries).toEqual([{ tx: version.tx, outcome: 'OK', actor: 'leuven-office' }]);
  });

  it('refused attempts are recorded with sanitised, bounded arguments (a NUL byte in an id)', async () => {
    const before = await count(databases.leuven, `audit_entry where operation = 'leuvenRectifyExaminationResult' and outcome <> 'OK'`);
    const { value } = await gradedResult();
    const ids = ['abc\u0000def', `x\u0007\u001b[31m${'y'.repeat(20_000)}`, '\ud800lone'];
    const codes = [];
    for (const id of ids) codes.push((await gateway(RECTIFY, rectification(id, value, 'Re-marked'))).errors?.[0]?.extensions.code);
    // The text rule (issue 11 item 1) refuses control characters, overlong text and a lone
    // surrogate before any resolver; every refusal is still audited.
    expect(codes).toEqual(['INVALID_TEXT', 'BAD_USER_INPUT', 'INVALID_TEXT']);
    const entries = await sql<{ target: string; outcome: string }>(
      databases.leuven,
      `select target, outcome from audit_entry where operation = 'leuvenRectifyExaminationResult' and outcome <> 'OK' order by at desc limit 3`,
    );
    expect(await count(databases.leuven, `audit_entry where operation = 'leuvenRectifyExaminationResult' and outcome <> 'OK'`)).toBe(before + 3);
    const targets = entries.map((e) => e.target);
    expect(targets).toContain('resultId=abc\uFFFDdef');
    for (const t of targets) {
      expect(t.length).toBeLessThanOrEqual(500);
      expect(t).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
  });

  it('nothing unauthenticated writes audit rows: unsigned, tokenless, stale or replayed requests straight to a subgraph', async () => {
    const before = await count(databases.leuven, 'audit_entry');
    const query = 'mutation { leuvenRectifyExaminationResult(input: { resultId: "x", status: GRADED, points: 1, examinedOn: "2026-01-01", examiner: "e", reason: "flood" }) { id } }';
    const key = subgraphSigningKey(hub.signingSecret, 'leuven');
    const bearer = `Bearer ${office}`;
    const body = JSON.stringify({ query });
    const requests = [
      ...Array.from({ length: 200 }, () => [null, null] as const),
      [null, bearer] as const,
      [signSubgraphBody(key, 'leuven', body, bearer, { ts: Date.now() - 600_000 }), bearer] as const,
      // Signed for the office's token, sent without it.
      [signSubgraphBody(key, 'leuven', body, bearer), null] as const,
    ];
    const statuses = new Set<number>();
    for (const [signature, authorization] of requests) {
      const res = await fetch(hub.subgraphUrls.leuven, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}), ...(signature ? { [SIGNATURE_HEADER]: signature } : {}) }, body });
      statuses.add(res.status);
      expect(((await res.json()) as any).errors[0].extensions.code).toBe('UNAUTHENTICATED');
    }
    expect([...statuses]).toEqual([401]);
    expect(await count(databases.leuven, 'audit_entry')).toBe(before);
  });
});

describe('the audit of a student (issue 14)', () => {
  const TRAIL = (prefix: string) => `query($f: AuditFilter!) { ${prefix}AuditTrail(filter: $f, limit: 500) { total items { operation target outcome studentId } } }`;

  it('a rectification, which names only the result, is in the student’s audit; so is a refused one', async () => {
    const committee = await hub.token('committee');
    const { id, value } = await gradedResult();
    const [{ student_id: studentId }] = await sql(databases.leuven, `select e.student_id from exam_result x join registration r on r.id = x.registration_id join enrolment e on e.id = r.enrolment_id where x.id = $1`, [id]);
    expect((await gateway(RECTIFY, rectification(id, value, 'Question 5 re-marked'))).errors).toBeUndefined();
    const stale = await gateway(RECTIFY, { i: { ...rectification(id, value, 'Based on an old reading').i, expectedVersion: 1 } });
    expect(stale.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');
    const trail = (await gateway(TRAIL('leuven'), { f: { studentId } }, { token: committee })).data.leuvenAuditTrail;
    const rectifications = trail.items.filter((e: any) => e.operation === 'leuvenRectifyExaminationResult');
    expect(rectifications).toEqual([
      { operation: 'leuvenRectifyExaminationResult', target: `resultId=${id}`, outcome: 'VERSION_CONFLICT', studentId },
      { operation: 'leuvenRectifyExaminationResult', target: `resultId=${id}`, outcome: 'OK', studentId },
    ]);
    // Every entry of the filtered trail is about this student, and the trail holds every entry naming them.
    expect(trail.items.every((e: any) => e.studentId === studentId)).toBe(true);
    expect(trail.total).toBe(await count(databases.leuven, 'audit_entry where student_id = $1', [studentId]));
  });

  it('a thesis step, which names only the thesis, is in the student’s consortium audit', async () => {
    const committee = await hub.token('committee');
    const [thesis] = await sql(databases.consortium, `select id, student_id, version from thesis order by id limit 1`);
    const answer = await gateway(
      'mutation($i: SetThesisDefenceDateInput!) { setThesisDefenceDate(input: $i) { id } }',
      { i: { thesisId: thesis.id, defenceOn: '2026-12-01', expectedVersion: thesis.version + 100 } },
      { token: committee },
    );
    expect(answer.errors?.[0]?.extensions.code).toBe('VERSION_CONFLICT');
    const trail = (await gateway(TRAIL('consortium'), { f: { studentId: thesis.student_id } }, { token: committee })).data.consortiumAuditTrail;
    expect(trail.items.filter((e: any) => e.operation === 'setThesisDefenceDate')).toEqual([
      { operation: 'setThesisDefenceDate', target: `thesisId=${thesis.id}`, outcome: 'VERSION_CONFLICT', studentId: thesis.student_id },
    ]);
  });

  it('the filter takes a student id only', async () => {
    const committee = await hub.token('committee');
    const answer = await gateway(TRAIL('muenster'), { f: { studentId: 'Becker' } }, { token: committee });
    expect(answer.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('safe retries with an Idempotency-Key (issue 12 item 3)', () => {
  const versions = (id: string) => count(databases.leuven, 'result_version where result_id = $1', [id]);
  const audited = (id: string) => count(databases.leuven, `audit_entry where operation = 'leuvenRectifyExaminationResult' and target = $1 and outcome = 'OK'`, [`resultId=${id}`]);

  it('a retry with the same key and input gets the first answer and writes nothing; other input is refused', async () => {
    const { id, value } = await gradedResult();
    const key = `retry-${id}`;
    const first = await gateway(RECTIFY, rectification(id, value, 'Re-marked'), { key });
    expect(first.data.leuvenRectifyExaminationResult.version).toBe(2);
    const again = await gateway(RECTIFY, rectification(id, value, 'Re-marked'), { key });
    expect(again).toEqual(first);
    const reused = await gateway(RECTIFY, rectification(id, { ...value, points: (value.points as number) + 1 }, 'Re-marked'), { key });
    expect(reused.errors?.[0]?.extensions.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await versions(id)).toBe(2);
    expect(await audited(id)).toBe(1);
    // Another caller's same key is another request; a bad key is refused before anything is done.
    expect((await gateway(RECTIFY, rectification(id, value, 'Re-marked'), { key: 'short' })).errors?.[0]?.extensions.code).toBe('IDEMPOTENCY_KEY_INVALID');
    // Without a key, a retry is a new rectification (the reason the key exists).
    expect((await gateway(RECTIFY, rectification(id, value, 'Re-marked'))).data.leuvenRectifyExaminationResult.version).toBe(3);
    const stored = await sql(databases.leuven, 'select actor, operation from idempotency_key where key = $1', [key]);
    expect(stored).toEqual([{ actor: 'leuven-office', operation: 'leuvenRectifyExaminationResult' }]);
  });

  it('Leuven frozen (SIGSTOP) in the middle of a write, the client gives up and retries: exactly one effect, one audit entry', async () => {
    const { id, value } = await gradedResult();
    const key = `frozen-${id}`;
    const variables = rectification(id, value, 'Sum of parts corrected');
    const pid = hub.pids().leuven!;
    process.kill(pid, 'SIGSTOP');
    let gaveUp: unknown;
    let concurrent: Promise<Awaited<ReturnType<typeof gateway>>>;
    try {
      // The first attempt waits on the frozen subgraph until the client gives up: unknown outcome.
      gaveUp = await gateway(RECTIFY, variables, { key, signal: AbortSignal.timeout(1_500) }).catch((e: Error) => e.name);
      // A retry already in flight while Leuven is frozen.
      concurrent = gateway(RECTIFY, variables, { key });
      await new Promise((r) => setTimeout(r, 300));
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    expect(gaveUp).toBe('TimeoutError');
    const during = await concurrent!;
    // Either it carried out the write, or it met the first attempt (its key, or its row): a coded
    // refusal, never a second write and never an internal error.
    const codes = during.errors?.map((e) => e.extensions.code) ?? [];
    console.log('[integrity] the concurrent retry answered', codes.length ? codes.join(', ') : 'the result');
    expect(codes.filter((c) => !['IDEMPOTENCY_KEY_IN_PROGRESS', 'VERSION_CONFLICT', 'CONFLICT'].includes(c))).toEqual([]);
    // Retry until answered (the in-progress answer says to).
    let answer = during;
    for (let i = 0; i < 50 && answer.errors; i++) {
      await new Promise((r) => setTimeout(r, 200));
      answer = await gateway(RECTIFY, variables, { key });
    }
    expect(answer.errors).toBeUndefined();
    expect(answer.data.leuvenRectifyExaminationResult.version).toBe(2);
    expect(await versions(id)).toBe(2);
    expect(await audited(id)).toBe(1);
    expect(await gateway(RECTIFY, variables, { key })).toEqual(answer);
  });
});
