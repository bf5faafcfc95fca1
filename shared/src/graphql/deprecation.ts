/**
 * Names renamed for one word per concept (issue 15 item 6) stay in the schema for one release as
 * `@deprecated` aliases; they go in this release. The README's Changelog lists every one.
 */
export const ALIASES_REMOVED_IN = '0.3';

/** The deprecation reason of an alias: what to use instead, and when the alias goes. */
export function useInstead(replacement: string): string {
  return `Use ${replacement}; removed in ${ALIASES_REMOVED_IN}`;
}
