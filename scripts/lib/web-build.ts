/**
 * Builds the web app (web/ → web/dist) when its sources or the supergraph changed since the last
 * build: code generation checks every operation against gateway/supergraph.graphql, then tsc and
 * Vite. `npm test` runs it first (npm's pretest) and `npm start` while the hub starts, so a fresh
 * clone needs nothing else; an unchanged tree costs one hash of a few files.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
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

/**
 * Builds unless current, the build's lines handed to `log`; returns whether it built. It does not
 * block: `npm start` builds the app while the hub starts (issue 16, first start ≤ 30 s). Rejects
 * when the build fails, and leaves the stamp alone then, so the next run builds again.
 */
export async function ensureWebBuild(log: (line: string) => void = () => {}, signal?: AbortSignal): Promise<boolean> {
  if (isWebBuildCurrent()) return false;
  log('building the web app (web/ → web/dist) …');
  const hash = webSourceHash();
  await new Promise<void>((resolve, reject) => {
    const child = spawn('npm', ['run', '-s', 'build', '-w', 'web'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], ...(signal ? { signal } : {}) });
    for (const stream of [child.stdout, child.stderr]) createInterface({ input: stream }).on('line', (line) => line.trim() && log(`[web app] ${line}`));
    child.once('error', reject);
    child.once('exit', (code, signal) => (code === 0 ? resolve() : reject(new Error(`the web app's build failed (${signal ?? `exit code ${code}`})`))));
  });
  writeFileSync(STAMP, `${hash}\n`);
  return true;
}
