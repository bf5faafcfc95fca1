/**
 * Builds the web app (web/ → web/dist) when its sources or the supergraph changed since the last
 * build: code generation checks every operation against gateway/supergraph.graphql, then tsc and
 * Vite. `npm start` and `npm test` run it first (npm's prestart/pretest), so a fresh clone needs
 * nothing else; an unchanged tree costs one hash of a few files.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
// Not from @pioneer/gateway: loading the gateway would cost seconds on every no-op check.
import { repoRoot } from './repo-root.js';

const WEB = join(repoRoot, 'web');
const STAMP = join(WEB, 'dist', '.build-hash');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'gql' ? [] : files(path);
    return [path];
  });
}

/** A hash over everything the build reads. */
export function webSourceHash(): string {
  const inputs = [...files(join(WEB, 'src')), ...['index.html', 'vite.config.ts', 'codegen.ts', 'tsconfig.json', 'package.json'].map((f) => join(WEB, f)), join(repoRoot, 'gateway', 'supergraph.graphql')].sort();
  const hash = createHash('sha256');
  for (const file of inputs) hash.update(relative(repoRoot, file)).update('\0').update(readFileSync(file)).update('\0');
  return hash.digest('hex');
}

export function isWebBuildCurrent(): boolean {
  return existsSync(STAMP) && existsSync(join(WEB, 'dist', 'index.html')) && readFileSync(STAMP, 'utf8').trim() === webSourceHash();
}

/** Builds unless current; returns whether it built. */
export function ensureWebBuild(log: (line: string) => void = () => {}): boolean {
  if (isWebBuildCurrent()) return false;
  log('building the web app (web/ → web/dist) …');
  const hash = webSourceHash();
  execFileSync('npm', ['run', '-s', 'build', '-w', 'web'], { cwd: repoRoot, stdio: ['ignore', 'inherit', 'inherit'] });
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}
