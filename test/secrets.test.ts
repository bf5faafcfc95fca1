import { describe, expect, it } from 'vitest';
import { chmodSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateHubSecrets, readHubSecrets } from '../scripts/lib/secrets.js';
import { loadSoakConfig } from '../scripts/bench-config.js';

describe('the secrets of a hub start', () => {
  it('are made once, kept in files only their owner reads, and the same on the next start', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pioneer-secrets-'));
    try {
      const secretsDir = join(dir, 'secrets');
      expect(readHubSecrets(secretsDir)).toBeNull();
      const first = await loadOrCreateHubSecrets(secretsDir);
      expect(first.signingSecret.length).toBeGreaterThanOrEqual(32);
      expect(first.serviceKey.d).toBeDefined();
      expect(statSync(secretsDir).mode & 0o777).toBe(0o700);
      for (const f of ['subgraph-signing-secret', 'consortium-service-key.json']) expect(statSync(join(secretsDir, f)).mode & 0o777).toBe(0o600);
      expect(await loadOrCreateHubSecrets(secretsDir)).toEqual(first);
      expect(readHubSecrets(secretsDir)).toEqual(first);
      chmodSync(join(secretsDir, 'subgraph-signing-secret'), 0o644);
      expect(() => readHubSecrets(secretsDir)).toThrow(/readable by others \(mode 644\); make it 0600/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the soak is bounded: its duration and connections from the arguments, validated', () => {
    expect(loadSoakConfig([], {})).toMatchObject({ seconds: 600, connections: 8 });
    expect(loadSoakConfig(['60', '4'], {})).toMatchObject({ seconds: 60, connections: 4 });
    expect(() => loadSoakConfig(['0'], {})).toThrow(/SOAK_SECONDS/);
    expect(() => loadSoakConfig(['100000'], {})).toThrow(/outside 1-86400/);
  });
});
