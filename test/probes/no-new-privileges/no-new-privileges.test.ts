/** no_new_privs off with an empty bounding set: the verdict and its summary must agree (the uid still changes, no capability does). */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import check from '../../../probes/no-new-privileges/no-new-privileges.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const fixture = (name: string) => JSON.parse(readFileSync(path.join(REPO_ROOT, 'probes/no-new-privileges/no-new-privileges.fixtures', name), 'utf8'));

test('empty bounding set: broken for the uid change, and the summary never says there is nothing to regain', (t) => {
  const v = check.evaluate(fixture('broken-bounding-set-empty.json'));
  t.is(v.status, 'broken');
  t.regex(v.summary, /setuid-root binary still makes any process uid 0/);
  t.regex(v.summary, /no capability can be regained/);
  t.notRegex(v.summary, /nothing to regain/);
});

test('a non-empty bounding set names what a setuid binary regains', (t) => {
  t.regex(check.evaluate(fixture('broken.json')).summary, /can regain the bounding set 00000000a80425fb/);
});
