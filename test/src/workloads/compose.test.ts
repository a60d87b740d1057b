/** Compose services -> derived scenarios, field by field, and bad input at file:line:col. */
import test from 'ava';
import path from 'node:path';
import { loadCompose, parseCompose } from '../../../src/workloads/compose-file.js';
import { UsageError } from '../../../src/errors.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const service = (body: string) => parseCompose(`name: app\nservices:\n  s:\n${body.split('\n').map((l) => `    ${l}`).join('\n')}\n`, '/srv/app/compose.yaml')[0];

test('the fixture project: one scenario per service, named compose/PROJECT/SERVICE', (t) => {
  const scenarios = loadCompose(path.join(REPO_ROOT, 'test', 'fixtures', 'workloads', 'compose.yaml'));
  t.deepEqual(scenarios.map((s) => s.name), ['compose/shop/builder', 'compose/shop/debugger', 'compose/shop/web']);
});

test('privileged, capabilities, devices, namespaces, read_only, user, sysctls, runtime, group_add', (t) => {
  const s = service('privileged: true\ncap_add: [SYS_ADMIN, bogus]\ncap_drop: [ALL]\ndevices: ["/dev/fuse:/dev/fuse:rwm", { source: /dev/kvm, target: /dev/kvm }]\npid: host\nnetwork_mode: host\nipc: host\nuts: host\nuserns_mode: host\nread_only: true\nuser: "1000:1000"\nsysctls: [net.core.somaxconn=1024]\nruntime: runsc\ngroup_add: [10, wheel]');
  t.like(s.posture, { privileged: true, capabilities: { add: ['SYS_ADMIN'], drop: ['ALL'] }, devices: ['/dev/fuse', '/dev/kvm'], hostPID: true, hostNetwork: true, hostIPC: true, hostUsers: true, readOnlyRootFilesystem: true, user: '1000:1000', sysctls: { 'net.core.somaxconn': '1024' }, runtime: 'runsc', supplementalGroups: [10] });
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /unknown capability 'bogus'/);
  t.regex(notes, /uts: host not reproduced/);
  t.regex(notes, /group_add: group names not reproduced/);
});

test('security_opt: seccomp file (relative to the compose file), apparmor, labels, no-new-privileges, systempaths', (t) => {
  const s = service('security_opt: ["seccomp=./profiles/allow.json", "apparmor=unconfined", "label=type:spc_t", "label:level:s0", "no-new-privileges:true", "systempaths=unconfined"]');
  t.like(s.posture, { seccomp: { localhostProfile: '/srv/app/profiles/allow.json' }, apparmor: 'unconfined', selinux: { type: 'spc_t', level: 's0' }, noNewPrivileges: true, procMount: 'Unmasked' });
  t.is(service('security_opt: [seccomp:unconfined, no-new-privileges]').posture.seccomp, 'unconfined');
});

test('volumes: binds (absolute and relative), named and anonymous volumes noted, tmpfs, secrets as empty stand-ins; no user means root', (t) => {
  const s = service('volumes:\n  - /var/run/docker.sock:/var/run/docker.sock:ro\n  - ./data:/data\n  - cache:/cache\n  - /anon\n  - { type: bind, source: /etc, target: /host-etc, read_only: true }\n  - { type: tmpfs, target: /scratch }\ntmpfs: /run\nsecrets: [token]');
  t.deepEqual(s.posture.mounts, [
    { hostPath: '/var/run/docker.sock', path: '/var/run/docker.sock', readOnly: true },
    { hostPath: '/srv/app/data', path: '/data' },
    { hostPath: '/etc', path: '/host-etc', readOnly: true },
  ]);
  t.deepEqual(s.posture.volumes, [{ kind: 'emptyDir', path: '/scratch', medium: 'Memory' }, { kind: 'emptyDir', path: '/run', medium: 'Memory' }, { kind: 'emptyDir', path: '/run/secrets/token', readOnly: true }]);
  const notes = s.notReproduced.join('\n');
  t.regex(notes, /volumes\[2\]: named volume at \/cache not reproduced/);
  t.regex(notes, /volumes\[3\]: named volume at \/anon not reproduced/);
  t.regex(notes, /secrets: token replaced by an empty stand-in \(content never read\)/);
  t.is(s.posture.user, 0);
  t.regex(notes, /user: unset; the image decides its user, the probe assumes the worst case, root/);
});

test('bad compose input: file:line:col, every problem at once', (t) => {
  const err = t.throws(() => parseCompose('services:\n  a:\n    privileged: "yes"\n    cap_add: SYS_ADMIN\n', 'c.yaml'), { instanceOf: UsageError })!;
  t.regex(err.message, /c\.yaml:3:17: services\.a\.privileged must be true or false/);
  t.regex(err.message, /c\.yaml:4:14: services\.a\.cap_add must be a list/);
  t.throws(() => parseCompose('version: "3"\n', 'c.yaml'), { message: /c\.yaml:1:1: a compose file needs services/ });
  t.throws(() => parseCompose('services: [\n', 'c.yaml'), { message: /c\.yaml:\d+:\d+: invalid YAML/ });
  t.throws(() => loadCompose('/nonexistent/compose.yaml'), { message: /--from-compose: not found/ });
});

test('device cgroup rules and reserved devices are reported as not reproduced', (t) => {
  const s = service('device_cgroup_rules: ["c 1:3 mr"]\ndeploy: { resources: { reservations: { devices: [{ capabilities: [gpu] }] } } }');
  t.regex(s.notReproduced.join('\n'), /device_cgroup_rules: not reproduced/);
  t.regex(s.notReproduced.join('\n'), /deploy\.resources\.reservations\.devices: GPU/);
});
