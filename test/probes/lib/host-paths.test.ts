/** Host mount classification: runtime-managed files, own volumes, sensitive paths by root and by content. */
import test from 'ava';
import { contentCategories, isOwnVolume, isRuntimeManaged, ownPodUids, pathCategories } from '../../../probes/lib/host-paths.js';
import { candidate, classify } from '../../../probes/lib/host-mounts.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

const ID = 'dab8dbd489850aff160690ae2708e3c619d54bf4a8b237a33917ff49e971a88e';
const UID = '0f3c7a1e-5b2d-4c8e-9a7f-1b2c3d4e5f60';

test('Docker and Kubernetes runtime files are runtime-managed, host files at the same place are not', (t) => {
  t.true(isRuntimeManaged({ root: `/var/lib/docker/containers/${ID}/hostname`, mountPoint: '/etc/hostname' }));
  t.true(isRuntimeManaged({ root: `/data/docker/containers/${ID}/resolv.conf`, mountPoint: '/etc/resolv.conf' }));
  t.true(isRuntimeManaged({ root: `/var/lib/kubelet/pods/${UID}/etc-hosts`, mountPoint: '/etc/hosts' }));
  t.true(isRuntimeManaged({ root: `/var/lib/kubelet/pods/${UID}/containers/probe/3f2a9c1d`, mountPoint: '/dev/termination-log' }));
  t.true(isRuntimeManaged({ root: `/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/${ID}/hostname`, mountPoint: '/etc/hostname' }));
  t.false(isRuntimeManaged({ root: '/etc/hosts', mountPoint: '/etc/hosts' }), 'the host\'s own /etc/hosts');
  t.false(isRuntimeManaged({ root: `/var/lib/docker/containers/${ID}/hostname`, mountPoint: '/x/hostname' }));
  t.false(isRuntimeManaged({ root: `/var/lib/docker/containers/${ID}`, mountPoint: '/etc/hosts' }));
});

test('sensitive paths match by segment, ancestors included, siblings not', (t) => {
  t.deepEqual(pathCategories({ root: '/etc', fsType: 'ext4' }), ['etc']);
  t.deepEqual(pathCategories({ root: '/etc/kubernetes/pki', fsType: 'ext4' }), ['etc']);
  t.deepEqual(pathCategories({ root: '/etcetera', fsType: 'ext4' }), []);
  t.true(pathCategories({ root: '/var', fsType: 'ext4' }).includes('var-log'));
  t.true(pathCategories({ root: '/var/lib', fsType: 'xfs' }).includes('kubelet'));
  t.deepEqual(pathCategories({ root: '/home/alice/.ssh', fsType: 'ext4' }).sort(), ['home', 'ssh']);
  t.deepEqual(pathCategories({ root: '/srv/data', fsType: 'ext4' }), []);
  t.deepEqual(pathCategories({ root: '/', fsType: 'ext4' }), [], 'a file system root says nothing by path');
  t.deepEqual(pathCategories({ root: '/@/etc', fsType: 'btrfs' }), ['etc']);
  t.deepEqual(pathCategories({ root: '/@home/bob', fsType: 'btrfs' }), ['home']);
});

