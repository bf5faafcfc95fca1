/**
 * `node scripts/launch.mjs <script> [args…]`: runs `scripts/<script>.ts` with plain Node from an
 * esbuild bundle written to `scripts/dist/`, rebuilt at every run (a few tenths of a second), as
 * the hub's five processes run (scripts/lib/process-bundles.ts): the project's own TypeScript is
 * compiled in, npm packages are left to Node, and each dynamic `import()` becomes a chunk of its
 * own, so what a script loads only when needed (the ORM and the seeding code of `npm start`)
 * still loads only then.
 *
 * `npm start` runs this way. Under tsx, whose loader resolves every module the script imports
 * through a worker thread, the start script spent about 1.5 s more CPU, taken from the five
 * processes loading at the same moment on two cores (issue 16: a restart ≤ 10 s).
 *
 * A bundle at `scripts/dist/` sits at the depth of `scripts/lib/`, so the repository root that
 * `scripts/lib/repo-root.ts` finds from its own file is the same in both forms.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions, writeOutputFiles } from './lib/node-bundle.mjs';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const script = process.argv[2];
if (!script || !/^[a-z][a-z0-9-]*$/.test(script)) {
  console.error('usage: node scripts/launch.mjs <script of scripts/, without .ts> [arguments]');
  process.exit(2);
}
const outdir = join(root, 'scripts', 'dist');
const result = await build({
  ...nodeBundleOptions(root),
  entryPoints: { [script]: join(root, 'scripts', `${script}.ts`) },
  splitting: true,
  outdir,
  outExtension: { '.js': '.mjs' },
});
writeOutputFiles(result.outputFiles);
// Chunks are named by their content, and every run rewrites its own: those no run wrote for a
// day are of earlier sources.
const dayAgo = Date.now() - 24 * 3600 * 1000;
for (const name of readdirSync(outdir)) {
  const path = join(outdir, name);
  if (/-[A-Z0-9]{8}\.mjs(\.map)?$/.test(name) && statSync(path).mtimeMs < dayAgo) rmSync(path, { force: true });
}
// The script sees the arguments it would see under tsx: its own path, then what followed its name.
process.argv.splice(1, 2, join(root, 'scripts', `${script}.ts`));
await import(pathToFileURL(join(outdir, `${script}.mjs`)).href);
