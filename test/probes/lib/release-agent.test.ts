/** cgroup v1 hierarchy helpers of the release_agent check (the active part is exercised in real containers). */
import test from 'ava';
import { mountOptions, pickHierarchy, v1Hierarchies } from '../../../probes/lib/release-agent.js';

const SELF_CGROUP = ['12:rdma:/', '9:name=systemd:/docker/abc', '8:pids:/docker/abc', '3:cpu,cpuacct:/docker/abc', '0::/docker/abc', ''].join('\n');

test('v1Hierarchies skips the v2 line and keeps controllers with their path', (t) => {
  t.deepEqual(v1Hierarchies(SELF_CGROUP), [
    { controllers: 'rdma', path: '/' },
    { controllers: 'name=systemd', path: '/docker/abc' },
    { controllers: 'pids', path: '/docker/abc' },
    { controllers: 'cpu,cpuacct', path: '/docker/abc' },
  ]);
  t.deepEqual(v1Hierarchies('0::/\n'), []);
});

test('mountOptions attaches to named hierarchies with none,name=', (t) => {
  t.is(mountOptions('name=systemd'), 'none,name=systemd');
  t.is(mountOptions('cpu,cpuacct'), 'cpu,cpuacct');
});

test('pickHierarchy prefers rdma, then a controller at its root, then any controller, then a named one', (t) => {
  const list = v1Hierarchies(SELF_CGROUP);
  t.is(pickHierarchy(list)?.controllers, 'rdma');
  t.is(pickHierarchy(list.slice(1))?.controllers, 'pids');
  t.is(pickHierarchy([{ controllers: 'name=systemd', path: '/' }, { controllers: 'memory', path: '/' }])?.controllers, 'memory');
  t.is(pickHierarchy([{ controllers: 'name=systemd', path: '/' }])?.controllers, 'name=systemd');
  t.is(pickHierarchy([]), null);
});
