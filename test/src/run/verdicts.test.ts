/** Evaluation of untrusted results and boundary aggregation. */
import test from 'ava';
import { aggregateBoundaries, evaluateResult } from '../../../src/run/verdicts.js';
import { defineCheck, type Check } from '../../../probes/model.js';
import type { CheckReport } from '../../../src/model/report.js';

const check: Check = defineCheck<{ n: number }>({
  id: 'fake', boundary: 'devices', title: 't', rationale: 'r', method: 'm', remediation: 'x', severity: 'low', safety: 'passive', targets: ['docker'], mappings: [],
  collect: async () => ({ n: 1 }),
  evaluate: (e) => {
    if (typeof e.n !== 'number') throw new Error('n must be a number');
    return { status: e.n > 0 ? 'broken' : 'holds', summary: `n=${e.n}\nsecond line` };
  },
});

test('evaluates evidence and keeps summaries on one line', (t) => {
  const r = evaluateResult(check, { id: 'fake', ok: true, evidence: { n: 2 }, durationMs: 4 });
  t.is(r.status, 'broken');
  t.is(r.summary, 'n=2 second line');
});

test('missing, failed and skipped results are never holds', (t) => {
  t.is(evaluateResult(check, undefined).status, 'inconclusive');
  t.is(evaluateResult(check, { id: 'fake', ok: false, error: 'EACCES', durationMs: 1 }).status, 'inconclusive');
  t.is(evaluateResult(check, { id: 'fake', ok: false, skipped: 'not applicable on docker', durationMs: 0 }).status, 'not-applicable');
});

test('evidence that makes evaluate throw is rejected as inconclusive', (t) => {
  const r = evaluateResult(check, { id: 'fake', ok: true, evidence: { n: 'x' }, durationMs: 1 });
  t.is(r.status, 'inconclusive');
  t.regex(r.summary, /evidence rejected: n must be a number/);
});

const c = (boundary: string, status: string, advisory = false): CheckReport => ({ id: `${boundary}-${status}`, boundary, status, summary: status, evidence: null, durationMs: 0, ...(advisory ? { advisory } : {}) }) as CheckReport;

test('the worst deciding check decides; advisory checks never do', (t) => {
  const { boundaries, reasons } = aggregateBoundaries([
    c('devices', 'holds'), c('devices', 'broken'), c('devices', 'inconclusive'),
    c('seccomp', 'holds'), c('seccomp', 'inconclusive'),
    c('lsm', 'holds'), c('lsm', 'broken', true),
    c('host-ipc', 'broken', true),
    c('host-pid', 'not-applicable'),
  ]);
  t.deepEqual(boundaries, { devices: 'broken', seccomp: 'inconclusive', lsm: 'holds', 'host-ipc': 'not-applicable', 'host-pid': 'not-applicable' });
  t.is(reasons.devices, 'devices-broken: broken');
});
