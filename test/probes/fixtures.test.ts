/**
 * Every check's evaluate step against its fixture evidence: each file in
 * probes/<boundary>/<check>.fixtures/ is named <expected-status>[-variant].json.
 */
import test from 'ava';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { REPO_ROOT } from '../helpers/paths.js';

const STATUSES = ['holds', 'broken', 'inconclusive', 'not-applicable'] as const;

for (const check of CHECKS) {
  const dir = path.join(REPO_ROOT, 'probes', check.boundary, `${check.id}.fixtures`);
  test(`${check.id}: has held and broken (or, if advisory, non-holds) fixtures`, (t) => {
    t.true(existsSync(dir), `missing ${path.relative(REPO_ROOT, dir)}`);
    const files = existsSync(dir) ? readdirSync(dir) : [];
    t.true(files.some((f) => f.startsWith('holds')), 'needs a holds*.json fixture');
    // Advisory checks (e.g. kernel version hints) may never say broken: they need a non-holds fixture instead.
    if (check.advisory) t.true(files.some((f) => f.startsWith('broken') || f.startsWith('inconclusive')), 'needs a broken*.json or inconclusive*.json fixture');
    else t.true(files.some((f) => f.startsWith('broken')), 'needs a broken*.json fixture');
  });
  if (!existsSync(dir)) continue;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    const expected = STATUSES.find((s) => file === `${s}.json` || file.startsWith(`${s}-`));
    test(`${check.id}: ${file} evaluates to ${expected}`, (t) => {
      t.truthy(expected, `fixture name must start with one of ${STATUSES.join(', ')}`);
      const evidence = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      const verdict = check.evaluate(evidence);
      t.is(verdict.status as string, expected as string, verdict.summary);
      t.true(verdict.summary.length > 0 && !verdict.summary.includes('\n'), 'summary is one line');
    });
  }
}
