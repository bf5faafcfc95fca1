import { fileURLToPath } from 'node:url';

/**
 * The consortium package's folder (where `standards/` is). This file sits one level below it, as
 * the production bundle (`dist/main.mjs`) does, so the same relative URL is right in both.
 */
export const CONSORTIUM_ROOT = fileURLToPath(new URL('../', import.meta.url));
