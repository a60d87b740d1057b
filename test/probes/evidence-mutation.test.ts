/**
 * Property test over every check's fixtures: a "holds" is a proof. Every field of every
 * fixture is changed to each wrong JSON type or deleted (object fields); run
 * through the runner's own evaluation path, no broken or inconclusive fixture may ever
 * become holds, and a holds fixture may stay holds only when its contract accepts the change.
 * No summary of contract-valid evidence may print a missing value.
 */
import test from 'ava';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import type { Check } from '../../probes/model.js';
import { evaluateResult, type RunContext } from '../../src/run/verdicts.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { mutations } from '../helpers/json-mutations.js';

const INCOMPLETE = /\bundefined\b|\bNaN\b|\[object Object\]/;

function fixtures(check: Check): Array<{ file: string; status: string; evidence: unknown }> {
  const dir = path.join(REPO_ROOT, 'probes', check.boundary, `${check.id}.fixtures`);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((file) => ({ file, status: file.replace(/\.json$/, '').replace(/^(not-applicable|holds|broken|inconclusive).*$/, '$1'), evidence: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) }));
}

// The run in which the check applies: its first target, opt-ins enabled.
const applyingContext = (check: Check): RunContext => ({ target: check.targets[0], network: true });

for (const check of CHECKS) {
  test(`${check.id}: no mutation of a fixture turns into an unproven holds`, (t) => {
    const ctx = applyingContext(check);
    let tried = 0;
    for (const { file, status, evidence } of fixtures(check)) {
      t.is(check.evidence.check(evidence, 'evidence'), null, `${file} must meet the contract`);
      for (const m of mutations(evidence)) {
        tried++;
        const r = evaluateResult(check, { id: check.id, ok: true, evidence: m.value as never, durationMs: 1 }, ctx);
        const valid = check.evidence.check(m.value, 'evidence') === null;
        if (valid) t.false(INCOMPLETE.test(r.summary), `${file} ${m.label}: summary prints a missing value: ${r.summary}`);
        if (r.status !== 'holds') continue;
        if (status !== 'holds') t.fail(`${file} (${status}) ${m.label} -> holds: ${r.summary}`);
        else t.true(valid, `${file} ${m.label} -> holds outside the contract`);
      }
    }
    t.true(tried > 0, 'no fixture to mutate');
  });
}
