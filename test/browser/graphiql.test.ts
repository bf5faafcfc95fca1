import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { loadGatewayConfig, startGateway, type RunningGateway } from '@pioneer/gateway';
import { generateSigningJwk, tokenIssuer } from '@pioneer/shared/auth';
import { GRAPHIQL_EXAMPLES } from '../../gateway/src/graphiql.js';
import { freePort } from '../support/ports.js';
import { connectBrowser } from './support/browser.js';

/**
 * GraphiQL works offline: a development gateway (no subgraph needed to render it or introspect
 * the supergraph) serves GraphiQL's code itself; the browser may ask no other host.
 */
let browser: Browser;
let gateway: RunningGateway;

beforeAll(async () => {
  const nowhere = `http://127.0.0.1:${await freePort()}/`;
  const issuer = await tokenIssuer(await generateSigningJwk(), 'pioneer-hub', 'pioneer-hub');
  gateway = await startGateway(
    loadGatewayConfig({
      NODE_ENV: 'development',
      GATEWAY_PORT: String(await freePort()),
      SUBGRAPH_SIGNING_SECRET: 'test-secret-test-secret-test-secret-00',
      AUTH_JWKS: JSON.stringify(issuer.publicJwks),
      LEUVEN_URL: nowhere,
      MUENSTER_URL: nowhere,
      TTU_URL: nowhere,
      CONSORTIUM_URL: nowhere,
    }),
  );
  browser = await connectBrowser();
});

afterAll(async () => {
  await browser?.close();
  await gateway?.stop();
});

describe('GraphiQL', () => {
  it('renders from the hub’s own assets with an example tab per role, asking no other host', async () => {
    const origin = new URL(gateway.url).origin;
    const context = await browser.newContext();
    const foreign: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (new URL(url).origin === origin || !/^(https?|wss?):/.test(url)) return route.continue();
      foreign.push(url);
      return route.abort();
    });
    const page = await context.newPage();
    await page.goto(gateway.url);
    await page.locator('.graphiql-container').first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.graphiql-tab').count(), { timeout: 30_000 }).toBe(GRAPHIQL_EXAMPLES.length);
    expect(await page.title()).toBe('PIONEER federation hub');
    expect(foreign).toEqual([]);
    await context.close();
  });
});
