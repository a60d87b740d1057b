/** The posture keys real workloads use, translated for Docker and for a Pod spec, key by key. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dockerIgnoredKeys, postureToDocker } from '../../../src/posture/docker.js';
import { postureToPod } from '../../../src/posture/kubernetes.js';
import { readSeccompProfile } from '../../../src/posture/seccomp-file.js';
import type { Posture } from '../../../src/posture/types.js';
import { UsageError } from '../../../src/errors.js';

const opts = { name: 'p', namespace: 'ns', image: 'escapekit/probe:abc', labels: {}, agentConfig: '{}' };
const pod = (p: Posture) => postureToPod(p, opts).spec!;
const host = (p: Posture) => postureToDocker(p, '/var/lib/docker', (f) => `<profile ${f}>`).HostConfig!;

test('seccomp localhostProfile: Docker sends the file inline, Kubernetes names a Localhost profile', (t) => {
  t.deepEqual(host({ seccomp: { localhostProfile: 'allow.json' } }).SecurityOpt, ['seccomp=<profile allow.json>']);
  t.deepEqual(pod({ seccomp: { localhostProfile: 'profiles/allow.json' } }).containers[0].securityContext!.seccompProfile, { type: 'Localhost', localhostProfile: 'profiles/allow.json' });
});

test('a Docker seccomp profile file is read, compacted and checked', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-seccomp-'));
  writeFileSync(path.join(dir, 'ok.json'), '{\n  "defaultAction": "SCMP_ACT_ALLOW"\n}\n');
  writeFileSync(path.join(dir, 'bad.json'), '{ nope');
  writeFileSync(path.join(dir, 'array.json'), '[]');
  t.is(readSeccompProfile(path.join(dir, 'ok.json')), '{"defaultAction":"SCMP_ACT_ALLOW"}');
  t.is(postureToDocker({ seccomp: { localhostProfile: path.join(dir, 'ok.json') } }).HostConfig!.SecurityOpt![0], 'seccomp={"defaultAction":"SCMP_ACT_ALLOW"}');
  t.throws(() => readSeccompProfile(path.join(dir, 'bad.json')), { instanceOf: UsageError, message: /not valid JSON/ });
  t.throws(() => readSeccompProfile(path.join(dir, 'array.json')), { instanceOf: UsageError, message: /defaultAction/ });
  t.throws(() => readSeccompProfile(path.join(dir, 'missing.json')), { instanceOf: UsageError, message: /seccomp profile not found/ });
});

test('apparmor localhostProfile: a profile name on both platforms', (t) => {
  t.deepEqual(host({ apparmor: { localhostProfile: 'k8s-nginx' } }).SecurityOpt, ['apparmor=k8s-nginx']);
  t.deepEqual(pod({ apparmor: { localhostProfile: 'k8s-nginx' } }).containers[0].securityContext!.appArmorProfile, { type: 'Localhost', localhostProfile: 'k8s-nginx' });
});

test('selinux: label options on Docker, seLinuxOptions on the container', (t) => {
  const selinux = { type: 'spc_t', level: 's0:c1,c2' };
  t.deepEqual(host({ selinux }).SecurityOpt, ['label=type:spc_t', 'label=level:s0:c1,c2']);
  t.deepEqual(pod({ selinux }).containers[0].securityContext!.seLinuxOptions, selinux);
});

test('sysctls: HostConfig.Sysctls, pod-level securityContext.sysctls', (t) => {
  const sysctls = { 'net.ipv4.ip_unprivileged_port_start': '0', 'kernel.shm_rmid_forced': '1' };
  t.deepEqual(host({ sysctls }).Sysctls, sysctls);
  t.deepEqual(pod({ sysctls }).securityContext!.sysctls, [{ name: 'net.ipv4.ip_unprivileged_port_start', value: '0' }, { name: 'kernel.shm_rmid_forced', value: '1' }]);
});

test('procMount Unmasked: no masked or read-only paths on Docker, procMount on the container', (t) => {
  const h = host({ procMount: 'Unmasked' }) as Record<string, unknown>;
  t.deepEqual(h.MaskedPaths, []);
  t.deepEqual(h.ReadonlyPaths, []);
  t.is((host({ procMount: 'Default' }) as Record<string, unknown>).MaskedPaths, undefined);
  t.is(pod({ procMount: 'Unmasked' }).containers[0].securityContext!.procMount, 'Unmasked');
});

test('hostUsers: spec.hostUsers on Kubernetes; Docker only opts out of a remapping engine, and says when it cannot apply false', (t) => {
  t.is(pod({ hostUsers: false }).hostUsers, false);
  t.is(host({ hostUsers: true }).UsernsMode, 'host');
  t.is(host({ hostUsers: false }).UsernsMode, undefined);
  t.regex(dockerIgnoredKeys({ hostUsers: false }).join(), /hostUsers \(this engine has no userns-remap/);
  t.deepEqual(dockerIgnoredKeys({ hostUsers: false }, { usernsRemap: true }), []);
});

test('supplementalGroups and fsGroup', (t) => {
  t.deepEqual(host({ supplementalGroups: [10, 20] }).GroupAdd, ['10', '20']);
  const spec = pod({ supplementalGroups: [10, 20], fsGroup: 2000 });
  t.deepEqual(spec.securityContext, { supplementalGroups: [10, 20], fsGroup: 2000 });
  t.regex(dockerIgnoredKeys({ fsGroup: 1 }).join(), /^fsGroup \(Kubernetes only/);
});

test('volumes: emptyDir and projected become tmpfs on Docker; a token is projected only when asked; /tmp stays the probe tmpfs', (t) => {
  const volumes = [{ kind: 'emptyDir' as const, path: '/cache', medium: 'Memory' as const }, { kind: 'projected' as const, path: '/var/run/token', readOnly: true, serviceAccountToken: true }, { kind: 'projected' as const, path: '/etc/cfg', readOnly: true }, { kind: 'emptyDir' as const, path: '/tmp' }];
  const tmpfs = host({ volumes }).Tmpfs!;
  t.deepEqual(Object.keys(tmpfs), ['/tmp', '/cache', '/var/run/token', '/etc/cfg']);
  t.regex(tmpfs['/etc/cfg'], /^ro,/);
  t.regex(dockerIgnoredKeys({ volumes }).join(), /serviceAccountToken/);
  const spec = pod({ volumes });
  t.deepEqual(spec.volumes!.slice(1), [
    { name: 'vol-0', emptyDir: { medium: 'Memory' } },
    { name: 'vol-1', projected: { sources: [{ serviceAccountToken: { path: 'token' } }] } },
    { name: 'vol-2', emptyDir: {} },
  ]);
  t.deepEqual(spec.containers[0].volumeMounts!.map((m) => m.mountPath), ['/tmp', '/cache', '/var/run/token', '/etc/cfg']);
});

test('shareProcessNamespace: set on the pod; Docker says it cannot', (t) => {
  t.is(pod({ shareProcessNamespace: true }).shareProcessNamespace, true);
  t.regex(dockerIgnoredKeys({ shareProcessNamespace: true }).join(), /shareProcessNamespace/);
});
