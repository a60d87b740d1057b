/** What root in the probe's container could do with a kernel file the probe was refused. */
import test from 'ava';
import { hostRootIn, rootCouldOpen, sysAdminObtainable, type ContainerRoot } from '../../../probes/lib/container-root.js';
import { parseIdMap } from '../../../probes/lib/proc.js';

const noUserns: ContainerRoot = { euid: 1000, uidMapRead: true, hostRootUid: 0, initialUserNamespace: true, sysAdminEffective: false, sysAdminBounding: false };
const remapped: ContainerRoot = { euid: 0, uidMapRead: true, hostRootUid: null, initialUserNamespace: false, sysAdminEffective: false, sysAdminBounding: false };
const rwFile = { path: '/host/proc/sys/kernel/core_pattern', mountReadOnly: false, mode: 0o644, uid: 0, gid: 0, open: { writable: false, error: 'EACCES' } };

test('hostRootIn finds the container uid that is host uid 0, in any range', (t) => {
  t.is(hostRootIn(parseIdMap('0 0 4294967295')), 0);
  t.is(hostRootIn(parseIdMap('0 100000 65536')), null);
  t.is(hostRootIn(parseIdMap('1000 0 1')), 1000);
  t.is(hostRootIn(parseIdMap('0 100000 1000\n1000 0 1\n1001 101001 64535')), 1000);
});

test('a non-root probe refused a host-root file on a read-write mount: root in the container could open it', (t) => {
  const r = rootCouldOpen(rwFile, noUserns);
  t.is(r.could, 'yes');
  t.regex(r.why, /uid 1000 was refused/);
});

test('the same refusal holds for root itself, and in a user namespace that does not map host root', (t) => {
  t.is(rootCouldOpen(rwFile, { ...noUserns, euid: 0 }).could, 'no');
  t.is(rootCouldOpen({ ...rwFile, uid: 65534 }, { ...remapped, euid: 1000 }).could, 'no');
});

test('host uid 0 mapped at container uid 1000: a probe at uid 0 does not speak for uid 1000', (t) => {
  const weird: ContainerRoot = { ...remapped, euid: 0, hostRootUid: 1000 };
  t.is(rootCouldOpen({ ...rwFile, uid: 1000 }, weird).could, 'yes');
});

test('missing owner, mode, uid or uid_map is unknown, never a refusal', (t) => {
  t.is(rootCouldOpen({ ...rwFile, mode: undefined, uid: undefined }, noUserns).could, 'unknown');
  t.is(rootCouldOpen(rwFile, undefined).could, 'unknown');
  t.is(rootCouldOpen(rwFile, { ...noUserns, uidMapRead: false }).could, 'unknown');
  t.is(rootCouldOpen({ ...rwFile, mountReadOnly: null }, noUserns).could, 'unknown');
  t.is(rootCouldOpen({ ...rwFile, uid: 500, mode: 0o666 }, noUserns).could, 'unknown');
});

test('a read-only mount stops root unless CAP_SYS_ADMIN without a user namespace can remount it', (t) => {
  const ro = { ...rwFile, mountReadOnly: true, open: { writable: false, error: 'EROFS' } };
  t.is(rootCouldOpen(ro, noUserns).could, 'no');
  t.is(rootCouldOpen(ro, { ...noUserns, sysAdminBounding: true }).could, 'unknown');
  t.is(rootCouldOpen(ro, { ...noUserns, sysAdminBounding: null }).could, 'unknown');
  t.is(rootCouldOpen(ro, { ...remapped, sysAdminBounding: true }).could, 'no', 'a user namespace locks the mount flags');
});

test('sysAdminObtainable reads the bounding set, not only the effective one', (t) => {
  t.false(sysAdminObtainable(noUserns));
  t.true(sysAdminObtainable({ ...noUserns, sysAdminBounding: true }));
  t.true(sysAdminObtainable({ ...noUserns, sysAdminEffective: true }));
  t.false(sysAdminObtainable({ ...remapped, sysAdminBounding: true }));
  t.is(sysAdminObtainable({ ...noUserns, initialUserNamespace: null, sysAdminBounding: true }), null);
  t.is(sysAdminObtainable(undefined), null);
});
