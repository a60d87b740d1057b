/** Namespace inode rules: fixed initial inodes, and the kernels where net/mnt were still dynamic. */
import test from 'ava';
import { INITIAL_NS_INODES, isInitialNamespace, kernelVersion, nsInode, PROC_DYNAMIC_FIRST } from '../../../probes/lib/ns.js';

test('nsInode parses namespace links and refuses anything else', (t) => {
  t.is(nsInode('net:[4026531833]'), 4026531833);
  t.is(nsInode('pid_for_children:[4026532301]'), 4026532301);
  t.is(nsInode('net:4026531833'), null);
  t.is(nsInode(null), null);
  t.is(nsInode(42), null);
});

test('fixed initial inodes match include/uapi/linux/nsfs.h and sit below the dynamic range', (t) => {
  t.is(INITIAL_NS_INODES.pid, 4026531836);
  t.is(INITIAL_NS_INODES.ipc, 4026531839);
  t.is(INITIAL_NS_INODES.uts, 4026531838);
  t.is(INITIAL_NS_INODES.user, 4026531837);
  t.is(INITIAL_NS_INODES.cgroup, 4026531835);
  t.is(INITIAL_NS_INODES.net, 4026531833);
  for (const v of Object.values(INITIAL_NS_INODES)) t.true(v < PROC_DYNAMIC_FIRST);
});

test('initial namespace: true on the fixed inode, false on a dynamic one for always-fixed kinds', (t) => {
  t.true(isInitialNamespace('pid', 4026531836));
  t.false(isInitialNamespace('pid', 4026532301));
  t.false(isInitialNamespace('ipc', 4026532301, undefined));
  t.is(isInitialNamespace('pid', null), null);
  // Another kind's fixed inode is not understood as ours.
  t.is(isInitialNamespace('pid', 4026531839), null);
});

test('net namespace: decisive from Linux 6.18 only', (t) => {
  t.true(isInitialNamespace('net', 4026531833, '5.15.0'));
  t.false(isInitialNamespace('net', 4026532265, '6.18.44-fc-v657'));
  t.false(isInitialNamespace('net', 4026532265, '7.0.1'));
  t.is(isInitialNamespace('net', 4026531992, '5.15.0-101-generic'), null);
  t.is(isInitialNamespace('net', 4026532265, 'garbage'), null);
  t.is(isInitialNamespace('net', 4026532265), null);
});

test('kernelVersion', (t) => {
  t.deepEqual(kernelVersion('6.18.44-fc-v657'), [6, 18]);
  t.is(kernelVersion(''), null);
});
