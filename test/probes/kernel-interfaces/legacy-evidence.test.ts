/**
 * Evidence recorded before the container-not-uid rule (no file owner/mode, no capability or
 * uid_map facts; one garbage document): each of these read "holds" then. The runner's contract
 * rejects them, and evaluate alone must not believe them either.
 */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { findCheck } from '../../../probes/index.js';
import { evaluateResult } from '../../../src/run/verdicts.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const DIR = path.join(REPO_ROOT, 'test', 'probes', 'kernel-interfaces', 'legacy-evidence');

for (const file of readdirSync(DIR).filter((f) => f.endsWith('.json'))) {
  const [id] = file.split('--');
  test(`${file}: inconclusive through the runner and through evaluate alone`, (t) => {
    const check = findCheck(id);
    if (!check) return t.fail(`no check ${id}`);
    const evidence = JSON.parse(readFileSync(path.join(DIR, file), 'utf8'));
    const viaRunner = evaluateResult(check, { id, ok: true, evidence, durationMs: 1 }, { target: 'docker', network: false });
    t.is(viaRunner.status, 'inconclusive', viaRunner.summary);
    t.regex(viaRunner.summary, /evidence rejected/);
    t.is(check.evaluate(evidence).status, 'inconclusive', check.evaluate(evidence).summary);
  });
}
