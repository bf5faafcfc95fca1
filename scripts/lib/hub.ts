/**
 * Starts the whole hub: the databases (created, migrated, seeded when empty), the four subgraphs
 * and the gateway as separate processes, as in production. Used by `npm start` and by the
 * end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { SIGNATURE_EXTENSION, signGatewayRequest } from '@pioneer/shared/server';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ensureDatabase } from '@pioneer/shared/persistence';
import { repoRoot } from '@pioneer/gateway';
import { seedCatalogues, seedDemoIfEmpty } from './seed.js';
import type { JWK } from 'jose';
import { generateSigningJwk, publicJwkOf } from '@pioneer/shared/auth';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoIssuer, mintDemoToken, type DemoRole } from './tokens.js';

const require = createRequire(import.meta.url);
const TSX = require.resolve('tsx');

export interface HubOptions {
  /** Per-subgraph database URLs. */
  databases: Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>;
  ports: { gateway: number; leuven: number; muenster: number; ttu: number; consortium: number };
  /** 'demo': catalogue and demo cohort when empty; 'catalogue': the catalogues only; false: nothing. */
  seed: 'demo' | 'catalogue' | false;
  mode?: 'development' | 'production' | 'test';
  /** Shared by the gateway and the subgraphs; a fresh random one per start when not given. */
  signingSecret?: string;
  /** The demo identity provider's private key; a fresh one per start when not given. */
  tokenKey?: JWK;
  log?: (line: string) => void;
}

export interface RunningHub {
  gatewayUrl: string;
  signingSecret: string;
  /** A bearer token for a demo role, signed with the hub's demo key. */
  token(role: DemoRole, arg?: string): Promise<string>;
  subgraphUrls: Record<'leuven' | 'muenster' | 'ttu' | 'consortium', string>;
  /** Process ids by name, for measurements. */
  pids(): Record<string, number>;
  /** The environment the gateway process was started with (a benchmark starts a second gateway with it). */
  gatewayEnv: Record<string, string>;
  /** Stops one subgraph process (the partial-failure tests use it). */
  stopProcess(name: string): Promise<void>;
  stop(): Promise<void>;
}

const SUBGRAPH_ENTRY = {
  leuven: 'subgraphs/leuven/src/main.ts',
  muenster: 'subgraphs/muenster/src/main.ts',
  ttu: 'subgraphs/ttu/src/main.ts',
  consortium: 'subgraphs/consortium/src/main.ts',
} as const;

async function waitForGraphQL(url: string, child: ChildProcess, secret: string | null, timeoutMs = 60_000): Promise<void> {
  const query = '{ __typename }';
  const body = JSON.stringify({ query, ...(secret ? { extensions: { [SIGNATURE_EXTENSION]: signGatewayRequest(secret, { query }) } } : {}) });
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited with ${child.exitCode}`);
    try {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export async function startHub(options: HubOptions): Promise<RunningHub> {
  const log = options.log ?? (() => {});
  const signingSecret = options.signingSecret ?? randomBytes(32).toString('base64url');
  const issuer = await demoIssuer(options.tokenKey ?? (await generateSigningJwk()));
  // The consortium's service identity: its own key, fresh per start, trusted beside the demo IdP's.
  const serviceKey = await generateSigningJwk('consortium-service');
  const authEnv = { AUTH_JWKS: JSON.stringify({ keys: [...issuer.publicJwks.keys, publicJwkOf(serviceKey)] }), AUTH_JWT_ISSUER: DEMO_ISSUER, AUTH_JWT_AUDIENCE: DEMO_AUDIENCE };
  for (const url of Object.values(options.databases)) await ensureDatabase(url);
  if (options.seed === 'demo') await seedDemoIfEmpty(options.databases, log);
  else if (options.seed === 'catalogue') await seedCatalogues(options.databases);

  const children = new Map<string, ChildProcess>();
  const spawnNode = (name: string, entry: string, env: Record<string, string>) => {
    const child = spawn(process.execPath, ['--import', TSX, join(repoRoot, entry)], {
      cwd: repoRoot,
      env: { ...process.env, ...env, ...authEnv, SUBGRAPH_SIGNING_SECRET: signingSecret, NODE_ENV: options.mode ?? 'development' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(`[${name}] ${l}`)));
    child.stderr?.on('data', (d: Buffer) => d.toString().split('\n').filter(Boolean).forEach((l) => log(`[${name}] ${l}`)));
    children.set(name, child);
    return child;
  };
  const stopAll = async () => {
    await Promise.all([...children.values()].map(stopChild));
  };

  try {
    const subgraphUrls = {} as RunningHub['subgraphUrls'];
    const started: Promise<void>[] = [];
    for (const name of ['leuven', 'muenster', 'ttu', 'consortium'] as const) {
      const upper = name.toUpperCase();
      const port = options.ports[name];
      subgraphUrls[name] = `http://127.0.0.1:${port}/`;
      const child = spawnNode(name, SUBGRAPH_ENTRY[name], {
        [`${upper}_DATABASE_URL`]: options.databases[name],
        [`${upper}_PORT`]: String(port),
        // The consortium asks the gateway for federated credits (thesis eligibility, §10 (3)).
        CONSORTIUM_GATEWAY_URL: `http://127.0.0.1:${options.ports.gateway}/graphql`,
        ...(name === 'consortium' ? { CONSORTIUM_SERVICE_KEY: JSON.stringify(serviceKey) } : {}),
      });
      started.push(waitForGraphQL(subgraphUrls[name], child, signingSecret));
    }
    await Promise.all(started);
    const gatewayUrl = `http://127.0.0.1:${options.ports.gateway}/graphql`;
    const gatewayEnv = {
      GATEWAY_PORT: String(options.ports.gateway),
      LEUVEN_URL: subgraphUrls.leuven,
      MUENSTER_URL: subgraphUrls.muenster,
      TTU_URL: subgraphUrls.ttu,
      CONSORTIUM_URL: subgraphUrls.consortium,
    };
    const gateway = spawnNode('gateway', 'gateway/src/main.ts', gatewayEnv);
    await waitForGraphQL(gatewayUrl, gateway, null);
    return {
      gatewayUrl,
      signingSecret,
      token: (role, arg) => mintDemoToken(issuer, role, arg),
      subgraphUrls,
      gatewayEnv: { ...gatewayEnv, ...authEnv, SUBGRAPH_SIGNING_SECRET: signingSecret, NODE_ENV: options.mode ?? 'development' },
      pids: () => Object.fromEntries([...children].map(([n, c]) => [n, c.pid ?? 0])),
      stopProcess: async (name) => {
        const child = children.get(name);
        if (child) await stopChild(child);
      },
      stop: stopAll,
    };
  } catch (e) {
    await stopAll();
    throw e;
  }
}

