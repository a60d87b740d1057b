/** Posture -> Pod spec, key by key. */
import test from 'ava';
import { postureToPod, hostPathType } from '../../../src/posture/kubernetes.js';
import type { Posture } from '../../../src/posture/types.js';

const opts = { name: 'p', namespace: 'ns', image: 'escapekit/probe:abc', labels: { 'escapekit.io/run-id': 'r' }, agentConfig: '{}' };
const pod = (p: Posture, extra = {}) => postureToPod(p, { ...opts, ...extra });
const sc = (p: Posture) => pod(p).spec!.containers[0].securityContext!;

test('base pod: never pulls, never restarts, labelled, probe tmpfs, node IP env', (t) => {
  const p = pod({});
  const c = p.spec!.containers[0];
  t.is(c.imagePullPolicy, 'Never');
  t.is(p.spec!.restartPolicy, 'Never');
  t.deepEqual(p.metadata!.labels, opts.labels);
  t.deepEqual(p.spec!.volumes![0], { name: 'probe-tmp', emptyDir: { medium: 'Memory', sizeLimit: '16Mi' } });
  t.truthy(c.env!.find((e) => e.name === 'ESCAPEKIT_NODE_IP' && e.valueFrom?.fieldRef?.fieldPath === 'status.hostIP'));
  t.deepEqual(sc({}), {});
  t.is(p.spec!.hostPID, undefined);
});
test('pull policy: Never for the local probe image, IfNotPresent only when asked (a user-named --image)', (t) => {
  t.is(pod({}, { pullPolicy: 'IfNotPresent' }).spec!.containers[0].imagePullPolicy, 'IfNotPresent');
  t.is(pod({}, { pullPolicy: 'Never' }).spec!.containers[0].imagePullPolicy, 'Never');
});
test('privileged', (t) => t.true(sc({ privileged: true }).privileged));
test('user: runAsUser/runAsGroup, runAsNonRoot only for non-zero uids', (t) => {
  t.like(sc({ user: '1000:2000' }), { runAsUser: 1000, runAsGroup: 2000, runAsNonRoot: true });
  t.deepEqual(sc({ user: 0 }), { runAsUser: 0 });
});
test('host namespaces', (t) => {
  const s = pod({ hostPID: true, hostNetwork: true, hostIPC: true }).spec!;
  t.true(s.hostPID && s.hostNetwork && s.hostIPC);
});
test('capabilities normalised', (t) => t.deepEqual(sc({ capabilities: { add: ['CAP_SYS_ADMIN'], drop: ['all'] } }).capabilities, { add: ['SYS_ADMIN'], drop: ['ALL'] }));
test('seccomp and apparmor profiles', (t) => {
  t.deepEqual(sc({ seccomp: 'runtime-default' }).seccompProfile, { type: 'RuntimeDefault' });
  t.deepEqual(sc({ seccomp: 'unconfined' }).seccompProfile, { type: 'Unconfined' });
  t.deepEqual(sc({ seccomp: { localhostProfile: 'profiles/audit.json' } }).seccompProfile, { type: 'Localhost', localhostProfile: 'profiles/audit.json' });
  t.deepEqual(sc({ apparmor: 'runtime-default' }).appArmorProfile, { type: 'RuntimeDefault' });
  t.deepEqual(sc({ apparmor: 'unconfined' }).appArmorProfile, { type: 'Unconfined' });
});
test('noNewPrivileges is allowPrivilegeEscalation inverted', (t) => {
  t.false(sc({ noNewPrivileges: true }).allowPrivilegeEscalation);
  t.true(sc({ noNewPrivileges: false }).allowPrivilegeEscalation);
});
test('readOnlyRootFilesystem', (t) => t.true(sc({ readOnlyRootFilesystem: true }).readOnlyRootFilesystem));
test('mounts become typed hostPath volumes (a missing path is refused, never created)', (t) => {
  const p = pod({ mounts: [{ hostPath: '/', path: '/host', readOnly: true }, { hostPath: '/run/containerd/containerd.sock', path: '/s.sock' }] });
  t.deepEqual(p.spec!.volumes!.slice(1), [
    { name: 'host-0', hostPath: { path: '/', type: 'Directory' } },
    { name: 'host-1', hostPath: { path: '/run/containerd/containerd.sock', type: 'Socket' } },
  ]);
  t.deepEqual(p.spec!.containers[0].volumeMounts!.slice(1), [
    { name: 'host-0', mountPath: '/host', readOnly: true },
    { name: 'host-1', mountPath: '/s.sock', readOnly: false },
  ]);
  t.is(hostPathType({ hostPath: '/var/run/docker.sock', path: '/x' }), 'Socket');
});
test('devices become typed hostPath mounts of the device node (a missing node path is never created)', (t) => {
  const p = pod({ devices: ['/dev/loop0', '/dev/fuse', '/dev/nvme0n1p2', '/dev/ttyS0'] });
  t.deepEqual(p.spec!.volumes![1], { name: 'device-0', hostPath: { path: '/dev/loop0', type: 'BlockDevice' } });
  t.deepEqual(p.spec!.volumes!.slice(2).map((v) => v.hostPath!.type), ['CharDevice', 'BlockDevice', 'CharDevice']);
  t.true(p.spec!.volumes!.every((v) => v.emptyDir || (v.hostPath!.type !== undefined && v.hostPath!.type !== '')), 'every hostPath is typed');
});
test('runtime, serviceAccount, automountServiceAccountToken', (t) => {
  const s = pod({ runtime: 'gvisor', serviceAccount: 'probe', automountServiceAccountToken: false }).spec!;
  t.is(s.runtimeClassName, 'gvisor');
  t.is(s.serviceAccountName, 'probe');
  t.false(s.automountServiceAccountToken);
});
test('pinning uses the hostname label so taints still apply; tolerations only when asked', (t) => {
  t.deepEqual(pod({}, { node: 'n1' }).spec!.nodeSelector, { 'kubernetes.io/hostname': 'n1' });
  t.is(pod({}, { node: 'n1' }).spec!.tolerations, undefined);
  t.deepEqual(pod({}, { tolerateTaints: true }).spec!.tolerations, [{ operator: 'Exists' }]);
});

test('an explicit mount type wins over the inference', (t) => {
  t.is(hostPathType({ hostPath: '/etc/shadow', path: '/x', type: 'File' }), 'File');
  t.is(hostPathType({ hostPath: '/etc', path: '/x' }), 'Directory');
});
