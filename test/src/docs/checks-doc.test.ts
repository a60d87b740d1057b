/** docs/checks.md is generated from the registry; this fails when it is stale. */
import test from 'ava';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { renderChecksDoc } from '../../../src/docs/checks-doc.js';
import { REPO_ROOT } from '../../helpers/paths.js';

test('docs/checks.md matches the registry (run `npm run docs` after changing a check)', (t) => {
  t.is(readFileSync(path.join(REPO_ROOT, 'docs', 'checks.md'), 'utf8'), renderChecksDoc());
});
