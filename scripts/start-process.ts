/**
 * `npm run start:<process>` (leuven, muenster, ttu, consortium, gateway): one process of the hub
 * on its own, the way a university runs only its own subgraph on its own server.
 *
 * Its environment is the one documented in the README ("Ports and configuration"). What is not
 * set is taken from the local data folder that `npm start` keeps (the signing secret and service
 * key in .data/secrets, the demo identity provider's key in .data/auth, the embedded database's
 * port), so that on the machine running `npm start` any one process can be restarted alone with
 * the same secrets. Variables that are set always win.
 */
import { spawn } from 'node:child_process';
import { publicJwkOf } from '@pioneer/shared/auth';
import { withDatabase } from '@pioneer/shared/config';
import { repoRoot } from './lib/repo-root.js';
import { loadStartConfig } from './config.js';
import { processArgs, processEnv, type ProcessName } from './lib/hub.js';
import { buildProcessBundles } from './lib/process-bundles.js';
import { readHubSecrets } from './lib/secrets.js';
import { demoIssuer, loadOrCreateSigningKey } from './lib/tokens.js';
import { existsSync } from 'node:fs';

const NAMES: readonly ProcessName[] = ['leuven', 'muenster', 'ttu', 'consortium', 'gateway'];
const name = process.argv[2] as ProcessName;
if (!NAMES.includes(name)) {
  console.error(`usage: tsx scripts/start-process.ts <${NAMES.join('|')}>`);
  process.exit(2);
}

const config = loadStartConfig();
const secrets = readHubSecrets(config.secretsDir);
let defaults: Record<string, string> = {};
if (secrets && existsSync(config.tokenKeyFile)) {
  const tokenKey = await loadOrCreateSigningKey(config.tokenKeyFile);
  const issuer = await demoIssuer(tokenKey);
  const server = `postgres://postgres:postgres@127.0.0.1:${config.embedded.port}/postgres`;
  const databases = config.external
    ? config.databases
    : { leuven: withDatabase(server, 'pioneer_leuven'), muenster: withDatabase(server, 'pioneer_muenster'), ttu: withDatabase(server, 'pioneer_ttu'), consortium: withDatabase(server, 'pioneer_consortium') };
  defaults = processEnv(name, {
    databases,
    ports: config.ports,
    ...secrets,
    jwks: { keys: [...issuer.publicJwks.keys, publicJwkOf(secrets.serviceKey)] },
    mode: 'development',
    tokenKey,
  });
  console.log(`${name}: settings not in the environment come from ${config.secretsDir} and ${config.tokenKeyFile}`);
}
// The child reads its own configuration (its config.ts), validated there; what is set wins.
// As in the whole hub: from its bundle, rebuilt now, with source maps in development (NODE_ENV).
await buildProcessBundles(repoRoot, [name]);
const child = spawn(process.execPath, processArgs(name, config.mode), { cwd: repoRoot, env: { ...defaults, ...process.env }, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
