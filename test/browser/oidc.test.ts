import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@pioneer/gateway';
import { tokenIssuer } from '@pioneer/shared/auth';
import { freePort } from '../support/ports.js';
import { connectBrowser, hub } from './support/browser.js';

/**
 * Sign-in with an OpenID Connect provider: authorization code with PKCE. A small provider made
 * here checks the code verifier against the challenge and issues an access token the hub trusts;
 * a gateway configured with it (WEB_OIDC_*) serves the app.
 */
let browser: Browser;
let gateway: RunningGateway;
let provider: Server;
let issuerUrl: string;
const exchanges: { pkceVerified: boolean; clientId: string }[] = [];

async function startProvider(): Promise<void> {
  const port = await freePort();
  issuerUrl = `http://127.0.0.1:${port}/oidc`;
  const codes = new Map<string, { challenge: string; redirectUri: string }>();
  const mint = await tokenIssuer(hub().tokenKey, 'pioneer-hub', 'pioneer-hub');
  const cors = { 'access-control-allow-origin': '*', 'access-control-allow-headers': '*' };
  provider = createServer((req, res) => {
    const url = new URL(req.url!, issuerUrl);
    if (req.method === 'OPTIONS') return res.writeHead(204, { ...cors, 'access-control-allow-methods': 'GET, POST' }).end();
    if (url.pathname === '/oidc/.well-known/openid-configuration') {
      res.writeHead(200, { 'content-type': 'application/json', ...cors });
      return res.end(JSON.stringify({ issuer: issuerUrl, authorization_endpoint: `${issuerUrl}/authorize`, token_endpoint: `${issuerUrl}/token`, response_types_supported: ['code'], code_challenge_methods_supported: ['S256'] }));
    }
    if (url.pathname === '/oidc/authorize') {
      const q = url.searchParams;
      if (q.get('client_id') !== 'pioneer-web' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) return res.writeHead(400).end('bad request');
      const code = randomUUID();
      codes.set(code, { challenge: q.get('code_challenge')!, redirectUri: q.get('redirect_uri')! });
      const back = new URL(q.get('redirect_uri')!);
      back.searchParams.set('code', code);
      back.searchParams.set('state', q.get('state')!);
      return res.writeHead(302, { location: back.href }).end();
    }
    if (url.pathname === '/oidc/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        const form = new URLSearchParams(body);
        const grant = codes.get(form.get('code') ?? '');
        const verified = !!grant && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === grant.challenge && form.get('redirect_uri') === grant.redirectUri;
        exchanges.push({ pkceVerified: verified, clientId: form.get('client_id') ?? '' });
        if (!verified) {
          res.writeHead(400, { 'content-type': 'application/json', ...cors });
          return res.end(JSON.stringify({ error: 'invalid_grant' }));
        }
        codes.delete(form.get('code')!);
        const accessToken = await mint.mint({ sub: 'oidc-member', name: 'Member signed in by OIDC', scope: 'committee' }, { expiresIn: '1h' });
        res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store', ...cors });
        res.end(JSON.stringify({ access_token: accessToken, token_type: 'Bearer', expires_in: 3600 }));
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => provider.listen(port, '127.0.0.1', r));
}

beforeAll(async () => {
  await startProvider();
  const mint = await tokenIssuer(hub().tokenKey, 'pioneer-hub', 'pioneer-hub');
  const nowhere = `http://127.0.0.1:${await freePort()}/`;
  gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'test',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: 'test-secret-test-secret-test-secret-00',
      AUTH_JWKS: JSON.stringify(mint.publicJwks),
      LEUVEN_URL: nowhere,
      MUENSTER_URL: nowhere,
      TTU_URL: nowhere,
      CONSORTIUM_URL: nowhere,
      WEB_OIDC_ISSUER: issuerUrl,
      WEB_OIDC_CLIENT_ID: 'pioneer-web',
      WEB_OIDC_SCOPE: 'openid',
    }),
  );
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
  provider?.close();
});

describe('sign-in with OpenID Connect', () => {
  it('goes to the provider and back with a code, exchanges it with the PKCE verifier, and is signed in', async () => {
    const origin = new URL(gateway.url).origin;
    const context = await browser.newContext();
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if ([origin, new URL(issuerUrl).origin].includes(new URL(url).origin) || !/^(https?|wss?):/.test(url)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    const index = await page.goto(`${origin}/app/`);
    expect(index!.headers()['content-security-policy']).toContain(`connect-src 'self' blob: ${new URL(issuerUrl).origin}`);
    const button = page.getByRole('button', { name: `Sign in with ${new URL(issuerUrl).host}` });
    await button.waitFor();
    // No demo sign-in without the demo key.
    expect(await page.getByLabel('Role', { exact: true }).count()).toBe(0);
    await button.click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor({ timeout: 60_000 });
    expect(new URL(page.url()).pathname).toBe('/app/dashboard');
    await expect.poll(() => page.locator('header').textContent()).toContain('Member signed in by OIDC');
    expect(exchanges).toEqual([{ pkceVerified: true, clientId: 'pioneer-web' }]);
    // The hub accepted the provider's token: the API answers (here without universities: a coded error, not UNAUTHENTICATED).
    await expect.poll(() => page.getByRole('alert').textContent(), { timeout: 60_000 }).toMatch(/\(code (SOURCE_UNAVAILABLE|INTERNAL)\)/);
    expect(await page.evaluate(() => sessionStorage.getItem('pioneer.token'))).toMatch(/^ey/);
    expect(foreign).toEqual([]);
    await context.close();
  });

  it('refuses a callback it did not start', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${new URL(gateway.url).origin}/app/signed-in?code=forged&state=forged`);
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('This sign-in was not started here');
    expect(exchanges).toHaveLength(1);
    await context.close();
  });
});
