/** The exit-code policy: errors always 2; --fail-on unmet|broken|never; --inconclusive fail|pass. */
import test from 'ava';
import { DEFAULT_POLICY, exitCodeFor, failureReasons, parsePolicy, type ExitPolicy } from '../../../src/run/exit-code.js';
import { UsageError } from '../../../src/errors.js';
import type { Report, ScenarioReport } from '../../../src/model/report.js';

const scenario = (name: string, over: Partial<ScenarioReport> = {}): ScenarioReport => ({
  suite: 's',
  name,
  posture: {},
  admission: 'allowed',
  checks: [],
  boundaries: {},
  expectation: { met: true, unmet: [] },
  expected: { broken: [], holds: [], admission: 'allowed' },
  ...over,
});

const report = (...scenarios: ScenarioReport[]): Report => {
  const errors = scenarios.filter((s) => s.error).length;
  const met = scenarios.filter((s) => s.expectation.met).length;
  return {
    schemaVersion: 1, tool: { name: 'escapekit', version: '0.1.0' }, runId: 'r', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z',
    target: { kind: 'docker' }, scenarios, summary: { scenarios: scenarios.length, met, unmet: scenarios.length - met - errors, errors },
  };
};
const P = (failOn: ExitPolicy['failOn'], inconclusive: ExitPolicy['inconclusive'] = 'fail'): ExitPolicy => ({ failOn, inconclusive });

const allMet = scenario('ok', { boundaries: { 'host-pid': 'holds' }, expected: { broken: [], holds: ['host-pid'], admission: 'allowed' } });
const unmetBroken = scenario('weak', { boundaries: { 'host-pid': 'broken' }, expected: { broken: [], holds: ['host-pid'], admission: 'allowed' }, expectation: { met: false, unmet: ['host-pid: expected holds, got broken (x)'] } });
const unmetInconclusive = scenario('unsure', { boundaries: { seccomp: 'inconclusive' }, expected: { broken: [], holds: ['seccomp'], admission: 'allowed' }, expectation: { met: false, unmet: ['seccomp: expected holds, got inconclusive (x)'] } });
const unexpectedBreak = scenario('surprise', { boundaries: { lsm: 'broken', 'host-pid': 'holds' }, expected: { broken: [], holds: ['host-pid'], admission: 'allowed' } });
const expectedBreak = scenario('canary', { boundaries: { 'host-pid': 'broken' }, expected: { broken: ['host-pid'], holds: [], admission: 'allowed' } });
const errored = scenario('boom', { error: 'probe timed out', expectation: { met: false, unmet: [] } });

test('defaults: fail on unmet, inconclusive fails', (t) => {
  t.deepEqual(parsePolicy(undefined, undefined), DEFAULT_POLICY);
  t.deepEqual(DEFAULT_POLICY, { failOn: 'unmet', inconclusive: 'fail' });
});

test('bad option values are usage errors naming the option', (t) => {
  t.throws(() => parsePolicy('sometimes', undefined), { instanceOf: UsageError, message: /--fail-on must be one of unmet, broken, never/ });
  t.throws(() => parsePolicy(undefined, 'maybe'), { instanceOf: UsageError, message: /--inconclusive must be one of fail, pass/ });
  t.deepEqual(parsePolicy('broken', 'pass'), { failOn: 'broken', inconclusive: 'pass' });
});

test('unmet (default): 0 when met, 1 on an unmet expectation, expected and unexpected breaks alone pass', (t) => {
  t.is(exitCodeFor(report(allMet)), 0);
  t.is(exitCodeFor(report(allMet, unmetBroken)), 1);
  t.is(exitCodeFor(report(allMet, expectedBreak, unexpectedBreak)), 0);
  t.deepEqual(failureReasons(report(allMet, unmetBroken)), ['unmet: s/weak host-pid: expected holds, got broken (x)']);
});

test('errors are 2 under every policy', (t) => {
  for (const failOn of ['unmet', 'broken', 'never'] as const) t.is(exitCodeFor(report(allMet, errored, unmetBroken), P(failOn)), 2, failOn);
});

test('broken: also fails on a break the scenario did not expect, not on expected ones', (t) => {
  t.is(exitCodeFor(report(allMet, unexpectedBreak), P('broken')), 1);
  t.deepEqual(failureReasons(report(unexpectedBreak), P('broken')), ['broken: s/surprise lsm is broken and the suite did not expect it (--fail-on broken)']);
  t.is(exitCodeFor(report(allMet, expectedBreak), P('broken')), 0);
  t.is(exitCodeFor(report(unmetBroken), P('broken')), 1);
  t.is(failureReasons(report(unmetBroken), P('broken')).length, 1, 'an unmet break is reported once');
});

test('never: 0 unless errors, even with unmet expectations and regressions', (t) => {
  const r = report(unmetBroken, unexpectedBreak);
  r.baseline = { file: 'b.json', regressions: ['s/weak host-pid: held in the baseline, broken now'], fixed: [] };
  t.is(exitCodeFor(r, P('never')), 0);
  t.is(exitCodeFor(r, P('unmet')), 1);
});

test('baseline regressions fail the run on their own', (t) => {
  const r = report(allMet, unexpectedBreak);
  r.baseline = { file: 'b.json', regressions: ['s/surprise lsm: held in the baseline, broken now'], fixed: [] };
  t.is(exitCodeFor(r), 1);
  t.deepEqual(failureReasons(r), ['regression: s/surprise lsm: held in the baseline, broken now']);
});

test('inconclusive: fail counts an expectation unmet by an inconclusive verdict; pass tolerates it but nothing else', (t) => {
  t.is(exitCodeFor(report(allMet, unmetInconclusive), P('unmet', 'fail')), 1);
  t.is(exitCodeFor(report(allMet, unmetInconclusive), P('unmet', 'pass')), 0);
  t.is(exitCodeFor(report(unmetInconclusive, unmetBroken), P('unmet', 'pass')), 1);
  const mixed = scenario('mixed', { boundaries: { seccomp: 'inconclusive', 'host-pid': 'broken' }, expectation: { met: false, unmet: ['seccomp: expected holds, got inconclusive', 'host-pid: expected holds, got broken'] } });
  t.deepEqual(failureReasons(report(mixed), P('unmet', 'pass')), ['unmet: s/mixed host-pid: expected holds, got broken']);
});

test('admission mismatches always count (they are not inconclusive)', (t) => {
  const admitted = scenario('pod', { expectation: { met: false, unmet: ['admission: expected the pod to be denied, but it was admitted'] } });
  t.is(exitCodeFor(report(admitted), P('unmet', 'pass')), 1);
});
