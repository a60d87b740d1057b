/** Suite validation of the workload posture keys: valid values load, bad ones name file:line:col. */
import test from 'ava';
import { parseSuite } from '../../../src/suite/load.js';
import { UsageError } from '../../../src/errors.js';

const suite = (posture: string) => `name: s\nscenarios:\n  - name: a\n    posture:\n${posture.split('\n').map((l) => `      ${l}`).join('\n')}\n`;
const load = (posture: string) => parseSuite(suite(posture), 'f.yaml').scenarios[0].posture;
const bad = (posture: string) => {
  try {
    parseSuite(suite(posture), 'f.yaml');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected the suite to be refused');
};

test('seccomp and apparmor: keywords or a localhostProfile', (t) => {
  t.deepEqual(load('seccomp: { localhostProfile: profiles/allow.json }').seccomp, { localhostProfile: 'profiles/allow.json' });
  t.is(load('seccomp: unconfined').seccomp, 'unconfined');
  t.deepEqual(load('apparmor: { localhostProfile: k8s-nginx }').apparmor, { localhostProfile: 'k8s-nginx' });
  t.regex(bad('seccomp: { localhost: x }'), /f\.yaml:5:18: unknown key 'localhost' in posture\.seccomp/);
  t.regex(bad('seccomp: {}'), /f\.yaml:5:16: posture\.seccomp needs localhostProfile/);
  t.regex(bad('apparmor: { localhostProfile: "two words" }'), /f\.yaml:5:37: posture\.apparmor\.localhostProfile 'two words' is invalid/);
  t.regex(bad('seccomp: default'), /f\.yaml:5:16: posture\.seccomp \(or \{localhostProfile: \.\.\.\}\) must be one of runtime-default, unconfined/);
});

test('selinux: known parts only, label characters', (t) => {
  t.deepEqual(load('selinux: { type: spc_t, level: "s0:c1,c2" }').selinux, { type: 'spc_t', level: 's0:c1,c2' });
  t.regex(bad('selinux: { kind: x }'), /f\.yaml:5:18: unknown key 'kind' in posture\.selinux/);
  t.regex(bad('selinux: { type: "a b" }'), /f\.yaml:5:24: posture\.selinux\.type 'a b' is invalid/);
});

test('sysctls: names and scalar values', (t) => {
  t.deepEqual(load('sysctls: { net.ipv4.ip_unprivileged_port_start: 0, kernel.shm_rmid_forced: "1" }').sysctls, { 'net.ipv4.ip_unprivileged_port_start': '0', 'kernel.shm_rmid_forced': '1' });
  t.regex(bad('sysctls: { "Net Bad": 1 }'), /f\.yaml:5:18: posture\.sysctls: 'Net Bad' is not a sysctl name/);
  t.regex(bad('sysctls: { kernel.x: [1] }'), /f\.yaml:5:28: posture\.sysctls\.kernel\.x must be a string or number, got a list/);
  t.regex(bad('sysctls: [a]'), /f\.yaml:5:16: posture\.sysctls must be a mapping/);
});

test('procMount, hostUsers, shareProcessNamespace', (t) => {
  t.deepEqual(load('procMount: Unmasked\nhostUsers: false\nshareProcessNamespace: true'), { procMount: 'Unmasked', hostUsers: false, shareProcessNamespace: true });
  t.regex(bad('procMount: unmasked'), /f\.yaml:5:18: posture\.procMount must be one of Default, Unmasked/);
  t.regex(bad('hostUsers: "no"'), /f\.yaml:5:18: posture\.hostUsers must be true or false/);
});

test('supplementalGroups and fsGroup: group ids', (t) => {
  t.deepEqual(load('supplementalGroups: [10, 4294967294]\nfsGroup: 0'), { supplementalGroups: [10, 4294967294], fsGroup: 0 });
  t.regex(bad('supplementalGroups: [4294967295]'), /f\.yaml:5:28: posture\.supplementalGroups\[0\] must be a group id/);
  t.regex(bad('fsGroup: -1'), /f\.yaml:5:16: posture\.fsGroup must be a group id/);
});

test('volumes: kind and path required, medium and token only where they apply', (t) => {
  t.deepEqual(load('volumes: [{ kind: emptyDir, path: /cache, medium: Memory }, { kind: projected, path: /t, serviceAccountToken: true, readOnly: true }]').volumes, [
    { kind: 'emptyDir', path: '/cache', medium: 'Memory' },
    { kind: 'projected', path: '/t', readOnly: true, serviceAccountToken: true },
  ]);
  t.regex(bad('volumes: [{ kind: secret, path: /s }]'), /f\.yaml:5:25: posture\.volumes\[0\]\.kind must be one of emptyDir, projected/);
  t.regex(bad('volumes: [{ kind: emptyDir }]'), /f\.yaml:5:17: posture\.volumes\[0\] needs kind and path/);
  t.regex(bad('volumes: [{ kind: projected, path: /p, medium: Memory }]'), /posture\.volumes\[0\]\.medium applies to kind emptyDir only/);
  t.regex(bad('volumes: [{ kind: emptyDir, path: rel }]'), /posture\.volumes\[0\]\.path 'rel' is invalid: must be an absolute path/);
});
