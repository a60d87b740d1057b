/**
 * Negative controls on real engines: the shipped suites under gVisor (runtime runsc on the
 * main engine) and on a second Docker engine with userns-remap (scripts/setup-sandboxes.sh).
 * What the sandbox or the user namespace stops must read holds from evidence, what it does not
 * stop must still read broken, and a posture the engine refuses is an error, never a verdict.
 */
import test from 'ava';
import Docker from 'dockerode';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report } from '../../src/model/report.js';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { missing } from '../helpers/require.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-sandbox-'));
const USERNS_HOST = 'unix:///run/escapekit-userns/docker.sock';
type Scenario = Report['scenarios'][number];
const check = (s: Scenario, id: string) => s.checks.find((c) => c.id === id)!;

test.serial('docker-sandbox under gVisor: every expectation met, sentry-owned interfaces hold from evidence, host folders stay broken', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const runtimes = ((await docker.info()) as { Runtimes?: Record<string, unknown> }).Runtimes ?? {};
  if (!('runsc' in runtimes)) return void missing(t, 'the Docker runtime runsc (run scripts/setup-sandboxes.sh)');
  const json = path.join(out, 'sandbox.json');
  const r = await runCli(['run', '--suite', 'docker-sandbox', '--report', `json=${json}`, '--report', 'console'], { timeoutMs: 300_000 });
  t.is(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const report = readReportFile(json);
  t.deepEqual(report.summary, { scenarios: 5, met: 5, unmet: 0, errors: 0 });
  for (const s of report.scenarios) t.is((s.environment as { sandbox?: unknown }).sandbox, 'gvisor', `${s.name}: the probe itself detected gVisor`);
  t.regex(`${r.stdout}\n${r.stderr}`, /layering: .*sandbox runtime gvisor between probe and host \(seen by [^)]+\)/);
  const scenario = (name: string) => report.scenarios.find((s) => s.name === name)!;
  const def = scenario('sandboxed-default');
  // Holds because the probe saw the sentry's own file systems, not because of the runtime's name.
  const mknod = check(def, 'mknod-attempt');
  t.is(mknod.status, 'holds', mknod.summary);
  t.like(mknod.evidence, { sandbox: 'gvisor', dirFsType: 'tmpfs', method: 'own-tmpfs' });
  const sysctl = check(def, 'proc-sys-writable');
  t.is(sysctl.status, 'holds', sysctl.summary);
  t.regex(sysctl.summary, /gVisor's own proc/);
  t.is(check(def, 'user-namespace-identity').status, 'broken', 'gVisor does not remap users');
  // No IPC namespace link inside gVisor: host-ipc holds from the sentry's own /dev/shm tmpfs, and capabilities without cap_last_cap.
  const ipc = check(def, 'host-ipc-namespace');
  t.is(ipc.status, 'holds', ipc.summary);
  t.like(ipc.evidence, { ipcNamespace: null, sandbox: 'gvisor', devShm: { outcome: 'mounted', fsType: 'tmpfs' } });
  t.is(check(def, 'privileged-capability-set').status, 'holds', check(def, 'privileged-capability-set').summary);
  const privileged = scenario('sandboxed-privileged');
  t.is(privileged.boundaries.capabilities, 'broken');
  t.is(check(privileged, 'proc-sys-writable').status, 'holds', 'the sentry\'s own /proc/sys even when privileged');
  for (const b of ['devices', 'host-filesystem', 'kernel-interfaces'] as const) t.is(privileged.boundaries[b], 'holds', `privileged ${b}: ${privileged.boundaryReasons?.[b]}`);
  // CAP_SYS_ADMIN without a user namespace: the cgroup checks hold only because the mount would be the sentry's own cgroupfs.
  t.regex(check(privileged, 'cgroup-release-agent').summary, /sentry's own cgroupfs/);
  t.like(check(privileged, 'host-cgroup-writable').evidence, { sandbox: 'gvisor', exposed: [] });
  // A mounted host folder is served by the gofer: the host's files, sandbox or not.
  const hostRoot = check(scenario('sandboxed-host-root-mounted'), 'host-root-mounted');
  t.is(hostRoot.status, 'broken', hostRoot.summary);
  t.true((hostRoot.evidence as { hostMounts: Array<{ fsType: string; mountPoint: string }> }).hostMounts.some((m) => m.mountPoint === '/host' && m.fsType === '9p'));
  t.is(scenario('sandboxed-runtime-socket-dir').boundaries['host-filesystem'], 'broken');
  t.deepEqual(await labelledContainers(docker, report.runId), []);
});

test.serial('shipped Docker suites on a userns-remap engine: baseline met with uid_map evidence, refused postures are errors, the rest as measured', async (t) => {
  const docker = new Docker({ socketPath: USERNS_HOST.slice('unix://'.length) });
  const up = await Promise.race([docker.ping().then(() => true, () => false), new Promise<boolean>((ok) => setTimeout(() => ok(false), 4000))]);
  if (!up) return void missing(t, `the userns-remap Docker engine at ${USERNS_HOST} (run scripts/setup-sandboxes.sh)`);
  const json = path.join(out, 'userns.json');
  const r = await runCli(['run', '--suite', 'docker-baseline', '--suite', 'docker-canaries', '--report', `json=${json}`], { timeoutMs: 400_000, env: { DOCKER_HOST: USERNS_HOST } });
  // The engine refuses four canary postures: the run reports them as errors (exit 2), never as verdicts.
  t.is(r.code, 2, r.stderr);
  const report = readReportFile(json);
  const scenario = (suite: string, name: string) => report.scenarios.find((s) => s.suite === suite && s.name === name)!;
  for (const name of ['engine-default', 'hardened']) {
    const s = scenario('docker-baseline', name);
    t.true(s.expectation?.met, `${name}: ${JSON.stringify(s.expectation)}`);
    t.is(s.boundaries['user-namespace'], 'holds');
    t.is(s.boundaries['host-filesystem'], 'holds', `${name}: ${s.boundaryReasons?.['host-filesystem']}`);
    const identity = check(s, 'user-namespace-identity');
    t.regex(String((identity.evidence as { uidMap?: unknown }).uidMap), /^\s*0\s+[1-9]\d*\s+\d+/m, 'uid 0 maps to a non-zero host uid');
    // The host's standard devices are bound in (no mknod in a user namespace) and recognised by device number.
    t.true(((check(s, 'sensitive-host-path-mounted').evidence as { standardDevices?: string[] }).standardDevices ?? []).includes('/dev/null'));
  }
  const refusals: Record<string, RegExp> = {
    privileged: /privileged mode is incompatible with user namespaces/,
    'host-pid': /cannot share the host PID namespace when user namespaces are enabled/,
    'host-network': /cannot share the host's network namespace when user namespaces are enabled/,
    'host-ipc': /mqueue/,
  };
  for (const [name, why] of Object.entries(refusals)) {
    const s = scenario('docker-canaries', name);
    t.regex(String(s.error ?? ''), why, `${name} is refused by the engine`);
    t.false(Object.values(s.boundaries).includes('holds'), `${name}: a refused posture yields no holds`);
  }
  const canaries: Record<string, string> = {
    'sys-admin-seccomp-unconfined': 'capabilities', 'host-root-mounted': 'host-filesystem',
    'host-block-device': 'devices', 'cap-add-all': 'capabilities',
  };
  for (const [name, boundary] of Object.entries(canaries)) t.is(scenario('docker-canaries', name).boundaries[boundary as 'devices'], 'broken', `${name} -> ${boundary}`);
  // The Docker socket bound in belongs to host root:docker, ids unmapped in this user namespace: not even
  // container root passes its file permissions, so the socket is not reachable from inside (checked by evidence).
  const socket = scenario('docker-canaries', 'runtime-socket-mounted');
  t.not(socket.boundaries['runtime-socket'], 'inconclusive', socket.boundaryReasons?.['runtime-socket']);
  if (socket.boundaries['runtime-socket'] === 'holds') t.regex(check(socket, 'runtime-socket-reachable').summary, /docker\.sock refused \(to every process of the container\)/);
  // A host /proc/sys bound in is the host's, but container root is host uid 100000+: the kernel refuses the write.
  const procSys = scenario('docker-canaries', 'host-proc-sys-mounted');
  t.is(procSys.boundaries['host-filesystem'], 'broken');
  t.is(procSys.boundaries['kernel-interfaces'], 'holds', procSys.boundaryReasons?.['kernel-interfaces']);
  t.regex(check(procSys, 'core-pattern-writable').summary, /EACCES/);
  t.deepEqual(await labelledContainers(docker, report.runId), []);
});
