/** Foreign roots through /proc/<pid>/root, on the real kernel of the test process. */
import test from 'ava';
import { identity, scanForeignRoots } from '../../../probes/lib/foreign-root.js';
import { rootKind } from '../../../probes/host-filesystem/host-root-via-proc.js';

test('the test process\'s own root is never foreign, and the scan counts what it tried', async (t) => {
  const scan = await scanForeignRoots();
  t.is(scan.ownRoot, await identity('/'));
  t.true(scan.pidsVisible !== null && scan.pidsVisible >= 1);
  t.false(scan.roots.some((r) => r.rootId === scan.ownRoot));
  t.true(scan.roots.length <= 4);
});

test('rootKind: a runtime\'s state or PID 1 of the initial PID namespace make a node; anything else is another container', (t) => {
  const base = { comm: 'x', mntNs: null, pidNs: null, rootId: '1:2', names: ['etc', 'usr'], runtimeState: [] as string[] };
  t.is(rootKind({ ...base, pid: 77, runtimeState: ['var/lib/containerd'] }, 'pid:[4026532000]'), 'node');
  t.is(rootKind({ ...base, pid: 1 }, 'pid:[4026531836]'), 'node');
  t.is(rootKind({ ...base, pid: 1 }, 'pid:[4026532000]'), 'container');
  t.is(rootKind({ ...base, pid: 4121 }, 'pid:[4026531836]'), 'container');
});
