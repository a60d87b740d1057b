/** Posture -> Docker HostConfig, key by key. */
import test from 'ava';
import { dockerIgnoredKeys, postureToDocker, PROBE_TMPFS } from '../../../src/posture/docker.js';

test('empty posture: engine defaults plus the probe tmpfs only', (t) => {
  const { User, HostConfig } = postureToDocker({});
  t.is(User, undefined);
  t.deepEqual(HostConfig, { Privileged: false, ReadonlyRootfs: false, Tmpfs: { [PROBE_TMPFS.path]: PROBE_TMPFS.options } });
});

test('privileged', (t) => t.true(postureToDocker({ privileged: true }).HostConfig!.Privileged));
test('user as string and number', (t) => {
  t.is(postureToDocker({ user: '1000:1000' }).User, '1000:1000');
  t.is(postureToDocker({ user: 0 }).User, '0');
  t.is(postureToDocker({ user: '65534' }).User, '65534');
});
test('host namespaces', (t) => {
  const h = postureToDocker({ hostPID: true, hostNetwork: true, hostIPC: true }).HostConfig!;
  t.is(h.PidMode, 'host');
  t.is(h.NetworkMode, 'host');
  t.is(h.IpcMode, 'host');
});
test('capabilities normalised (CAP_ prefix, case, ALL)', (t) => {
  const h = postureToDocker({ capabilities: { add: ['cap_sys_admin', 'NET_ADMIN'], drop: ['all'] } }).HostConfig!;
  t.deepEqual(h.CapAdd, ['SYS_ADMIN', 'NET_ADMIN']);
  t.deepEqual(h.CapDrop, ['ALL']);
});
test('seccomp, apparmor and no-new-privileges become security options', (t) => {
  t.deepEqual(postureToDocker({ seccomp: 'unconfined', apparmor: 'unconfined', noNewPrivileges: true }).HostConfig!.SecurityOpt, ['seccomp=unconfined', 'apparmor=unconfined', 'no-new-privileges:true']);
  t.is(postureToDocker({ seccomp: 'runtime-default', apparmor: 'runtime-default' }).HostConfig!.SecurityOpt, undefined);
});
test('readOnlyRootFilesystem', (t) => t.true(postureToDocker({ readOnlyRootFilesystem: true }).HostConfig!.ReadonlyRootfs));
test('mounts use the Mounts API (never Binds, which would create host paths)', (t) => {
  const h = postureToDocker({ mounts: [{ hostPath: '/etc', path: '/hostetc', readOnly: true }, { hostPath: '/var/run/docker.sock', path: '/s.sock' }] }).HostConfig!;
  t.is(h.Binds, undefined);
  t.deepEqual(h.Mounts, [
    { Type: 'bind', Source: '/etc', Target: '/hostetc', ReadOnly: true, BindOptions: { Propagation: 'rprivate' } },
    { Type: 'bind', Source: '/var/run/docker.sock', Target: '/s.sock', ReadOnly: false, BindOptions: { Propagation: 'rprivate' } },
  ]);
});
test('a mount holding the daemon root gets rslave propagation, as the engine demands', (t) => {
  t.is(postureToDocker({ mounts: [{ hostPath: '/', path: '/host' }] }, '/var/lib/docker').HostConfig!.Mounts![0].BindOptions!.Propagation, 'rslave');
  t.is(postureToDocker({ mounts: [{ hostPath: '/var', path: '/v' }] }, '/var/lib/docker').HostConfig!.Mounts![0].BindOptions!.Propagation, 'rslave');
  t.is(postureToDocker({ mounts: [{ hostPath: '/var/log', path: '/v' }] }, '/var/lib/docker').HostConfig!.Mounts![0].BindOptions!.Propagation, 'rprivate');
});
test('devices', (t) => {
  t.deepEqual(postureToDocker({ devices: ['/dev/loop0'] }).HostConfig!.Devices, [{ PathOnHost: '/dev/loop0', PathInContainer: '/dev/loop0', CgroupPermissions: 'rwm' }]);
});
test('runtime', (t) => t.is(postureToDocker({ runtime: 'runsc' }).HostConfig!.Runtime, 'runsc'));
test('Kubernetes-only keys are reported as ignored, not silently dropped', (t) => {
  t.deepEqual(dockerIgnoredKeys({ serviceAccount: 'x', automountServiceAccountToken: false }), ['serviceAccount', 'automountServiceAccountToken']);
  t.deepEqual(dockerIgnoredKeys({ privileged: true }), []);
});
