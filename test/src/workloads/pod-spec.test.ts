/** Pod spec fields -> posture keys, one field at a time, with what is not reproduced. */
import test from 'ava';
import { parseManifests } from '../../../src/workloads/manifest.js';

const derive = (spec: string, container = '', annotations = '') => {
  const text = `kind: Pod\nmetadata: { name: p, namespace: ns${annotations ? `, annotations: { ${annotations} }` : ''} }\nspec:\n${spec ? `${spec}\n` : ''}  containers:\n    - name: c\n${container}`;
  return parseManifests([{ file: 'm.yaml', text }]).scenarios[0];
};

test('user: runAsUser/runAsGroup from the container over the pod; unset means root, runAsNonRoot means the probe user', (t) => {
  t.is(derive('  securityContext: { runAsUser: 5, runAsGroup: 6 }', '      securityContext: { runAsUser: 7 }').posture.user, '7:6');
  const unset = derive('');
  t.is(unset.posture.user, 0);
  t.true(unset.notReproduced.some((n) => /assumes the worst case, root/.test(n)));
  t.is(derive('  securityContext: { runAsNonRoot: true }').posture.user, 65534);
});

test('host namespaces, runtime class, token automount, shareProcessNamespace, hostUsers', (t) => {
  const s = derive('  hostPID: true\n  hostNetwork: true\n  hostIPC: true\n  hostUsers: false\n  shareProcessNamespace: true\n  runtimeClassName: gvisor\n  automountServiceAccountToken: false');
  t.like(s.posture, { hostPID: true, hostNetwork: true, hostIPC: true, hostUsers: false, shareProcessNamespace: true, runtime: 'gvisor', automountServiceAccountToken: false });
  t.true(s.sources.some((f) => f.key === 'hostNetwork' && f.field === 'spec.hostNetwork: true'));
});

test('container securityContext: privileged, capabilities, allowPrivilegeEscalation, readOnlyRootFilesystem, procMount', (t) => {
  const s = derive('', '      securityContext: { privileged: true, capabilities: { add: [NET_ADMIN, CAP_BOGUS], drop: [ALL] }, allowPrivilegeEscalation: true, readOnlyRootFilesystem: true, procMount: Unmasked }');
  t.like(s.posture, { privileged: true, capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, noNewPrivileges: false, readOnlyRootFilesystem: true, procMount: 'Unmasked' });
  t.true(s.notReproduced.some((n) => /unknown capability 'CAP_BOGUS' left out/.test(n)));
});

test('seccomp, AppArmor (field and legacy annotation), SELinux: pod-level unless the container overrides', (t) => {
  const s = derive('  securityContext: { seccompProfile: { type: Localhost, localhostProfile: prof/a.json }, seLinuxOptions: { type: spc_t } }', '      securityContext: { appArmorProfile: { type: Unconfined } }');
  t.deepEqual(s.posture.seccomp, { localhostProfile: 'prof/a.json' });
  t.is(s.posture.apparmor, 'unconfined');
  t.deepEqual(s.posture.selinux, { type: 'spc_t' });
  t.is(derive('', '      securityContext: { seccompProfile: { type: Unconfined } }').posture.seccomp, 'unconfined');
  t.deepEqual(derive('', '', '"container.apparmor.security.beta.kubernetes.io/c": localhost/k8s-nginx').posture.apparmor, { localhostProfile: 'k8s-nginx' });
});

test('pod securityContext: sysctls, supplementalGroups, fsGroup', (t) => {
  const s = derive('  securityContext: { sysctls: [{ name: net.ipv4.ping_group_range, value: "0 1" }], supplementalGroups: [4, 5], fsGroup: 9 }');
  t.like(s.posture, { sysctls: { 'net.ipv4.ping_group_range': '0 1' }, supplementalGroups: [4, 5], fsGroup: 9 });
});

test('volumes: hostPath typed (never creating), subPath, secrets and config maps as empty stand-ins, a projected token, claims not reproduced', (t) => {
  const s = derive(
    [
      '  volumes:',
      '    - { name: sock, hostPath: { path: /run/containerd/containerd.sock, type: Socket } }',
      '    - { name: logs, hostPath: { path: /var/log, type: DirectoryOrCreate } }',
      '    - { name: etc, hostPath: { path: /etc } }',
      '    - { name: cert, secret: { secretName: tls } }',
      '    - { name: cfg, configMap: { name: cfg } }',
      '    - { name: tok, projected: { sources: [{ serviceAccountToken: { path: t } }, { configMap: { name: x } }] } }',
      '    - { name: data, persistentVolumeClaim: { claimName: data } }',
      '    - { name: scratch, emptyDir: { medium: Memory } }',
    ].join('\n'),
    '      volumeMounts:\n        - { name: sock, mountPath: /s.sock }\n        - { name: logs, mountPath: /logs, readOnly: true, mountPropagation: HostToContainer }\n        - { name: etc, mountPath: /h, subPath: shadow }\n        - { name: cert, mountPath: /tls }\n        - { name: cfg, mountPath: /cfg }\n        - { name: tok, mountPath: /tok }\n        - { name: data, mountPath: /data }\n        - { name: scratch, mountPath: /scratch }',
  );
  t.deepEqual(s.posture.mounts, [
    { hostPath: '/run/containerd/containerd.sock', path: '/s.sock', type: 'Socket' },
    { hostPath: '/var/log', path: '/logs', readOnly: true, type: 'Directory' },
    { hostPath: '/etc/shadow', path: '/h' },
  ]);
  t.deepEqual(s.posture.volumes, [
    { kind: 'emptyDir', path: '/tls', readOnly: true },
    { kind: 'emptyDir', path: '/cfg', readOnly: true },
    { kind: 'projected', path: '/tok', serviceAccountToken: true },
    { kind: 'emptyDir', path: '/scratch', medium: 'Memory' },
  ]);
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /volume logs: hostPath type DirectoryOrCreate reproduced as Directory/);
  t.regex(notes, /volume logs: mountPropagation HostToContainer not reproduced/);
  t.regex(notes, /volume cert: secret replaced by an empty stand-in \(content never read\)/);
  t.regex(notes, /volume cfg: configMap replaced by an empty stand-in/);
  t.regex(notes, /volume tok: projected secret\/configMap\/downwardAPI sources replaced by empty stand-ins/);
  t.regex(notes, /volume data: persistentVolumeClaim not reproduced/);
});

test('placement and host ports are reported, never reproduced; the service account is carried for later resolution', (t) => {
  const s = derive('  nodeSelector: { disk: ssd }\n  serviceAccountName: deployer', '      ports: [{ containerPort: 80, hostPort: 8080 }]');
  t.regex(s.notReproduced.join('\n'), /nodeSelector: placement not reproduced, left to the scheduler/);
  t.regex(s.notReproduced.join('\n'), /hostPort 8080 not reproduced/);
  t.is(s.serviceAccountName, 'deployer');
  t.is(s.posture.serviceAccount, undefined);
});

test('Windows host process, strict supplemental groups and DRA devices are reported as not reproduced', (t) => {
  const s = derive('  securityContext: { supplementalGroupsPolicy: Strict }\n  resourceClaims: [{ name: gpu, resourceClaimName: gpu }]', '      securityContext: { windowsOptions: { hostProcess: true } }');
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /windowsOptions\.hostProcess: a Windows host process container is not reproduced/);
  t.regex(notes, /supplementalGroupsPolicy: Strict not reproduced/);
  t.regex(notes, /resourceClaims: devices allocated through dynamic resource allocation are not reproduced/);
});
