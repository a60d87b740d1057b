/** Regression gate: boundary by boundary, node by node; bad baselines are usage errors. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { admissionRegressed, compareWithBaseline, isFixed, isRegression, loadBaseline, scenarioKey } from '../../../src/run/baseline.js';
import { UsageError } from '../../../src/errors.js';
import type { Report, ScenarioReport } from '../../../src/model/report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-baseline-'));
const s = (name: string, boundaries: ScenarioReport['boundaries'], over: Partial<ScenarioReport> = {}): ScenarioReport => ({
  suite: 'suite', name, posture: {}, admission: 'allowed', checks: [], boundaries, expectation: { met: true, unmet: [] }, ...over,
});
const report = (...scenarios: ScenarioReport[]): Report => ({
  schemaVersion: 1, tool: { name: 'escapekit', version: '0.1.0' }, runId: 'r', startedAt: '2026-01-01T00:00:00Z', finishedAt: '2026-01-01T00:00:01Z',
  target: { kind: 'kubernetes' }, scenarios, summary: { scenarios: scenarios.length, met: scenarios.length, unmet: 0, errors: 0 },
});
const save = (name: string, content: unknown) => {
  const file = path.join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
};

test('held before and broken now is a regression; broken before and holding now is fixed; other changes are neither', (t) => {
  const file = save('b1.json', report(s('app', { 'host-pid': 'holds', seccomp: 'broken', lsm: 'holds', devices: 'inconclusive' })));
  const now = report(s('app', { 'host-pid': 'broken', seccomp: 'holds', lsm: 'inconclusive', devices: 'broken' }));
  compareWithBaseline(now, loadBaseline(file));
  t.deepEqual(now.baseline, { file, regressions: ['suite/app host-pid: held in the baseline, broken now'], fixed: ['suite/app seccomp: broken in the baseline, holds now'] });
  t.true(isRegression(now, now.scenarios[0], 'host-pid'));
  t.false(isRegression(now, now.scenarios[0], 'devices'), 'inconclusive before is not "held"');
  t.true(isFixed(now, now.scenarios[0], 'seccomp'));
});

test('scenarios are matched node by node, and new scenarios are not compared', (t) => {
  const file = save('b2.json', report(s('app', { 'host-pid': 'holds' }, { node: 'worker-1' }), s('app', { 'host-pid': 'broken' }, { node: 'worker-2' })));
  const now = report(s('app', { 'host-pid': 'broken' }, { node: 'worker-1' }), s('app', { 'host-pid': 'broken' }, { node: 'worker-2' }), s('new', { 'host-pid': 'broken' }));
  compareWithBaseline(now, loadBaseline(file));
  t.deepEqual(now.baseline?.regressions, ['suite/app@worker-1 host-pid: held in the baseline, broken now']);
  t.is(scenarioKey(now.scenarios[0]), 'suite/app@worker-1');
  t.false(isRegression(now, now.scenarios[1], 'host-pid'), 'worker-2 was already broken');
});

test('a pod denied in the baseline and admitted now is a regression', (t) => {
  const file = save('b3.json', report(s('priv', {}, { admission: 'denied' })));
  const now = report(s('priv', { capabilities: 'broken' }));
  compareWithBaseline(now, loadBaseline(file));
  t.deepEqual(now.baseline?.regressions, ['suite/priv: admission was denied, now allowed']);
  t.true(admissionRegressed(now, now.scenarios[0]));
});

test('a similar prefix does not count as the same scenario', (t) => {
  const now = report(s('app', { 'host-pid': 'holds' }), s('app-2', { 'host-pid': 'broken' }));
  now.baseline = { file: 'x', regressions: ['suite/app-2 host-pid: held in the baseline, broken now'], fixed: [] };
  t.false(isRegression(now, now.scenarios[0], 'host-pid'));
  t.true(isRegression(now, now.scenarios[1], 'host-pid'));
});

test('unreadable, non-JSON or malformed baselines are usage errors naming the file', (t) => {
  t.throws(() => loadBaseline(path.join(dir, 'missing.json')), { instanceOf: UsageError, message: /--baseline .*missing\.json: not found/ });
  t.throws(() => loadBaseline(save('bad.json', '{not json')), { instanceOf: UsageError, message: /--baseline .*bad\.json: not a JSON report$/ });
  t.throws(() => loadBaseline(save('other.json', { schemaVersion: 3, scenarios: [] })), { instanceOf: UsageError, message: /not an escapekit report \(schemaVersion 1 or 2\)/ });
  t.throws(() => loadBaseline(save('shape.json', { schemaVersion: 1, scenarios: [{ suite: 'a', name: 'b' }] })), { instanceOf: UsageError, message: /--baseline .*shape\.json: scenarios\[0\]: admission must be allowed or denied/ });
});
