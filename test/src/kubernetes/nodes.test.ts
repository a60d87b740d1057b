/** Node selection for per-node runs and kind detection. */
import test from 'ava';
import { isSchedulable, looksLikeKind } from '../../../src/kubernetes/nodes.js';

test('cordoned and tainted nodes are skipped unless taints are tolerated', (t) => {
  t.true(isSchedulable({ spec: {} }, false));
  t.false(isSchedulable({ spec: { unschedulable: true } }, true));
  t.false(isSchedulable({ spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } }, false));
  t.true(isSchedulable({ spec: { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } }, true));
  t.true(isSchedulable({ spec: { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] } }, false));
});

test('kind nodes are recognised by provider id', (t) => {
  t.true(looksLikeKind([{ spec: { providerID: 'kind://docker/kind/kind-control-plane' } }]));
  t.false(looksLikeKind([{ spec: {} }]));
  t.false(looksLikeKind([]));
});
