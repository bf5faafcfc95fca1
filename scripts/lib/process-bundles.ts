/**
 * The five processes as they run in every mode: each entry bundled by esbuild with the project's
 * own TypeScript (the workspaces `@pioneer/*`) inlined and every npm package left to Node, then
 * run by plain `node`. Under tsx (`node --import tsx`) the gateway started at 400 MiB resident
 * against 210 MiB, and used a quarter more CPU per student's record (docs/benchmarks.md,
 * issue 16). Development runs them too, rebuilt at every start and with source maps.
 *
 * Each bundle is written next to its sources, in `<package>/dist/`, at the depth of `src/`: the
 * few paths the code resolves from `import.meta.url` (the repository root, the committed
 * schemas, the ELMO schemas, the consortium's configuration files) stay right in both forms.
 */
import { join } from 'node:path';
import { build } from 'esbuild';
import { nodeBundleOptions, writeOutputFiles } from './node-bundle.mjs';
import type { ProcessName } from './hub.js';

interface Bundle {
  entry: string;
  out: string;
}

const BUNDLES: Record<ProcessName, Bundle[]> = {
  leuven: [{ entry: 'subgraphs/leuven/src/main.ts', out: 'subgraphs/leuven/dist/main.mjs' }],
  muenster: [{ entry: 'subgraphs/muenster/src/main.ts', out: 'subgraphs/muenster/dist/main.mjs' }],
  ttu: [{ entry: 'subgraphs/ttu/src/main.ts', out: 'subgraphs/ttu/dist/main.mjs' }],
  consortium: [
    { entry: 'subgraphs/consortium/src/main.ts', out: 'subgraphs/consortium/dist/main.mjs' },
    // The cohort job's render pool loads its worker from beside the bundle (render-pool.ts).
    { entry: 'subgraphs/consortium/src/modules/documents/cohort/render.worker.ts', out: 'subgraphs/consortium/dist/render.worker.mjs' },
  ],
  gateway: [{ entry: 'gateway/src/main.ts', out: 'gateway/dist/main.mjs' }],
};

/** The bundle a process runs from (`node <file>`). */
export function bundleOf(repoRoot: string, name: ProcessName): string {
  return join(repoRoot, BUNDLES[name][0]!.out);
}

/**
 * Builds every process's bundle (about a second for all five). Written to a temporary file and
 * renamed, so a hub starting at the same moment (parallel test files) never runs half a file.
 */
export async function buildProcessBundles(repoRoot: string, names: readonly ProcessName[] = Object.keys(BUNDLES) as ProcessName[]): Promise<void> {
  await Promise.all(
    names.flatMap((name) =>
      BUNDLES[name].map(async ({ entry, out }) => {
        const result = await build({ ...nodeBundleOptions(repoRoot), entryPoints: [join(repoRoot, entry)], outfile: join(repoRoot, out) });
        writeOutputFiles(result.outputFiles);
      }),
    ),
  );
}
