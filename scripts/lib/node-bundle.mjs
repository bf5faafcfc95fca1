/**
 * How the project bundles TypeScript for plain Node, shared by the hub's five processes
 * (process-bundles.ts) and the script launcher (scripts/launch.mjs, plain JavaScript so that it
 * runs without tsx): the workspaces (`@pioneer/*`) and relative imports are compiled in, every npm
 * package is left to Node (which resolves it from node_modules, native addons and workers
 * included).
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** esbuild options for a bundle run by Node 20, its output returned rather than written. */
export function nodeBundleOptions(repoRoot) {
  return {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    plugins: [
      {
        name: 'external-npm-packages',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@pioneer/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
    // MikroORM and type-graphql read class names: keep them as written.
    keepNames: true,
    sourcemap: 'linked',
    tsconfig: join(repoRoot, 'tsconfig.json'),
    logLevel: 'error',
    write: false,
  };
}

/**
 * Writes a build's files, each to a temporary file renamed into place, so that a process starting
 * at the same moment (parallel test files, a second start) never runs half a file.
 */
export function writeOutputFiles(files) {
  for (const file of files) {
    mkdirSync(dirname(file.path), { recursive: true });
    const partial = `${file.path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    writeFileSync(partial, file.contents);
    renameSync(partial, file.path);
  }
}
