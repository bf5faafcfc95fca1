import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder. Scripts that only need the path take it from here: importing it
 * from `@pioneer/gateway` loads all of Hive Gateway first, which made every `npm run import` of
 * an examinations office take seconds before it read its file (10 s against 1.5 s here).
 */
export const repoRoot = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
