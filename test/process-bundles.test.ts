import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProcessBundles, bundleOf } from '../scripts/lib/process-bundles.js';
import { repoRoot } from '../scripts/lib/repo-root.js';

/** The npm packages a bundle loads at start (its static imports; npm packages stay external). */
function packagesLoadedBy(bundle: string): Set<string> {
  const code = readFileSync(bundle, 'utf8');
  const names = [...code.matchAll(/^\s*import\s[^;]*?from\s*"([^"]+)"|^\s*import\s*"([^"]+)"/gm)].map((m) => (m[1] ?? m[2])!);
  return new Set(names.filter((n) => !n.startsWith('node:')).map((n) => (n.startsWith('@') ? n.split('/').slice(0, 2).join('/') : n.split('/')[0]!)));
}

describe('process bundles', () => {
  // Issue 16 (a restart ≤ 10 s): five processes load their modules at once on two cores, and the
  // gateway is the longest. It composes and routes; the subgraphs' server, ORM and schema
  // builder are not its to load (they came in through @pioneer/shared/server once).
  it("the gateway loads none of the subgraphs' machinery", async () => {
    await buildProcessBundles(repoRoot, ['gateway']);
    const loaded = packagesLoadedBy(bundleOf(repoRoot, 'gateway'));
    expect(loaded).toContain('@graphql-hive/gateway-runtime');
    for (const heavy of ['@apollo/server', '@apollo/subgraph', '@mikro-orm/core', '@mikro-orm/postgresql', 'type-graphql', 'pg']) expect(loaded).not.toContain(heavy);
  });
});