test('directory listings betray a host root, /etc, /var/log, kubelet and /run', (t) => {
  t.deepEqual(contentCategories(['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'proc', 'root', 'run', 'sbin', 'sys', 'tmp', 'usr', 'var']), ['host-root']);
  t.deepEqual(contentCategories(['passwd', 'group', 'shadow', 'hostname', 'systemd', 'udev', 'docker', 'sudoers']), ['etc']);
  t.deepEqual(contentCategories(['journal', 'pods', 'containers', 'wtmp', 'apt']), ['var-log']);
  t.deepEqual(contentCategories(['pods', 'plugins', 'pki', 'config.yaml']), ['kubelet']);
  t.deepEqual(contentCategories(['lock', 'systemd', 'user', 'docker.sock', 'containerd']), ['run']);
  t.deepEqual(contentCategories(['index.html', 'app.js', 'node_modules']), []);
  t.deepEqual(contentCategories([]), []);
});

test('own volumes: Docker volumes and the own pod\'s volumes only', (t) => {
  t.true(isOwnVolume({ root: '/var/lib/docker/volumes/cache/_data' }, new Set()));
  t.true(isOwnVolume({ root: `/var/lib/kubelet/pods/${UID}/volumes/kubernetes.io~empty-dir/scratch` }, new Set([UID])));
  t.false(isOwnVolume({ root: '/var/lib/kubelet/pods/11111111-2222-3333-4444-555555555555/volumes/kubernetes.io~secret/token' }, new Set([UID])), 'another pod\'s volume');
  t.false(isOwnVolume({ root: '/var/lib/kubelet/pods' }, new Set([UID])));
  t.deepEqual([...ownPodUids([{ root: `/var/lib/kubelet/pods/${UID}/etc-hosts`, mountPoint: '/etc/hosts' }])], [UID]);
});

test('classify: a rbind of the host root is host-root, another container\'s rootfs is not', (t) => {
  const [host, other, hosts] = parseMountInfo([
    '100 72 254:0 / /host rw,relatime master:2 - ext4 /dev/vda rw',
    '101 100 0:53 / /dockerdata/overlay2/abc/merged rw,relatime - overlay overlay rw,lowerdir=/x',
    `102 72 254:0 /var/lib/docker/containers/${ID}/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw`,
  ].join('\n'));
  const rootNames = ['bin', 'etc', 'usr', 'proc', 'sys', 'var', 'dev'];
  t.is(classify(host, rootNames, false, new Set(), null).kind, 'host-root');
  t.deepEqual(classify(other, rootNames, false, new Set(), null).categories, ['container-rootfs']);
  t.is(classify(hosts, null, true, new Set(), null).kind, 'runtime-managed');
  t.is(classify(hosts, null, false, new Set(), null).kind, 'sensitive', 'a directory at that path is not the runtime\'s file');
});

test('a directory holding kubelet state next to runtime state is kubelet-sensitive', (t) => {
  t.deepEqual(contentCategories(['cni', 'conf', 'containerd', 'etcd', 'kubeconfig', 'kubelet', 'pki']), ['kubelet']);
  t.true(contentCategories(['apt', 'dpkg', 'docker', 'kubelet', 'systemd']).includes('kubelet'));
  t.deepEqual(contentCategories(['kubelet', 'README.md']), []);
});

test('kind: a node hostPath under the node\'s /var volume is judged by content, a plain Docker volume stays a volume', (t) => {
  const [kindLog, volume] = parseMountInfo([
    '200 72 254:0 /var/lib/docker/volumes/5f1e/_data/log /var/log/host ro,relatime - ext4 /dev/vda rw',
    '201 72 254:0 /var/lib/docker/volumes/cache/_data /cache rw,relatime - ext4 /dev/vda rw',
  ].join('\n'));
  const log = classify(kindLog, ['containers', 'pods', 'journal'], false, new Set(), null);
  t.is(log.kind, 'sensitive');
  t.true(log.categories.includes('var-log'));
  t.is(classify(volume, ['index.db'], false, new Set(), null).kind, 'volume');
});

test('kernel file systems no runtime mounts (debugfs, tracefs, bpf, securityfs...) are host mounts; the runtime\'s own are not', (t) => {
  const [bpf, tracefs, debugfs, runtimeSys, runtimeShm, hostShm] = parseMountInfo([
    '300 72 0:30 / /sys/fs/bpf rw,nosuid,nodev,noexec,relatime - bpf bpf rw,mode=700',
    '301 72 0:12 / /host/tracing rw,nosuid,nodev,noexec,relatime - tracefs tracefs rw',
    '302 72 0:7 / /dbg rw,nosuid,nodev,noexec,relatime - debugfs debugfs rw',
    '303 72 0:50 / /sys ro,nosuid,nodev,noexec,relatime - sysfs sysfs ro',
    '304 72 0:47 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k',
    '305 72 0:27 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24731708k',
  ].join('\n'));
  t.deepEqual(candidate(bpf), { fsCategory: 'kernel-fs:bpf', needsContent: false });
  t.deepEqual(candidate(tracefs), { fsCategory: 'kernel-fs:tracefs', needsContent: false });
  t.deepEqual(candidate(debugfs), { fsCategory: 'kernel-fs:debugfs', needsContent: false });
  t.is(candidate(runtimeSys), null);
  t.is(candidate(runtimeShm), null);
  t.deepEqual(candidate(hostShm), { fsCategory: 'dev-shm', needsContent: false });
});
