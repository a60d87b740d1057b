/** Registry helpers: a list of checks that refuses duplicate ids. */
import type { Check } from './model.js';

/** Builds the registry, throwing on a duplicate id (a programming error caught by unit tests). */
export function buildRegistry(groups: ReadonlyArray<readonly Check[]>): readonly Check[] {
  const seen = new Set<string>();
  const all: Check[] = [];
  for (const group of groups) {
    for (const check of group) {
      if (seen.has(check.id)) throw new Error(`duplicate check id in registry: ${check.id}`);
      seen.add(check.id);
      all.push(check);
    }
  }
  return Object.freeze(all);
}
