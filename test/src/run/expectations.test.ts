/** Expectations: broken, holds, '*', admission. */
import test from 'ava';
import { judgeExpectation } from '../../../src/run/expectations.js';

const expect = (broken: string[], holds: string[], admission: 'allowed' | 'denied' = 'allowed') => ({ broken, holds, admission }) as never;

test('met when broken and holds match', (t) => {
  const r = judgeExpectation(expect(['host-pid'], ['capabilities']), 'allowed', { 'host-pid': 'broken', capabilities: 'holds' }, {});
  t.deepEqual(r, { met: true, unmet: [] });
});

test('a canary that comes back holds is unmet, with the reason', (t) => {
  const r = judgeExpectation(expect(['host-pid'], []), 'allowed', { 'host-pid': 'holds' }, { 'host-pid': 'host-pid-namespace: own PID namespace' });
  t.false(r.met);
  t.deepEqual(r.unmet, ['host-pid: expected broken, got holds (host-pid-namespace: own PID namespace)']);
});

test('inconclusive never satisfies holds', (t) => {
  t.false(judgeExpectation(expect([], ['seccomp']), 'allowed', { seccomp: 'inconclusive' }, {}).met);
});

test("'*' covers every applicable boundary not expected broken", (t) => {
  const r = judgeExpectation(expect(['host-pid'], ['*']), 'allowed', { 'host-pid': 'broken', capabilities: 'holds', 'service-account': 'not-applicable', lsm: 'broken' }, {});
  t.deepEqual(r.unmet, ['lsm: expected holds, got broken']);
});

test("'*' never drops silently a boundary the runner expected to judge", (t) => {
  // devices applies on this run (a deciding check applies) but came back not-applicable: that is not a proof it holds.
  const r = judgeExpectation(expect([], ['*']), 'allowed', { devices: 'not-applicable', capabilities: 'holds' }, {}, ['devices', 'capabilities', 'seccomp']);
  t.deepEqual(r.unmet, ['devices: expected holds, got not-applicable', 'seccomp: expected holds, got not-applicable']);
});

test('an explicitly listed boundary without verdict is unmet', (t) => {
  t.deepEqual(judgeExpectation(expect([], ['devices']), 'allowed', {}, {}).unmet, ['devices: expected holds, got not-applicable']);
});

test('admission: a pod that should be denied but was admitted is unmet', (t) => {
  const r = judgeExpectation(expect([], [], 'denied'), 'allowed', {}, {});
  t.deepEqual(r.unmet, ['admission: expected the pod to be denied, but it was admitted']);
  t.true(judgeExpectation(expect(['host-pid'], [], 'denied'), 'denied', {}, {}).met, 'denied as expected: boundaries are not judged');
  t.false(judgeExpectation(expect([], []), 'denied', {}, {}).met);
});
