/** In a pod: probe pods go to the pod's namespace unless told otherwise, and the probe image must be named. */
import test from 'ava';
import { chooseNamespace, requireImageInCluster } from '../../../src/kubernetes/in-cluster.js';
import { UsageError } from '../../../src/errors.js';

const inPod = { inCluster: { namespace: 'team-a' } };
const outside = {};

test('--namespace always wins', (t) => {
  t.deepEqual(chooseNamespace('other', inPod, false), { namespace: 'other' });
  t.deepEqual(chooseNamespace('other', outside, false), { namespace: 'other' });
});

test('in a pod: its own namespace, said on stderr; fresh namespaces when a suite sets podSecurity', (t) => {
  const own = chooseNamespace(undefined, inPod, false);
  t.is(own.namespace, 'team-a');
  t.regex(own.note!, /this pod's namespace team-a \(pass --namespace NS/);
  t.deepEqual(chooseNamespace(undefined, inPod, true), {});
});

test('outside a pod: fresh namespaces', (t) => {
  t.deepEqual(chooseNamespace(undefined, outside, false), {});
});

test('in a pod without a mounted namespace: exit 2 asking for --namespace', (t) => {
  t.throws(() => chooseNamespace(undefined, { inCluster: {} }, false), { instanceOf: UsageError, message: /pass --namespace NS/ });
});

test('in a pod, --image is required; outside it is not', (t) => {
  t.throws(() => requireImageInCluster(inPod, undefined), { instanceOf: UsageError, message: /in-cluster run: pass --image/ });
  t.notThrows(() => requireImageInCluster(inPod, 'escapekit/probe:abc'));
  t.notThrows(() => requireImageInCluster(outside, undefined));
});
