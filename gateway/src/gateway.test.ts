import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from './config.js';
import { startGateway, type RunningGateway } from './gateway.js';
import { freePort } from '../../test/support/ports.js';
import { generateSigningJwk, tokenIssuer } from '@pioneer/shared/auth';

const issuer = await tokenIssuer(await generateSigningJwk(), 'pioneer-hub', 'pioneer-hub');

/**
 * Hardening at the gateway. Nothing here reaches a subgraph: every refusal happens before the
 * query plan runs, so the subgraph addresses point nowhere.
 */
async function gatewayIn(mode: 'production' | 'development'): Promise<RunningGateway> {
  const nowhere = `http://127.0.0.1:${await freePort()}/`;
  return startGateway(
    loadGatewayConfig({
      NODE_ENV: mode,
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: 'test-secret-test-secret-test-secret-00',
      AUTH_JWKS: JSON.stringify(issuer.publicJwks),
      LEUVEN_URL: nowhere,
      MUENSTER_URL: nowhere,
      TTU_URL: nowhere,
      CONSORTIUM_URL: nowhere,
    }),
  );
}

const post = async (url: string, body: string, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, body: (await res.json()) as any };
};
const query = (url: string, q: string) => post(url, JSON.stringify({ query: q }));

describe('gateway hardening', () => {
  let prod: RunningGateway;
  let dev: RunningGateway;
  beforeAll(async () => {
    [prod, dev] = await Promise.all([gatewayIn('production'), gatewayIn('development')]);
  });
  afterAll(async () => {
    await Promise.all([prod?.stop(), dev?.stop()]);
  });

  it('refuses an operation nested deeper than the limit', async () => {
    let nested = 'attempt';
    for (let i = 0; i < 7; i++) nested = `result { registration { ${nested} } }`;
    const { status, body } = await query(prod.url, `{ leuvenRegistrations(courseCode: "LEU-BIS") { ${nested} } }`);
    expect(status).toBe(400);
    expect(body.errors[0].message).toMatch(/depth limit of 12/i);
    expect(body.errors[0].message).not.toMatch(/syntax/i);
    expect(body.errors[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', details: { limit: 'depth', max: 12 } });
    expect(body.errors[0].extensions.details.actual).toBeGreaterThan(12);
    expect(body.data ?? null).toBeNull();
  });

  it('refuses too many aliases and too many tokens', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: students(limit: 1) { total }`).join(' ');
    const tooManyAliases = await query(prod.url, `{ ${aliases} }`);
    // A limit is reported as a limit (issue 15), not as a "Syntax Error".
    expect(tooManyAliases.status).toBe(400);
    expect(tooManyAliases.body.errors[0].message).toBe('The operation exceeds the aliases limit of 30 (it has 40); split it into smaller operations');
    expect(tooManyAliases.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', details: { limit: 'aliases', max: 30, actual: 40 } });
    const tokens = `{ ${Array.from({ length: 6000 }, () => '__typename').join(' ')} }`;
    const tooManyTokens = await query(prod.url, tokens);
    expect(tooManyTokens.status).toBe(400);
    expect(tooManyTokens.body.errors[0].message).toMatch(/tokens limit of 5000/);
    expect(tooManyTokens.body.errors[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', details: { limit: 'tokens', max: 5000, atLeast: 5001 } });
    const directives = `{ __typename ${Array.from({ length: 25 }, () => '@skip(if: false)').join(' ')} }`;
    const tooManyDirectives = (await query(prod.url, directives)).body;
    expect(tooManyDirectives.errors[0].extensions).toMatchObject({ code: 'OPERATION_LIMIT_EXCEEDED', details: { limit: 'directives', max: 20, actual: 25 } });
  });

  it('refuses a body over the limit (413) and a body without a length (411)', async () => {
    const huge = JSON.stringify({ query: `{ __typename }`, variables: { x: 'x'.repeat(1_100_000) } });
    const tooLarge = await post(prod.url, huge);
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.errors[0].extensions.code).toBe('PAYLOAD_TOO_LARGE');
    const stream = new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode('{"query":"{ __typename }"}')), c.close()) });
    const res = await fetch(prod.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(411);
  });

  it('in production: no introspection and no GraphiQL; in development both', async () => {
    const intro = '{ __schema { queryType { name } } }';
    expect((await query(prod.url, intro)).body.errors[0].message).toMatch(/introspection/i);
    expect((await query(dev.url, intro)).body.data.__schema.queryType.name).toBe('Query');
    const page = (url: string) => fetch(url, { headers: { accept: 'text/html' } }).then(async (r) => (await r.text()).includes('<title>PIONEER federation hub</title>'));
    expect(await page(prod.url)).toBe(false);
    expect(await page(dev.url)).toBe(true);
    // Issue 11 item 5: no field suggestions in production, to anyone.
    const typo = (url: string) => query(url, '{ studnts { total } }').then((r) => JSON.stringify(r.body));
    expect(await typo(dev.url)).toMatch(/Did you mean/);
    expect(await typo(prod.url)).not.toMatch(/Did you mean/);
  });

  it('refuses cross-site "simple" requests without a custom header (CSRF), answers JSON and headed requests', async () => {
    const form = await fetch(prod.url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'query=%7B__typename%7D' });
    expect(form.status).toBe(403);
    const get = await fetch(`${prod.url}?query=${encodeURIComponent('{ __typename }')}`);
    expect(get.status).toBe(403);
    expect(((await get.json()) as any).errors[0].extensions.code).toBe('BAD_USER_INPUT');
    const headed = await fetch(`${prod.url}?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'x-pioneer-csrf': '1' } });
    expect(headed.status).toBe(200);
  });

  it('answers a normal operation within the limits (a request-level error here, as no subgraph runs)', async () => {
    const { status, body } = await query(prod.url, '{ __typename }');
    expect(status).toBe(200);
    expect(body.data.__typename).toBe('Query');
  });
});

