import type { BuildOptions, OutputFile } from 'esbuild';

export declare function nodeBundleOptions(repoRoot: string): BuildOptions & { write: false };
export declare function writeOutputFiles(files: readonly OutputFile[]): void;
