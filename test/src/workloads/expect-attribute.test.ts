/** --expect levels and the field attribution of unmet boundaries. */
import test from 'ava';
import type { Report } from '../../../src/model/report.js';
import { attributeReport, notReproducedText, openedBy } from '../../../src/workloads/attribute.js';
import { BASELINE_BOUNDARIES, expectationFor, parseExpectLevel, RESTRICTED_BOUNDARIES } from '../../../src/workloads/expect.js';
import { derivedSuite } from '../../../src/workloads/suite.js';
import type { DerivedScenario } from '../../../src/workloads/types.js';

test('levels: baseline protects what Pod Security baseline forbids; restricted adds seccomp, no-new-privileges, root; none expects nothing', (t) => {
  t.deepEqual(expectationFor('baseline').holds, [...BASELINE_BOUNDARIES]);
  t.false(BASELINE_BOUNDARIES.includes('seccomp'));
  t.deepEqual(expectationFor('restricted').holds, [...RESTRICTED_BOUNDARIES]);
  t.true(RESTRICTED_BOUNDARIES.includes('root-user'));
  t.deepEqual(expectationFor('holds-all').holds, ['*']);
  t.deepEqual(expectationFor('none'), { broken: [], holds: [], admission: 'allowed' });
  t.is(parseExpectLevel(undefined), 'baseline');
  t.throws(() => parseExpectLevel('strict'), { message: /--expect must be one of baseline, restricted, holds-all, none, got 'strict'/ });
});

const derived: DerivedScenario = {
  name: 'DaemonSet/ns/a:c',
  posture: { hostNetwork: true },
  sources: [{ key: 'hostNetwork', field: 'spec.hostNetwork: true' }],
  notReproduced: ['tolerations: placement not reproduced'],
};

test('unmet boundaries name the fields that opened them, or the platform default', (t) => {
  t.is(openedBy('host-network', derived), 'workload fields: spec.hostNetwork: true');
  t.is(openedBy('host-pid', derived), 'no workload field sets this: the platform default decided it');
  const suite = derivedSuite('from-manifest', 'm.yaml', 'kubernetes', [derived], 'baseline');
  const report = { scenarios: [{ suite: 'from-manifest', name: derived.name, expectation: { met: false, unmet: ['host-network: expected holds, got broken (x)', 'admission: expected the pod to be admitted, but it was denied'] } }] } as unknown as Report;
  attributeReport(report, [suite]);
  t.deepEqual(report.scenarios[0].expectation.unmet, ['host-network: expected holds, got broken (x) [workload fields: spec.hostNetwork: true]', 'admission: expected the pod to be admitted, but it was denied']);
  t.deepEqual(report.scenarios[0].workload, { fields: ['spec.hostNetwork: true'], notReproduced: ['tolerations: placement not reproduced'] });
  t.is(notReproducedText([suite]), 'DaemonSet/ns/a:c:\n  not reproduced: tolerations: placement not reproduced\n');
});

test('per-node results sharing one expectation object are each attributed once, and the shared object is left as it was', (t) => {
  const suite = derivedSuite('from-manifest', 'm.yaml', 'kubernetes', [derived], 'baseline');
  const shared = { met: false, unmet: ['host-network: expected holds, got broken (x)'] };
  const report = { scenarios: ['node-a', 'node-b', 'node-c'].map((node) => ({ suite: 'from-manifest', name: derived.name, node, expectation: shared })) } as unknown as Report;
  attributeReport(report, [suite]);
  for (const s of report.scenarios) t.deepEqual(s.expectation.unmet, ['host-network: expected holds, got broken (x) [workload fields: spec.hostNetwork: true]'], s.node);
  t.deepEqual(shared.unmet, ['host-network: expected holds, got broken (x)']);
});

test('a derived suite refuses the same scenario twice', (t) => {
  t.throws(() => derivedSuite('from-container', 'x', 'docker', [derived, derived], 'none'), { message: /--from-container: DaemonSet\/ns\/a:c given twice/ });
});

test('mounts over the probe\'s own paths are relocated, with a note; others stay', (t) => {
  const s: DerivedScenario = {
    name: 'Pod/ns/x:c',
    posture: { mounts: [{ hostPath: '/', path: '/' }, { hostPath: '/tmp', path: '/tmp' }, { hostPath: '/etc/ssl', path: '/etc/ssl' }, { hostPath: '/usr/lib', path: '/lib' }], volumes: [{ kind: 'emptyDir', path: '/tmp' }, { kind: 'emptyDir', path: '/bin' }] },
    sources: [],
    notReproduced: [],
  };
  derivedSuite('from-manifest', 'm.yaml', 'kubernetes', [s], 'baseline');
  t.deepEqual(s.posture.mounts!.map((m) => m.path), ['/escapekit-workload/root', '/escapekit-workload/tmp', '/etc/ssl', '/escapekit-workload/lib']);
  t.deepEqual(s.posture.volumes!.map((v) => v.path), ['/tmp', '/escapekit-workload/bin']);
  t.regex(s.notReproduced[0], /host path \/ at \/ mounted at \/escapekit-workload\/root instead/);
  t.is(s.notReproduced.length, 4);
});

test('a Localhost seccomp profile the node cannot load is named as not reproduced', (t) => {
  const s: DerivedScenario = { name: 'Pod/ns/s:c', posture: { seccomp: { localhostProfile: 'profiles/x.json' } }, sources: [], notReproduced: [] };
  const suite = derivedSuite('from-manifest', 'm.yaml', 'kubernetes', [s], 'baseline');
  const report = { scenarios: [{ suite: 'from-manifest', name: s.name, error: 'probe pod stuck: CreateContainerError: cannot load seccomp profile "/k/seccomp/profiles/x.json": no such file', expectation: { met: false, unmet: [] } }] } as unknown as Report;
  attributeReport(report, [suite]);
  t.regex(report.scenarios[0].workload!.notReproduced[0], /^seccompProfile Localhost profiles\/x\.json: not reproduced, the node cannot load it \(probe pod stuck: CreateContainerError/);
});
