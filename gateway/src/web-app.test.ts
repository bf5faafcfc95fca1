import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, importJWK, jwtVerify } from 'jose';
import { generateSigningJwk, publicJwkOf } from '@pioneer/shared/auth';
import { readWebConfig } from './web-app.config.js';
import { contentSecurityPolicy, createWebApp } from './web-app.js';
import type { GatewayConfig } from './config.js';

/** The gateway's web-app routes on their own: static files, app config, demo sign-in, configuration checks. */
const dir = mkdtempSync(join(tmpdir(), 'pioneer-web-'));
const dist = join(dir, 'dist');
mkdirSync(join(dist, 'assets'), { recursive: true });
writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
writeFileSync(join(dir, 'secret.txt'), 'outside the build');

async function serve(web: GatewayConfig['web'], mode: GatewayConfig['mode'] = 'test'): Promise<{ url: string; server: Server }> {
  const handle = createWebApp({ mode, web } as GatewayConfig, () => Promise.reject(new Error('no gateway here')));
  const server = createServer((req, res) => {
    if (!handle(req, res)) res.writeHead(418).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

let plain: { url: string; server: Server };
let demo: { url: string; server: Server };
let key: Awaited<ReturnType<typeof generateSigningJwk>>;

beforeAll(async () => {
  key = await generateSigningJwk();
  plain = await serve({ dir: dist, demoTokenKey: null, oidc: { issuer: 'https://login.example.org/realms/pioneer', clientId: 'pioneer-web', scope: 'openid' } }, 'production');
  demo = await serve({ dir: dist, demoTokenKey: key, oidc: null });
});

afterAll(() => {
  plain?.server.close();
  demo?.server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web app at /app', () => {
  it('serves the built app with a policy that allows no other host, and its screens as the app', async () => {
    const index = await fetch(`${plain.url}/app/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(contentSecurityPolicy('https://login.example.org/realms/pioneer'));
    expect(index.headers.get('content-security-policy')).toContain("connect-src 'self' blob: https://login.example.org;");
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const screen = await fetch(`${plain.url}/app/students/123`);
    expect(await screen.text()).toContain('<title>app</title>');
    const asset = await fetch(`${plain.url}/app/assets/index-abc.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${plain.url}/app/assets/missing.js`)).status).toBe(404);
  });

  it('never serves a file outside the build', async () => {
    for (const path of ['/app/../secret.txt', '/app/%2e%2e/secret.txt', '/app/..%2fsecret.txt', '/app/%2e%2e%2f%2e%2e%2fpackage.json']) {
      const text = await (await fetch(`${plain.url}${path}`)).text();
      expect(text).not.toContain('outside the build');
    }
    expect((await fetch(`${plain.url}/app/%E0%A4%A`)).status).toBe(400);
  });

  it('redirects / and /dashboard into the app; leaves /graphql to the gateway', async () => {
    const root = await fetch(`${plain.url}/`, { redirect: 'manual' });
    expect([root.status, root.headers.get('location')]).toEqual([302, '/app/']);
    const dash = await fetch(`${plain.url}/dashboard`, { redirect: 'manual' });
    expect(dash.headers.get('location')).toBe('/app/dashboard');
    expect((await fetch(`${plain.url}/graphql`)).status).toBe(418);
  });

  it('says how to sign in; production has no demo sign-in', async () => {
    expect(await (await fetch(`${plain.url}/app/config.json`)).json()).toEqual({
      mode: 'production',
      demoSignIn: false,
      oidc: { issuer: 'https://login.example.org/realms/pioneer', clientId: 'pioneer-web', scope: 'openid' },
      graphiql: false,
    });
    const mint = await fetch(`${plain.url}/auth/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"committee"}' });
    expect(mint.status).toBe(404);
    expect(((await mint.json()) as any).errors[0].extensions.code).toBe('NOT_FOUND');
  });

  it('mints demo tokens in test mode, signed with the demo key, with the lifetime asked', async () => {
    const res = await fetch(`${demo.url}/auth/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ role: 'student', arg: 'student-7', ttlSeconds: 60 }) });
    expect(res.status).toBe(200);
    const { token } = (await res.json()) as { token: string };
    const { payload } = await jwtVerify(token, await importJWK(publicJwkOf(key), 'ES256'), { issuer: 'pioneer-hub', audience: 'pioneer-hub' });
    expect([payload.sub, payload.scope]).toEqual(['student-7', 'student']);
    expect(payload.exp! - payload.iat!).toBe(60);
    const noArg = await fetch(`${demo.url}/auth/demo/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"role":"student"}' });
    expect(noArg.status).toBe(400);
    expect(decodeJwt(token).name).toBe('Student');
  });

  it('answers 503 with the command to run when the app is not built', async () => {
    const empty = await serve({ dir: join(dir, 'nothing'), demoTokenKey: null, oidc: null });
    const res = await fetch(`${empty.url}/app/`);
    expect(res.status).toBe(503);
    expect(await res.text()).toContain('npm run web:build');
    empty.server.close();
  });
});

describe('web configuration', () => {
  it('refuses the demo key in production, half an OIDC configuration, and a plain-http provider in production', async () => {
    const jwk = JSON.stringify(await generateSigningJwk());
    expect(() => readWebConfig({ DEMO_TOKEN_KEY: jwk }, 'production', dist)).toThrow(/DEMO_TOKEN_KEY/);
    expect(readWebConfig({ DEMO_TOKEN_KEY: jwk }, 'development', dist).demoTokenKey?.d).toBeDefined();
    expect(() => readWebConfig({ DEMO_TOKEN_KEY: '{"kty":"EC"}' }, 'test', dist)).toThrow(/private JWK/);
    expect(() => readWebConfig({ WEB_OIDC_ISSUER: 'https://id.example.org' }, 'production', dist)).toThrow(/WEB_OIDC_CLIENT_ID/);
    expect(() => readWebConfig({ WEB_OIDC_ISSUER: 'http://id.example.org', WEB_OIDC_CLIENT_ID: 'x' }, 'production', dist)).toThrow(/https/);
    expect(readWebConfig({ WEB_OIDC_ISSUER: 'https://id.example.org', WEB_OIDC_CLIENT_ID: 'x', WEB_OIDC_SCOPE: 'openid pioneer' }, 'production', dist).oidc).toEqual({ issuer: 'https://id.example.org', clientId: 'x', scope: 'openid pioneer' });
  });
});
