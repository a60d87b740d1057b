/** Placing a directory fd against a root, by `..` walks on the real kernel. */
import test from 'ava';
import { mkdirSync, mkdtempSync, openSync, closeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { outsideRoot, readDirFds } from '../../../probes/lib/dir-fds.js';
import { identity } from '../../../probes/lib/foreign-root.js';

test('a directory fd below the root is inside; one beside it (a leaked host directory) is outside', async (t) => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'ek-dirfd-'));
  mkdirSync(path.join(base, 'root', 'sub'), { recursive: true });
  mkdirSync(path.join(base, 'host-cgroup'));
  const rootId = (await identity(path.join(base, 'root')))!;
  const inside = openSync(path.join(base, 'root', 'sub'), 'r');
  const beside = openSync(path.join(base, 'host-cgroup'), 'r');
  try {
    t.false(await outsideRoot(`/proc/self/fd/${inside}`, rootId));
    t.true(await outsideRoot(`/proc/self/fd/${beside}`, rootId));
    t.is(await outsideRoot('/proc/self/fd/999999', rootId), null);
    // Only descriptors open at load count: the ones opened here by the test are not inherited.
    const now = await readDirFds(new Set([beside]));
    t.deepEqual(now.dirFds.map((d) => d.fd), [beside]);
    t.false(now.dirFds[0].outside, 'below the test process\'s real root');
  } finally {
    closeSync(inside);
    closeSync(beside);
  }
});
