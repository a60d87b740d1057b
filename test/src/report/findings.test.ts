/** Structured views shared by reporters and the exit-code policy. */
import test from 'ava';
import { brokenBoundaries, decidingChecks, expectedVerdict, matrixColumns, unmetOtherThanBroken, worstSeverity } from '../../../src/report/findings.js';
import type { ScenarioReport } from '../../../src/model/report.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { byName, reportWithBaseline, richReport } from '../../helpers/rich-report.js';

test('expected verdicts follow the suite, with * covering every applicable boundary not expected broken', (t) => {
  const s = {
    boundaries: { 'host-pid': 'broken', lsm: 'holds', 'cloud-metadata': 'not-applicable' },
    expected: { broken: ['host-pid'], holds: ['*'], admission: 'allowed' },
  } as unknown as ScenarioReport;
  t.is(expectedVerdict(s, 'host-pid'), 'broken');
  t.is(expectedVerdict(s, 'lsm'), 'holds');
  t.is(expectedVerdict(s, 'cloud-metadata'), undefined);
  t.is(expectedVerdict(s, 'seccomp'), undefined, 'no verdict, no expectation');
});

test('broken boundaries know whether they were expected, unmet or regressed, and their deciding checks', (t) => {
  const r = reportWithBaseline();
  const found = brokenBoundaries(r).map((f) => ({ at: `${f.scenario.suite}/${f.scenario.name} ${f.boundary}`, expected: f.expected, unexpected: f.unexpected, unmet: f.unmet, regression: f.regression, checks: f.checks.map((c) => c.id), severity: f.severity }));
  t.deepEqual(found, [
    { at: 'docker-canaries/host-pid host-pid', expected: 'broken', unexpected: false, unmet: false, regression: false, checks: ['host-pid-namespace'], severity: 'high' },
    { at: 'docker-baseline/hardened host-pid', expected: 'holds', unexpected: true, unmet: true, regression: false, checks: ['host-pid-namespace'], severity: 'high' },
    { at: 'docker-canaries/hostile host-pid', expected: 'broken', unexpected: false, unmet: false, regression: true, checks: ['host-pid-namespace'], severity: 'high' },
  ]);
  t.deepEqual(decidingChecks(byName(sampleReport(), 'host-pid'), 'capabilities').map((c) => c.id), ['cap-sys-admin']);
  t.is(worstSeverity([]), 'medium', 'unknown checks do not lower the severity to nothing');
});

test('unmet lines other than broken boundaries, and the matrix columns', (t) => {
  const r = richReport();
  t.deepEqual(unmetOtherThanBroken(byName(r, 'blind-canary')), ['host-pid: expected broken, got holds (host-pid-namespace: own PID namespace)']);
  t.deepEqual(unmetOtherThanBroken(byName(r, 'hardened')), []);
  t.deepEqual(matrixColumns(r), ['host-pid', 'capabilities']);
});
