/**
 * Evidence that says "unknown" (null) where a known value would decide: inconclusive, never holds.
 * Kept out of the fixture folders because the mutation property test rightly turns these nulls
 * into decisive values.
 */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { findCheck } from '../../../probes/index.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const sample = (name: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'test', 'probes', 'host-filesystem', name), 'utf8'));

test('host-mount-suid-plant: uid map unreadable (is container root host root?) is inconclusive', (t) => {
  const check = findCheck('host-mount-suid-plant')!;
  const evidence = sample('suid-plant-uid-map-unreadable.json');
  t.is(check.evidence!.check(evidence, 'evidence'), null);
  t.is(check.evaluate(evidence).status, 'inconclusive');
});

test('leaked-directory-fd: a directory fd the walk could not place is inconclusive', (t) => {
  const check = findCheck('leaked-directory-fd')!;
  const evidence = sample('leaked-fd-walk-failed.json');
  t.is(check.evidence!.check(evidence, 'evidence'), null);
  t.is(check.evaluate(evidence).status, 'inconclusive');
});