describe('authentication and the auth directives at the gateway', () => {
  let gw: RunningGateway;
  beforeAll(async () => {
    gw = await gatewayIn('production');
  });
  afterAll(async () => {
    await gw?.stop();
  });
  const as = (token: string | null, q: string) => post(gw.url, JSON.stringify({ query: q }), token ? { authorization: token } : {});

  it('refuses an operation on @authenticated fields without a token: UNAUTHENTICATED, before any subgraph', async () => {
    const { body } = await as(null, '{ leuvenCourses { code } }');
    expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(body.data ?? null).toBeNull();
    const mutation = await as(null, 'mutation { recordHearing(input: { studentId: "x", subject: "s", heldOn: "2026-01-01", statement: "s" }) { id } }');
    expect(mutation.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a forged, expired, foreign or malformed token with 401 UNAUTHENTICATED', async () => {
    const foreign = await tokenIssuer(await generateSigningJwk(), 'pioneer-hub', 'pioneer-hub');
    const otherAudience = await tokenIssuer(await generateSigningJwk(), 'pioneer-hub', 'elsewhere');
    const good = await issuer.mint({ sub: 'ac-chair', scope: 'committee' });
    const [h, p] = good.split('.');
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), scope: 'committee leuven:office' })).toString('base64url')}.${good.split('.')[2]}`;
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url')}.${p}.`;
    const cases = [
      `Bearer ${await foreign.mint({ sub: 'x', scope: 'committee' })}`,
      `Bearer ${await otherAudience.mint({ sub: 'x', scope: 'committee' })}`,
      `Bearer ${await issuer.mint({ sub: 'x', scope: 'committee' }, { expiresIn: '-1m' })}`,
      `Bearer ${tampered}`,
      `Bearer ${unsigned}`,
      'Basic YWRtaW46YWRtaW4=',
      `Bearer ${'a'.repeat(9000)}.b.c`,
    ];
    for (const header of cases) {
      const { status, body } = await as(header, '{ leuvenCourses { code } }');
      expect(status, header.slice(0, 40)).toBe(401);
      expect(body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts/);
    }
  });

  it('refuses a field whose @requiresScopes the token lacks: FORBIDDEN, before any subgraph', async () => {
    const staff = `Bearer ${await issuer.mint({ sub: 'ms', scope: 'muenster:staff' })}`;
    const student = `Bearer ${await issuer.mint({ sub: '00000000-0000-4000-8000-000000000001', scope: 'student' })}`;
    for (const [token, q] of [
      [staff, '{ leuvenResults(courseCode: "LEU-BIS") { id } }'],
      [student, '{ students { total } }'],
      [student, '{ cohortDashboard(cohort: 2024) { total } }'],
      [staff, '{ consortiumAuditTrail { total } }'],
    ] as const) {
      const { body } = await as(token, q);
      expect(body.errors[0].extensions.code, q).toBe('FORBIDDEN');
      expect(body.data ?? null).toBeNull();
    }
  });
});
