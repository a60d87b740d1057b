/** docker inspect -> derived scenario, field by field. */
import test from 'ava';
import { deriveFromInspect } from '../../../src/workloads/container.js';

const derive = (info: Parameters<typeof deriveFromInspect>[0]) => deriveFromInspect({ Name: '/app', ...info }, 'runc', (v) => (v.startsWith('{') ? '/tmp/profile.json' : undefined));

test('a default container: only the unknown user is assumed (root) and said so', (t) => {
  const s = derive({ Config: { User: '' }, HostConfig: { NetworkMode: 'default', IpcMode: 'private', PidMode: '', Runtime: 'runc' } });
  t.is(s.name, 'container/app');
  t.deepEqual(s.posture, { user: 0 });
  t.regex(s.notReproduced.join(), /Config\.User: unset; the image decides its user/);
});

test('HostConfig fields become posture keys', (t) => {
  const s = derive({
    Config: { User: '1000:1000' },
    Mounts: [{ Type: 'bind', Source: '/var/run/docker.sock', Destination: '/var/run/docker.sock', RW: false }, { Type: 'volume', Name: 'data', Source: '/var/lib/docker/volumes/data/_data', Destination: '/data', RW: true }, { Type: 'tmpfs', Destination: '/scratch' }],
    HostConfig: {
      Privileged: true, CapAdd: ['CAP_SYS_ADMIN'], CapDrop: ['NET_RAW'], Devices: [{ PathOnHost: '/dev/fuse', PathInContainer: '/dev/fuse' }],
      PidMode: 'host', NetworkMode: 'host', IpcMode: 'host', UTSMode: 'host', UsernsMode: 'host', CgroupnsMode: 'host',
      SecurityOpt: ['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}', 'apparmor=my-profile', 'label=type:spc_t', 'no-new-privileges'],
      ReadonlyRootfs: true, Sysctls: { 'net.ipv4.ip_forward': '1' }, Runtime: 'runsc', GroupAdd: ['44'], Tmpfs: { '/run': 'rw' },
    },
  });
  t.like(s.posture, {
    privileged: true, capabilities: { add: ['CAP_SYS_ADMIN'], drop: ['NET_RAW'] }, devices: ['/dev/fuse'], hostPID: true, hostNetwork: true, hostIPC: true, hostUsers: true,
    seccomp: { localhostProfile: '/tmp/profile.json' }, apparmor: { localhostProfile: 'my-profile' }, selinux: { type: 'spc_t' }, noNewPrivileges: true,
    readOnlyRootFilesystem: true, sysctls: { 'net.ipv4.ip_forward': '1' }, runtime: 'runsc', supplementalGroups: [44], user: '1000:1000',
  });
  t.deepEqual(s.posture.mounts, [{ hostPath: '/var/run/docker.sock', path: '/var/run/docker.sock', readOnly: true }]);
  t.deepEqual(s.posture.volumes, [{ kind: 'emptyDir', path: '/scratch', medium: 'Memory' }, { kind: 'emptyDir', path: '/run', medium: 'Memory' }]);
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /HostConfig\.UTSMode: host not reproduced/);
  t.regex(notes, /HostConfig\.CgroupnsMode: host not reproduced/);
  t.regex(notes, /Mounts: volume data at \/data not reproduced/);
});

test('namespaces joined from another container, a named user, an unmasked /proc, an unreadable profile', (t) => {
  const s = derive({ Config: { User: 'nginx' }, HostConfig: { NetworkMode: 'container:abc', PidMode: 'container:abc', MaskedPaths: [], SecurityOpt: ['seccomp=not-json'] } });
  t.is(s.posture.procMount, 'Unmasked');
  t.is(s.posture.user, 0);
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /HostConfig\.NetworkMode: container:abc not reproduced/);
  t.regex(notes, /'nginx' is a name, not resolvable outside the image/);
  t.regex(notes, /seccomp profile 'seccomp=not-json' could not be read/);
  t.is(s.posture.seccomp, undefined);
});

test('device cgroup rules, device requests and published ports are reported as not reproduced', (t) => {
  const s = derive({ HostConfig: { DeviceCgroupRules: ['c *:* rwm'], DeviceRequests: [{ Driver: 'nvidia' }], PortBindings: { '80/tcp': [{ HostPort: '8080' }] } } });
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /DeviceCgroupRules: c \*:\* rwm not reproduced/);
  t.regex(notes, /DeviceRequests: GPU and other requested devices not reproduced/);
  t.regex(notes, /PortBindings: published ports not reproduced/);
});
