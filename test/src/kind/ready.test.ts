import test from 'ava';
import type { V1Node } from '@kubernetes/client-node';
import { unreadyNodes } from '../../../src/kind/ready.js';

const node = (name: string, ready?: { status: string; reason?: string }, taint?: string): V1Node => ({
  metadata: { name },
  spec: taint ? { taints: [{ key: taint, effect: 'NoSchedule' }] } : {},
  status: { conditions: ready ? [{ type: 'MemoryPressure', status: 'False' }, { type: 'Ready', ...ready }] : [] },
});

test('a node counts as ready only with Ready=True; the others are named with what their condition says', (t) => {
  t.deepEqual(unreadyNodes([node('a', { status: 'True' })]), []);
  t.deepEqual(unreadyNodes([node('a', { status: 'True' }), node('b', { status: 'False', reason: 'KubeletNotReady' }), node('c'), node('d', { status: 'Unknown' })]), [
    'b: Ready=False (KubeletNotReady)',
    'c: no Ready condition yet',
    'd: Ready=Unknown',
  ]);
});

test('a Ready node still carrying the controller\'s not-ready taint cannot take pods yet; other taints are the user\'s', (t) => {
  t.deepEqual(unreadyNodes([node('w', { status: 'True' }, 'node.kubernetes.io/not-ready')]), ['w: still tainted node.kubernetes.io/not-ready:NoSchedule']);
  t.deepEqual(unreadyNodes([node('cp', { status: 'True' }, 'node-role.kubernetes.io/control-plane')]), []);
});
