/**
 * Host mount classification inside gVisor and under a userns-remap engine, from mountinfo lines
 * recorded on the real runtimes (runsc 2022 from Debian, Docker with userns-remap default).
 */
import test from 'ava';
import { candidate, classify } from '../../../probes/lib/host-mounts.js';
import { pickOwnTmpfs } from '../../../probes/lib/mknod.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';
import { engineFilesByContent, isGoferEngineFile, isSentryOwn } from '../../../probes/lib/sentry.js';
import { splitDev, standardDeviceOf } from '../../../probes/lib/std-devices.js';

/** /proc/self/mountinfo of a default `docker run --runtime runsc` container. */
const GVISOR = parseMountInfo([
  '8 8 0:8 / / rw  - 9p none rw,trans=fd,rfdno=4,wfdno=4,aname=/,dfltuid=4294967294,dfltgid=4294967294,cache=fscache,overlayfs_stale_read',
  '9 8 0:6 / /dev rw  - tmpfs none rw,mode=0755',
  '10 8 0:9 / /sys ro,noexec  - sysfs none ro,dentry_cache_limit=1000',
  '11 8 0:10 / /proc rw,noexec  - proc none rw,dentry_cache_limit=1000',
  '12 9 0:11 / /dev/pts rw,noexec  - devpts none rw',
  '13 9 0:12 / /dev/shm rw,noexec  - tmpfs none rw,mode=1777,size=67108864',
  '14 8 0:13 / /etc/hosts rw  - 9p none rw,trans=fd,rfdno=7,wfdno=7,aname=/,dfltuid=4294967294,dfltgid=4294967294,cache=remote_revalidating',
  '17 8 0:16 / /tmp rw  - tmpfs none rw,mode=01777',
  '18 8 0:17 / /host rw  - 9p none ro,trans=fd,rfdno=8,wfdno=8,aname=/,dfltuid=4294967294,dfltgid=4294967294,cache=remote_revalidating',
].join('\n'));
const at = (list: ReturnType<typeof parseMountInfo>, mountPoint: string) => list.find((m) => m.mountPoint === mountPoint)!;

test('inside gVisor the sentry\'s own tmpfs, proc and sysfs are not host mounts; gofer (9p) mounts stay the host\'s', (t) => {
  t.true(isSentryOwn(at(GVISOR, '/dev/shm'), 'gvisor'));
  t.is(candidate(at(GVISOR, '/dev/shm'), 'gvisor'), null);
  t.deepEqual(candidate(at(GVISOR, '/dev/shm'), null), { fsCategory: 'dev-shm', needsContent: false }, 'outside a sandbox the same line is a host tmpfs');
  t.is(candidate(at(GVISOR, '/tmp'), 'gvisor'), null);
  t.false(isSentryOwn(at(GVISOR, '/host'), 'gvisor'), 'a mounted host folder is served by the gofer: the host\'s files');
  t.notDeepEqual(candidate(at(GVISOR, '/host'), 'gvisor'), null);
  t.false(isSentryOwn(at(GVISOR, '/proc'), 'kata'), 'only gVisor\'s sentry is known to serve its own proc');
});

test('inside gVisor the engine\'s /etc/hosts (a single-file gofer mount) is runtime-managed; a directory there or outside gVisor is not', (t) => {
  const hosts = at(GVISOR, '/etc/hosts');
  t.true(isGoferEngineFile(hosts, true, 'gvisor'));
  t.is(classify(hosts, null, true, new Set(), null, 'gvisor', true).kind, 'runtime-managed');
  t.is(classify(hosts, null, true, new Set(), null, 'gvisor', false).kind, 'other', 'without content evidence the hidden source is not excused');
  t.is(classify(hosts, null, true, new Set(), null, null, true).kind, 'other', 'without the sandbox evidence the hidden source is not excused');
  t.false(isGoferEngineFile(hosts, false, 'gvisor'), 'a directory mounted at /etc/hosts is not the engine\'s file');
  t.false(isGoferEngineFile(at(GVISOR, '/host'), false, 'gvisor'));
});

test('mknod goes to gVisor\'s own /dev tmpfs, never to a plain tmpfs that lacks the runtime\'s options', (t) => {
  t.is(pickOwnTmpfs(GVISOR, false, 'gvisor'), '/dev');
  t.is(pickOwnTmpfs(GVISOR, false, null), null);
  t.is(pickOwnTmpfs(GVISOR, true, 'gvisor'), null, 'a /dev holding block devices is never written');
});

/** Mounts of a default container on a Docker engine with userns-remap: the host's standard devices are bound in. */
const USERNS = parseMountInfo([
  '916 905 0:322 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755,uid=100000,gid=100000',
  '1006 916 0:6 /null /dev/null rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
  '1009 916 0:6 /tty /dev/tty rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
  '826 915 0:6 /null /proc/keys rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
  '827 916 0:6 /sda /dev/null rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
  '828 916 0:6 /null /dev/zero rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
  '829 905 0:6 / /host-dev rw,relatime master:17 - devtmpfs devtmpfs rw,size=12334432k,nr_inodes=3083608,mode=755',
].join('\n'));

test('a userns-remap engine\'s bound standard devices are recognised by name; other devtmpfs binds are not', (t) => {
  t.is(standardDeviceOf(USERNS[1]), 'null');
  t.is(standardDeviceOf(USERNS[2]), 'tty');
  t.is(standardDeviceOf(USERNS[3]), 'null', '/dev/null over a masked /proc file');
  t.is(standardDeviceOf(USERNS[4]), null, 'a disk node bound at /dev/null');
  t.is(standardDeviceOf(USERNS[5]), null, 'names must agree');
  t.is(standardDeviceOf(USERNS[6]), null, 'the host\'s whole /dev');
  t.is(candidate(USERNS[1], null, true), null, 'confirmed by device number: the runtime\'s device');
  t.deepEqual(candidate(USERNS[1], null, false), { fsCategory: 'dev', needsContent: false }, 'unconfirmed by device number: still a host /dev file');
  t.deepEqual(candidate(USERNS[6], null, true), { fsCategory: 'dev', needsContent: false });
});

test('dev_t splits into major and minor like the kernel\'s new_encode_dev', (t) => {
  t.deepEqual(splitDev(0x103), [1, 3]);
  t.deepEqual(splitDev(0x500), [5, 0]);
  t.deepEqual(splitDev((259 << 8) | 1 | (0x12300 * 4096)), [259, 0x12301]);
});

test('the engine\'s /etc/hostname and /etc/hosts name the container\'s UTS host name; the host\'s own files do not', (t) => {
  const hosts = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n172.17.0.2\tc6d490a929e7\n';
  t.true(engineFilesByContent('c6d490a929e7', 'c6d490a929e7\n', hosts));
  t.false(engineFilesByContent('c6d490a929e7', 'buildhost\n', hosts), 'the host\'s /etc/hostname');
  t.false(engineFilesByContent('c6d490a929e7', 'c6d490a929e7\n', '127.0.0.1 localhost\n# c6d490a929e7\n'), 'named only in a comment');
  t.false(engineFilesByContent('c6d490a929e7', null, hosts));
  t.false(engineFilesByContent('', '\n', hosts));
});
