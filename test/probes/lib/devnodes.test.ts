/** Device helpers: dev_t split, host disk choice, devices.list rules, open outcome attribution, busybox errno text. */
import test from 'ava';
import { pickHostDisk, splitDevT, isVirtualBlock, hostReachingCharDevice, hostReachingChar, readCharClass } from '../../../probes/lib/devnodes.js';
import { classifyOpen, parseDevicesList, rulesAllow } from '../../../probes/lib/devcgroup.js';
import { errnoOf, pickOwnTmpfs } from '../../../probes/lib/mknod.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

test('splitDevT follows glibc major()/minor()', (t) => {
  t.deepEqual(splitDevT(0xfe00), { major: 254, minor: 0 });
  t.deepEqual(splitDevT(0x0801), { major: 8, minor: 1 });
  t.deepEqual(splitDevT(259n << 8n | 0n), { major: 259, minor: 0 });
  // minor 256 lands in bits 20+: (256 & 0xffffff00) << 12
  t.deepEqual(splitDevT((8n << 8n) | (256n << 12n)), { major: 8, minor: 256 });
});

test('pickHostDisk prefers the disk under host mounts, skips loop/zram, falls back to sda', (t) => {
  const known = [{ major: 7, minor: 0, name: 'loop0' }, { major: 253, minor: 0, name: 'zram0' }, { major: 254, minor: 0, name: 'vda' }];
  t.like(pickHostDisk(['0:39', '254:0'], known), { major: 254, minor: 0, from: 'mountinfo' });
  t.like(pickHostDisk(['0:39'], known), { major: 254, minor: 0, from: '/sys/dev/block' });
  t.like(pickHostDisk([], known.slice(0, 2)), { major: 8, minor: 0, from: 'default' });
  t.true(isVirtualBlock('zram0', 253));
  t.false(isVirtualBlock('nvme0n1', 259));
});

test('devices.list rules', (t) => {
  const docker = parseDevicesList('b *:* m\nc *:* m\nc 1:3 rwm\nc 136:* rwm\ngarbage\n');
  t.is(docker.length, 4);
  t.false(rulesAllow(docker, 'b', 254, 0, 'r'));
  t.true(rulesAllow(docker, 'b', 254, 0, 'm'));
  t.true(rulesAllow(parseDevicesList('a *:* rwm'), 'b', 8, 0, 'r'));
  t.true(rulesAllow(parseDevicesList('b 7:* rwm'), 'b', 7, 3, 'r'));
  t.false(rulesAllow(parseDevicesList('b 7:* rwm'), 'b', 8, 0, 'r'));
});

test('classifyOpen: EPERM is the cgroup\'s only when no rule grants the read', (t) => {
  const docker = parseDevicesList('b *:* m\nc 1:3 rwm');
  t.is(classifyOpen(null, 8, 0, docker), 'opened');
  t.is(classifyOpen('ENXIO', 8, 0, null), 'passed-cgroup');
  t.is(classifyOpen('EPERM', 8, 0, docker), 'refused-by-cgroup');
  t.is(classifyOpen('EPERM', 8, 0, 'cgroup-v2'), 'refused-by-cgroup');
  t.is(classifyOpen('EPERM', 8, 0, null), 'unexplained', 'v1 list unknown: EPERM may be another layer');
  t.is(classifyOpen('EPERM', 254, 0, parseDevicesList('b 254:0 rwm')), 'unexplained');
  t.is(classifyOpen('EACCES', 8, 0, docker), 'unexplained');
});

test('pickOwnTmpfs takes only the runtime\'s own /dev tmpfs, never /tmp, a nodev, a host devtmpfs or a host tmpfs', (t) => {
  const mounts = (lines: string[]) => parseMountInfo(lines.join('\n'));
  const own = '74 72 0:43 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755';
  t.is(pickOwnTmpfs(mounts([own]), false), '/dev');
  t.is(pickOwnTmpfs(mounts([own]), true), null, 'a /dev holding block devices is the host\'s or privileged');
  t.is(pickOwnTmpfs(mounts(['74 72 0:5 / /dev rw,nosuid - devtmpfs udev rw']), false), null);
  t.is(pickOwnTmpfs(mounts([own, '75 72 0:5 / /dev rw - devtmpfs udev rw']), false), null, 'topmost mount wins');
  t.is(pickOwnTmpfs(mounts(['93 75 0:39 / /dev rw,relatime - tmpfs ek-host-tmpfs rw,size=1024k']), false), null, 'a host tmpfs bound over /dev');
  t.is(pickOwnTmpfs(mounts(['74 72 0:43 / /dev rw,nosuid master:7 - tmpfs tmpfs rw,size=65536k,mode=755']), false), null, 'in a peer group with the host');
  t.is(pickOwnTmpfs(mounts(['74 72 0:43 / /tmp rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755']), false), null, '/tmp is never used');
});

test('errnoOf names busybox messages', (t) => {
  t.is(errnoOf("dd: can't open '/tmp/n': Operation not permitted"), 'EPERM');
  t.is(errnoOf("dd: can't open '/tmp/n': No such device or address"), 'ENXIO');
  t.is(errnoOf('mknod: /dev/x: Permission denied'), 'EACCES');
  t.is(errnoOf('something else'), null);
});

test('hostReachingCharDevice names devices that reach the host, and only those', (t) => {
  t.regex(hostReachingCharDevice(21, 0) ?? '', /SCSI generic/);
  t.regex(hostReachingCharDevice(202, 3) ?? '', /msr/);
  t.regex(hostReachingCharDevice(4, 0) ?? '', /virtual console/);
  t.is(hostReachingCharDevice(4, 64), null, 'ttyS0 (4:64) is a serial port, not a virtual console');
  t.regex(hostReachingCharDevice(7, 0) ?? '', /vcs/);
  t.regex(hostReachingCharDevice(10, 223) ?? '', /uinput/);
  t.regex(hostReachingCharDevice(10, 231) ?? '', /snapshot/);
  for (const [major, minor] of [[1, 11], [10, 229], [10, 200], [5, 0], [5, 2], [136, 0], [1, 3]]) t.is(hostReachingCharDevice(major, minor), null, `${major}:${minor}`);
});

test('hostReachingChar: the sysfs class decides for dynamic majors, the fixed table is the fallback', (t) => {
  t.like(hostReachingChar(240, 0, { subsystem: 'nvme-generic', sysName: 'ng0n1' }), { by: 'sysfs' });
  t.like(hostReachingChar(243, 0, { subsystem: 'bsg', sysName: '0:0:0:0' }), { by: 'sysfs' });
  t.like(hostReachingChar(10, 236, { subsystem: 'misc', sysName: 'device-mapper' }), { by: 'sysfs' });
  t.like(hostReachingChar(10, 236, null), { by: 'major' });
  t.like(hostReachingChar(90, 0, { subsystem: null, sysName: null }), { by: 'major' });
  t.like(hostReachingChar(4, 1, { subsystem: 'tty', sysName: 'tty1' }), { by: 'major' });
  t.is(hostReachingChar(240, 0, null), null, 'a dynamic major alone says nothing');
  t.is(hostReachingChar(10, 229, { subsystem: 'misc', sysName: 'fuse' }), null);
  t.is(hostReachingChar(1, 11, { subsystem: 'mem', sysName: 'kmsg' }), null);
});

test('readCharClass reads the real sysfs entry of /dev/null (mem class)', async (t) => {
  t.deepEqual(await readCharClass(1, 3), { subsystem: 'mem', sysName: 'null' });
  t.deepEqual(await readCharClass(4095, 4095), { subsystem: null, sysName: null });
});
