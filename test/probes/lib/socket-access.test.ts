/** Why a connect to a socket file was refused: LSM, nobody in the container, or only this uid. */
import test from 'ava';
import { judgeDenial, type ProberFacts } from '../../../probes/lib/socket-access.js';

const DEFAULT_CAPS = ['CHOWN', 'DAC_OVERRIDE', 'FOWNER', 'FSETID', 'KILL', 'SETGID', 'SETUID', 'SETPCAP', 'NET_BIND_SERVICE', 'NET_RAW', 'SYS_CHROOT', 'MKNOD', 'AUDIT_WRITE', 'SETFCAP'];
const root: ProberFacts = { uid: 0, gids: [0], effective: DEFAULT_CAPS, bounding: DEFAULT_CAPS, userNamespaced: false, lsmLabel: null };
const user: ProberFacts = { uid: 4242, gids: [4242], effective: [], bounding: DEFAULT_CAPS, userNamespaced: false, lsmLabel: null };
const dockerSock = { mode: 0o660, uid: 0, gid: 111 };
const SELINUX = 'system_u:system_r:container_t:s0:c1,c2';

test('root with DAC_OVERRIDE refused: the LSM refused it (never broken)', (t) => {
  t.is(judgeDenial(dockerSock, { ...root, lsmLabel: SELINUX }).kind, 'lsm');
  t.is(judgeDenial(dockerSock, root).kind, 'unknown', 'no label visible: cannot name the cause');
});

test('non-root refused by file permissions: root in the container passes them, unless a confining LSM may still refuse', (t) => {
  t.is(judgeDenial(dockerSock, user).kind, 'root-could');
  t.is(judgeDenial(dockerSock, { ...user, bounding: [] }).kind, 'root-could', 'uid 0 owns the socket: no capability needed');
  t.is(judgeDenial(dockerSock, { ...user, lsmLabel: SELINUX }).kind, 'unknown');
  t.is(judgeDenial(dockerSock, { ...user, lsmLabel: 'docker-default (enforce)' }).kind, 'unknown');
  t.is(judgeDenial(dockerSock, { ...user, lsmLabel: 'unconfined' }).kind, 'root-could');
});

test('owner and group unmapped in a user namespace: nobody in the container passes (unless others may write)', (t) => {
  const unmapped = { mode: 0o660, uid: 65534, gid: 65534 };
  t.is(judgeDenial(unmapped, { ...user, userNamespaced: true }).kind, 'nobody');
  t.is(judgeDenial({ ...unmapped, mode: 0o666 }, { ...user, userNamespaced: true }).kind, 'unknown', 'others may write: DAC lets this uid in, no label visible');
  t.is(judgeDenial(unmapped, { ...user, userNamespaced: null }).kind, 'root-could', 'unknown mapping never excuses a refusal');
});

test('a socket owned by another uid with no capability to assume it: nobody passes', (t) => {
  t.is(judgeDenial({ mode: 0o600, uid: 1234, gid: 1234 }, { ...user, bounding: [] }).kind, 'nobody');
  t.is(judgeDenial({ mode: 0o600, uid: 1234, gid: 1234 }, { ...user, bounding: ['SETUID'] }).kind, 'root-could');
});

test('missing facts are unknown, never a pass', (t) => {
  t.is(judgeDenial(null, user).kind, 'unknown');
  t.is(judgeDenial(dockerSock, null).kind, 'unknown');
  t.is(judgeDenial({ mode: '660', uid: 0, gid: 0 } as never, user).kind, 'unknown');
});
