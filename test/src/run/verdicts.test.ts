/** Evaluation of untrusted results and boundary aggregation. */
import test from 'ava';
import { aggregateBoundaries, applicableBoundaries, evaluateResult, inconclusiveAll, type RunContext } from '../../../src/run/verdicts.js';
import * as s from '../../../probes/lib/shape.js';
import { defineCheck, type Check } from '../../../probes/model.js';
import type { CheckReport } from '../../../src/model/report.js';

const check: Check = defineCheck<{ n: number }>({
  id: 'fake', boundary: 'devices', title: 't', rationale: 'r', method: 'm', remediation: 'x', severity: 'low', safety: 'passive', targets: ['docker'], mappings: [],
  collect: async () => ({ n: 1 }),
  // A contract that admits anything, so evaluate's own defences are what this test exercises.
  evidence: s.opaque() as never,
  evaluate: (e) => {
    if (typeof e.n !== 'number') throw new Error('n must be a number');
    return { status: e.n > 0 ? 'broken' : 'holds', summary: `n=${e.n}\nsecond line` };
  },
});

const docker: RunContext = { target: 'docker', network: false };

test('evaluates evidence and keeps summaries on one line', (t) => {
  const r = evaluateResult(check, { id: 'fake', ok: true, evidence: { n: 2 }, durationMs: 4 }, docker);
  t.is(r.status, 'broken');
  t.is(r.summary, 'n=2 second line');
});

test('missing, failed and skipped results are never holds', (t) => {
  t.is(evaluateResult(check, undefined, docker).status, 'inconclusive');
  t.is(evaluateResult(check, { id: 'fake', ok: false, error: 'EACCES', durationMs: 1 }, docker).status, 'inconclusive');
  // A probe's claim that a check does not apply is not believed: the runner decides applicability.
  const skipped = evaluateResult(check, { id: 'fake', ok: false, skipped: 'not applicable on docker', durationMs: 0 }, docker);
  t.is(skipped.status, 'inconclusive');
  t.regex(skipped.summary, /skipped a check that applies here/);
  const oddSkip = evaluateResult(check, { id: 'fake', ok: false, skipped: { toString: 1 }, durationMs: 0 } as never, docker);
  t.is(oddSkip.status, 'inconclusive');
});

test('evidence that makes evaluate throw is rejected as inconclusive', (t) => {
  const r = evaluateResult(check, { id: 'fake', ok: true, evidence: { n: 'x' }, durationMs: 1 }, docker);
  t.is(r.status, 'inconclusive');
  t.regex(r.summary, /evidence rejected: n must be a number/);
});

const contracted: Check = defineCheck<{ n: number; note?: string }>({
  id: 'contracted', boundary: 'devices', title: 't', rationale: 'r', method: 'm', remediation: 'x', severity: 'low', safety: 'passive', targets: ['docker'], mappings: [],
  collect: async () => ({ n: 1 }),
  evidence: s.object({ n: s.int(0, 10), note: s.optional(s.string({ max: 8 })) }),
  // Deliberately careless: it would say holds for anything that is not a positive number.
  evaluate: (e) => ({ status: e.n > 0 ? 'broken' : 'holds', summary: `n=${e.n}` }),
});

test('evidence that breaks its contract is inconclusive and names the field, before evaluate runs', (t) => {
  const run = (evidence: unknown) => evaluateResult(contracted, { id: 'contracted', ok: true, evidence: evidence as never, durationMs: 1 }, docker);
  t.is(run({ n: 0 }).status, 'holds');
  t.is(run({ n: 0, note: 'ok' }).status, 'holds');
  for (const [evidence, field] of [[{ n: '3' }, 'evidence.n'], [{}, 'evidence.n'], [{ n: 0, extra: 1 }, 'extra'], [{ n: 11 }, 'evidence.n'], [{ n: 0.5 }, 'evidence.n'], [{ n: 0, note: 'x'.repeat(9) }, 'evidence.note'], [[], 'evidence'], [null, 'evidence']] as const) {
    const r = run(evidence);
    t.is(r.status, 'inconclusive', JSON.stringify(evidence));
    t.true(r.summary.startsWith('evidence rejected: ') && r.summary.includes(field), r.summary);
  }
});

test('applicability is the runner\'s: target and opt-in decide, whatever the probe sent', (t) => {
  const k8sOnly = defineCheck<{ n: number }>({ ...contracted, id: 'k8s-only', targets: ['kubernetes'] } as never);
  const optIn = defineCheck<{ n: number }>({ ...contracted, id: 'opt-in', optIn: 'network' } as never);
  const evidence = { ok: true as const, evidence: { n: 0 }, durationMs: 1 };
  t.is(evaluateResult(k8sOnly, { id: 'k8s-only', ...evidence }, docker).status, 'not-applicable');
  t.is(evaluateResult(optIn, { id: 'opt-in', ...evidence }, docker).status, 'not-applicable');
  t.is(evaluateResult(optIn, { id: 'opt-in', ...evidence }, { target: 'docker', network: true }).status, 'holds');
  t.is(evaluateResult(optIn, { id: 'opt-in', ok: false, skipped: 'network checks not enabled', durationMs: 0 }, { target: 'docker', network: true }).status, 'inconclusive');
  t.deepEqual(inconclusiveAll([k8sOnly, contracted], docker, 'probe timed out').map((r) => r.status), ['not-applicable', 'inconclusive']);
  t.deepEqual(applicableBoundaries([k8sOnly, optIn], docker), []);
  t.deepEqual(applicableBoundaries([k8sOnly, contracted], docker), ['devices']);
});

test('a holds whose summary prints a missing value is not believed', (t) => {
  const sloppy = defineCheck<{ n: number }>({ ...contracted, id: 'sloppy', evidence: s.opaque(), evaluate: () => ({ status: 'holds', summary: 'none of the undefined paths' }) } as never);
  t.is(evaluateResult(sloppy, { id: 'sloppy', ok: true, evidence: { n: 0 }, durationMs: 1 }, docker).status, 'inconclusive');
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
