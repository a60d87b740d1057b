/** Which cgroup mounts reach beyond the probe's own cgroup. */
import test from 'ava';
import { ownCgroupPaths, ownPathFor, showsBeyondOwn } from '../../../probes/kernel-interfaces/host-cgroup-writable.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

const SELF_V1 = '12:memory:/docker/abc\n4:cpu:/docker/abc\n1:name=systemd:/docker/abc\n0::/system.slice/docker.service\n';

test('own cgroup paths are keyed by controller, v2 by the empty key', (t) => {
  const own = ownCgroupPaths(SELF_V1);
  t.is(own.get('memory'), '/docker/abc');
  t.is(own.get('name=systemd'), '/docker/abc');
  t.is(own.get(''), '/system.slice/docker.service');
});

test('a mount is matched to its hierarchy by controller (v1) or as cgroup2', (t) => {
  const own = ownCgroupPaths(SELF_V1);
  const [v1, v2, named] = parseMountInfo([
    '80 79 0:29 / /cg/memory rw,nosuid - cgroup cgroup rw,memory',
    '81 79 0:30 / /cg/unified rw,nosuid - cgroup2 cgroup2 rw',
    '82 79 0:31 /docker/abc /sys/fs/cgroup/systemd ro,nosuid - cgroup cgroup rw,xattr,name=systemd',
  ].join('\n'));
  t.is(ownPathFor(v1, own), '/docker/abc');
  t.is(ownPathFor(v2, own), '/system.slice/docker.service');
  t.is(ownPathFor(named, own), '/docker/abc');
});

test('only roots above or beside the own cgroup reach beyond it', (t) => {
  t.true(showsBeyondOwn('/', '/docker/abc'));
  t.true(showsBeyondOwn('/docker', '/docker/abc'));
  t.true(showsBeyondOwn('/docker/abcdef', '/docker/abc'), 'a sibling with a common prefix');
  t.true(showsBeyondOwn('/../..', '/'), 'outside a private cgroup namespace');
  t.false(showsBeyondOwn('/docker/abc', '/docker/abc'));
  t.false(showsBeyondOwn('/docker/abc/child', '/docker/abc'));
  t.false(showsBeyondOwn('/', '/'), 'a private cgroup namespace shows its own root');
});
