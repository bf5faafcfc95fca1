import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createTokenVerifier } from '@pioneer/shared/auth';
import { repoRoot } from '@pioneer/gateway';
import { DEMO_AUDIENCE, DEMO_ISSUER, demoIssuer, loadOrCreateSigningKey } from '../scripts/lib/tokens.js';

const run = promisify(execFile);
const TSX = createRequire(import.meta.url).resolve('tsx');

/** `npm run token` as the README uses it: a token the hub started with the same key accepts. */
describe('the token command', () => {
  const keyFile = join(mkdtempSync(join(tmpdir(), 'pioneer-token-')), 'key.json');
  const token = (...args: string[]) =>
    run(process.execPath, ['--import', TSX, join(repoRoot, 'scripts/token.ts'), ...args], { env: { ...process.env, PIONEER_TOKEN_KEY_FILE: keyFile }, cwd: repoRoot });

  it('mints a verifiable token per role, with the student id as a student’s subject', async () => {
    const committee = (await token('committee')).stdout.trim();
    const student = (await token('student', '21c23189-5f6e-4145-9067-c3add9f08399')).stdout.trim();
    const issuer = await demoIssuer(await loadOrCreateSigningKey(keyFile));
    const verifier = createTokenVerifier({ keys: { jwks: issuer.publicJwks }, issuer: DEMO_ISSUER, audience: DEMO_AUDIENCE });
    expect([...(await verifier.authenticate(`Bearer ${committee}`))!.scopes]).toEqual(['committee']);
    expect((await verifier.authenticate(`Bearer ${student}`))!.subject).toBe('21c23189-5f6e-4145-9067-c3add9f08399');
  }, 60_000);

  it('refuses an unknown role or a student without an id, with exit code 2', async () => {
    await expect(token('admin')).rejects.toMatchObject({ code: 2 });
    await expect(token('student')).rejects.toMatchObject({ code: 2 });
  }, 60_000);
});
