import test from 'ava';
import { kindNodeReference, parseNamespaceLinks } from '../../../src/kind/node-namespaces.js';

test('readlink lines become one node\'s namespaces, in REFERENCE_KINDS order; odd or missing lines are null', (t) => {
  // What `docker exec <kind node> readlink /proc/1/ns/{ipc,uts,net,pid,cgroup}` printed (kind v0.33.0 node, measured).
  const out = 'ipc:[4026532185]\nuts:[4026532184]\nnet:[4026532188]\npid:[4026532186]\ncgroup:[4026532257]\n';
  t.deepEqual(parseNamespaceLinks('n1', out), { node: 'n1', ipc: 'ipc:[4026532185]', uts: 'uts:[4026532184]', net: 'net:[4026532188]', pid: 'pid:[4026532186]', cgroup: 'cgroup:[4026532257]' });
  t.deepEqual(parseNamespaceLinks('n1', 'ipc:[1]\nreadlink: /proc/1/ns/uts: Permission denied\n'), { node: 'n1', ipc: 'ipc:[1]', uts: null, net: null, pid: null, cgroup: null });
  t.deepEqual(parseNamespaceLinks('n1', 'uts:[1]\n').ipc, null);
});

test('without a Docker engine every node is listed, none read: the checks say inconclusive', async (t) => {
  t.deepEqual(await kindNodeReference(null, ['a']), { required: true, nodes: [{ node: 'a', ipc: null, uts: null, net: null, pid: null, cgroup: null }] });
});
