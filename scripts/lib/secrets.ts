/**
 * The secrets of a hub start, kept in files only their owner may read (mode 0600, folder 0700)
 * under the data folder: the HMAC secret the gateway signs subgraph requests with and the
 * consortium's service key. Any one process can then be restarted alone (`npm run start:leuven`)
 * and still be trusted by the others. Made on first use; delete the folder to rotate them.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { JWK } from 'jose';
import { generateSigningJwk } from '@pioneer/shared/auth';

export interface HubSecrets {
  signingSecret: string;
  serviceKey: JWK;
}

export const SIGNING_SECRET_FILE = 'subgraph-signing-secret';
export const SERVICE_KEY_FILE = 'consortium-service-key.json';

function writePrivate(path: string, content: string) {
  writeFileSync(path, content, { mode: 0o600 });
  // The mode given to writeFileSync is filtered by the umask; say it once more, exactly.
  chmodSync(path, 0o600);
}

function readPrivate(path: string): string {
  const mode = statSync(path).mode & 0o777;
  if (mode & 0o077) throw new Error(`${path} is readable by others (mode ${mode.toString(8)}); make it 0600`);
  return readFileSync(path, 'utf8').trim();
}

export async function loadOrCreateHubSecrets(dir: string): Promise<HubSecrets> {
  // Only the secrets folder is private: a recursive mkdir would make the data folder 0700 too, and
  // the embedded PostgreSQL (run as the postgres user when we are root) could not reach its data.
  mkdirSync(dirname(dir), { recursive: true });
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const secretPath = join(dir, SIGNING_SECRET_FILE);
  const keyPath = join(dir, SERVICE_KEY_FILE);
  if (!existsSync(secretPath)) writePrivate(secretPath, randomBytes(32).toString('base64url'));
  if (!existsSync(keyPath)) writePrivate(keyPath, JSON.stringify(await generateSigningJwk('consortium-service')));
  return { signingSecret: readPrivate(secretPath), serviceKey: JSON.parse(readPrivate(keyPath)) as JWK };
}

/** The secrets a start left behind, or null when there was none yet. */
export function readHubSecrets(dir: string): HubSecrets | null {
  const secretPath = join(dir, SIGNING_SECRET_FILE);
  const keyPath = join(dir, SERVICE_KEY_FILE);
  if (!existsSync(secretPath) || !existsSync(keyPath)) return null;
  return { signingSecret: readPrivate(secretPath), serviceKey: JSON.parse(readPrivate(keyPath)) as JWK };
}
