/** The runtime's private /dev/shm versus a host tmpfs in its place (mount lines as Docker and containerd write them). */
import test from 'ava';
import { parseMountInfo } from '../../../probes/lib/proc.js';
import { isRuntimeShm } from '../../../probes/lib/shm.js';

const [docker, cri, hostBind, noOptions] = parseMountInfo([
  '90 76 0:47 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k',
  '123 105 0:40 / /dev/shm rw,nosuid,nodev,noexec,relatime - tmpfs shm rw,size=65536k',
  '90 76 0:27 / /dev/shm rw,relatime - tmpfs tmpfs rw,size=24731708k',
  '90 76 0:47 / /dev/shm rw,relatime - tmpfs shm rw,size=65536k',
].join('\n'));

test('the runtime shm: source shm, nosuid, nodev, noexec', (t) => {
  t.true(isRuntimeShm(docker));
  t.true(isRuntimeShm(cri));
});

test('a host tmpfs (hostIPC, or a hostPath /dev/shm) is not', (t) => {
  t.false(isRuntimeShm(hostBind));
  t.false(isRuntimeShm(noOptions), 'exec allowed: not what a runtime mounts');
  t.false(isRuntimeShm({ fsType: 'tmpfs', source: 'shm' }), 'options unknown');
});
