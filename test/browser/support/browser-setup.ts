/**
 * One hub (demo data, test mode) and one headless Chromium for all browser test files, started
 * once for the run; the files connect to both. Runs only when a browser test is selected (its
 * own vitest project).
 */
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { chromium } from 'playwright-core';
import { withDatabase } from '@pioneer/shared/config';
import { ensureDatabase } from '@pioneer/shared/persistence';
import { generateSigningJwk } from '@pioneer/shared/auth';
import type { JWK } from 'jose';
import { startHub } from '../../../scripts/lib/hub.js';
import { ensureWebBuild } from '../../../scripts/lib/web-build.js';
import { freePort } from '../../support/ports.js';
import { chromiumPath } from '../../support/test-config.js';

declare module 'vitest' {
  export interface ProvidedContext {
    browserHub: { gatewayUrl: string; origin: string; wsEndpoint: string; tokenKey: JWK };
  }
}

export default async function setup(project: TestProject) {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`No Chromium at ${executablePath}: install Debian's package (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`);
  }
  await ensureWebBuild((l) => console.log(`[browser tests] ${l}`));
  const { serverUrl, prefix } = project.getProvidedContext().pg;
  const databases = {} as Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>;
  for (const name of ['leuven', 'muenster', 'ttu', 'consortium'] as const) {
    databases[name] = withDatabase(serverUrl, `${prefix}browser_${name}`);
    await ensureDatabase(databases[name]);
  }
  const tokenKey = await generateSigningJwk();
  const [hub, browser] = await Promise.all([
    startHub({
      databases,
      ports: { gateway: await freePort(), leuven: await freePort(), muenster: await freePort(), ttu: await freePort(), consortium: await freePort() },
      seed: 'demo',
      mode: 'test',
      tokenKey,
    }),
    chromium.launchServer({ executablePath, headless: true, args: ['--disable-gpu', '--disable-dev-shm-usage'] }),
  ]);
  project.provide('browserHub', { gatewayUrl: hub.gatewayUrl, origin: new URL(hub.gatewayUrl).origin, wsEndpoint: browser.wsEndpoint(), tokenKey });
  return async () => {
    await browser.close();
    await hub.stop();
  };
}
