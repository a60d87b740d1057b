/** Process-tree helpers: kernel threads and the probe's own tree. */
import test from 'ava';
import { kernelThreads, ownTree, type ProcessInfo } from '../../../probes/lib/procs.js';

const p = (pid: number, ppid: number | null, comm: string): ProcessInfo => ({ pid, ppid, comm, cmdline: '' });

test('kernelThreads: kthreadd as PID 2 and its children', (t) => {
  const host = [p(1, 0, 'systemd'), p(2, 0, 'kthreadd'), p(3, 2, 'rcu_gp'), p(900, 1, 'dockerd')];
  t.deepEqual(kernelThreads(host).map((x) => x.pid), [2, 3]);
  // A container process that happens to be PID 2 is not kthreadd.
  t.deepEqual(kernelThreads([p(1, 0, 'pause'), p(2, 0, 'node')]), []);
});

test('ownTree: ancestors and descendants of self, not the pod neighbours', (t) => {
  const pod = [p(1, 0, 'pause'), p(7, 0, 'docker-init'), p(8, 7, 'node'), p(20, 8, 'busybox'), p(21, 20, 'busybox'), p(30, 0, 'nginx')];
  t.deepEqual([...ownTree(pod, 8)].sort((a, b) => a - b), [7, 8, 20, 21]);
});
