/** The open_by_handle_at helper: its output line, and which host-bound file it is handed. */
import test from 'ava';
import { FHANDLE_HELPER, handleCandidates, parseHelperLine } from '../../../probes/lib/fhandle.js';
import { FHANDLE_PATH_IN_IMAGE } from '../../../src/image/inputs.js';
import { parseMountInfo } from '../../../probes/lib/proc.js';

test('parseHelperLine reads success, refusal and a failed mount_fd', (t) => {
  t.deepEqual(parseHelperLine('name_to_handle=1 type=-1 bytes=0 open=0 ino=2 names=etc/usr/lost+found'), {
    mountFdError: null, nameToHandle: 'EPERM', handleType: null, open: 'OK', ino: 2, names: ['etc', 'usr', 'lost+found'],
  });
  t.like(parseHelperLine('name_to_handle=0 type=1 bytes=8 open=116'), { nameToHandle: 'OK', handleType: 1, open: 'ESTALE', names: null });
  t.like(parseHelperLine('mount_fd=13'), { mountFdError: 'EACCES', open: null });
  t.is(parseHelperLine('garbage'), null);
  // A file name with spaces stays whole: only '/' separates names.
  t.deepEqual(parseHelperLine('name_to_handle=0 type=1 bytes=8 open=0 ino=2 names=a b/c')?.names, ['a b', 'c']);
});

test('handleCandidates: one file per block-backed host file system, the runtime\'s own binds first', (t) => {
  const mounts = parseMountInfo([
    '100 90 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w',
    '101 100 0:53 / /dev rw,nosuid - tmpfs tmpfs rw,size=65536k,mode=755',
    '102 100 254:0 /data /data rw,relatime - ext4 /dev/vda rw',
    '103 100 254:0 /var/lib/docker/containers/abc/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/vda rw',
    '104 100 254:0 /var/lib/docker/containers/abc/hosts /etc/hosts rw,relatime - ext4 /dev/vda rw',
    '105 100 8:1 /srv /srv ro,relatime - xfs /dev/sda1 rw',
    '106 100 0:60 / /mnt/nfs rw - nfs4 host:/x rw',
  ].join('\n'));
  t.deepEqual(handleCandidates(mounts).map((m) => m.mountPoint), ['/etc/resolv.conf', '/srv']);
  t.deepEqual(handleCandidates(mounts.slice(0, 2)), []);
});

test('the check runs the helper where the image ships it', (t) => {
  t.is(FHANDLE_HELPER, FHANDLE_PATH_IN_IMAGE);
});
