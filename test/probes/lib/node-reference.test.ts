import test from 'ava';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReference } from '../../../probes/lib/node-reference.js';

const kind: NodeReference = {
  required: true,
  nodes: [
    { node: 'c-control-plane', ipc: 'ipc:[4026532185]', uts: 'uts:[4026532184]', net: 'net:[4026532188]', pid: 'pid:[4026532186]', cgroup: 'cgroup:[4026532257]' },
    { node: 'c-worker', ipc: 'ipc:[4026532385]', uts: null, net: 'net:[4026532388]', pid: 'pid:[4026532386]', cgroup: 'cgroup:[4026532357]' },
  ],
};

test('referenceFor keeps one kind per node, an unread or malformed link as null', (t) => {
  t.deepEqual(referenceFor(kind, 'uts'), { required: true, nodes: [{ node: 'c-control-plane', namespace: 'uts:[4026532184]' }, { node: 'c-worker', namespace: null }] });
  t.deepEqual(referenceFor({ required: true, nodes: [{ ...kind.nodes[0], ipc: 'net:[1]' }] }, 'ipc').nodes[0].namespace, null);
  t.deepEqual(referenceFor(undefined, 'ipc'), { required: false, nodes: [] });
  t.is(nodeReferenceShape('ipc').check(referenceFor(kind, 'ipc'), 'r'), null);
  t.not(nodeReferenceShape('ipc').check({ required: true, nodes: [{ node: 'n', namespace: 'uts:[1]' }] }, 'r'), null);
});

test('matchNode: a node\'s own namespace, none of them, or not decidable', (t) => {
  t.deepEqual(matchNode(referenceFor(kind, 'ipc'), 'ipc:[4026532385]'), { match: 'node', node: 'c-worker' });
  t.deepEqual(matchNode(referenceFor(kind, 'ipc'), 'ipc:[4026532360]'), { match: 'none' });
  // One node's UTS namespace unread: a namespace that matches no read one may still be that node's.
  t.is(matchNode(referenceFor(kind, 'uts'), 'uts:[4026532359]').match, 'unknown');
  t.is(matchNode(referenceFor(kind, 'uts'), 'uts:[4026532184]').match, 'node');
  t.is(matchNode({ required: true, nodes: [] }, 'ipc:[4026532360]').match, 'unknown');
  t.is(matchNode(referenceFor(kind, 'ipc'), null).match, 'unknown');
  // No reference taken: the checks fall back to the initial-namespace comparison.
  t.is(matchNode({ required: false, nodes: [] }, 'ipc:[4026532360]').match, 'no-reference');
  t.is(matchNode(null, 'ipc:[4026532360]').match, 'no-reference');
  // A match counts even from a reference that is not required.
  t.is(matchNode({ required: false, nodes: [{ node: 'n', namespace: 'ipc:[7]' }] }, 'ipc:[7]').match, 'node');
});
