/** Pod end states that stop the wait. */
import test from 'ava';
import { podEnd } from '../../../src/kubernetes/pod-waiter.js';

test('finished phases', (t) => {
  t.deepEqual(podEnd({ status: { phase: 'Succeeded' } }), { done: true, phase: 'Succeeded' });
  t.deepEqual(podEnd({ status: { phase: 'Failed' } }), { done: true, phase: 'Failed' });
  t.is(podEnd({ status: { phase: 'Pending' } }), null);
});

test('stuck containers and unschedulable pods end the wait with a reason', (t) => {
  t.deepEqual(podEnd({ status: { phase: 'Pending', containerStatuses: [{ name: 'probe', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'ErrImageNeverPull', message: 'image not present' } } }] } }), { done: false, reason: 'ErrImageNeverPull: image not present' });
  t.deepEqual(podEnd({ status: { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes' }] } }), { done: false, reason: 'unschedulable: 0/1 nodes' });
});

test('a pod the kubelet rejected before any container ran reports why (no log to read)', (t) => {
  t.deepEqual(podEnd({ status: { phase: 'Failed', reason: 'SysctlForbidden', message: 'Pod forbidden sysctl: "kernel.msgmax" not allowlisted' } }), { done: false, reason: 'SysctlForbidden: Pod forbidden sysctl: "kernel.msgmax" not allowlisted' });
  t.deepEqual(podEnd({ status: { phase: 'Failed', reason: 'Evicted', containerStatuses: [{ name: 'probe', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137 } } }] } }), { done: true, phase: 'Failed' });
});
