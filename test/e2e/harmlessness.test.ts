/**
 * The harmlessness proof: every check runs in the most permissive posture Docker offers
 * (privileged, all capabilities, no seccomp/AppArmor, host PID/network/IPC namespaces, the
 * engine socket mounted, the host's / mounted READ-WRITE at /host), and the host is shown to
 * be unchanged afterwards:
 *
 * - engine: no container, image, volume or network appeared or vanished, and the engine's event
 *   log for the window holds nothing but escapekit's own probes and images (no create, exec,
 *   pull... through the mounted socket);
 * - kernel interfaces: core_pattern, modprobe, uevent_helper, sysrq, binfmt_misc entries,
 *   cgroup v1 release_agent/notify_on_release read identical before and after;
 * - files: a manifest (mode, owner, size, mtime/ctime in ns, hash) of sensitive host trees and
 *   of a canary directory is identical, and a sweep of the whole root file system for entries
 *   changed after a marker finds nothing written while the probe was alive, outside the
 *   documented exclusions (SWEEP_EXCLUDED); the busy trees it prunes but the posture binds
 *   (/tmp, /run, /dev) are swept for device nodes, and /dev for any entry (a mknod or write
 *   fallen back onto a host path);
 * - mounts: the host mount table (PID 1's), minus engine-owned mount points, is identical;
 * - processes: none belongs to the probe (cgroup, shim or child) and no new orphan appeared.
 *
 * A positive control proves the file detectors are not blind: while the probe runs the test
 * itself rewrites one canary file, and both detectors must report exactly that file.
 * The report must show the boundaries broken, so the checks really ran.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { diffObjects, dockerObjects, engineEvents, followSuite, unattributedEvents } from '../helpers/docker-objects.js';
import { added, diffManifests, makeCanary, manifest, sweep, volatileSnapshot } from '../helpers/host-files.js';
import { containerProcesses, diffLines, hostMounts, hostProcesses, kernelInterfaces, startedAtMs } from '../helpers/host-kernel.js';
import { REPO_ROOT } from '../helpers/paths.js';

/** Sensitive host trees whose every entry is compared (missing ones are skipped); /dev/shm is the probe's own under hostIPC. */
const MANIFEST_ROOTS = ['/etc', '/root', '/home', '/boot', '/usr/local', '/opt', '/srv', '/var/spool', '/var/lib/kubelet', '/dev/shm'];
/** Inside those, caches and toolchains that other processes write or that are too big to hash (the sweep still covers them). */
const MANIFEST_EXCLUDED = ['/root/.npm', '/root/.cache', '/root/.config/go', '/root/.kube/cache', '/root/.kube/http-cache', '/root/.pyenv', '/root/.rustup', '/root/.claude', '/root/.claude.json'];

/**
 * Paths the system itself writes during a test, pruned from the sweep: kernel and runtime
 * state, engine data roots (Docker's is added from `docker info`; the fault test's second
 * engine lives under /run and /var/cache/escapekit), logs, other tests' temp dirs, the local
 * cluster's state and build caches, package-manager and test-runner caches.
 */
const SWEEP_EXCLUDED = [
  '/proc', '/sys', '/dev', '/run', '/tmp', '/var/log', '/var/lib/containerd', '/var/cache/escapekit', '/var/lib/escapekit-k8s',
  '/root/.npm', '/root/.cache', '/root/.config/go', '/root/.claude', '/root/.claude.json', path.join(REPO_ROOT, 'node_modules', '.cache'),
];

/** Mount points engines create and remove (container root file systems, netns, pod volumes). */
const ENGINE_MOUNTS = ['/run/docker', '/run/containerd', '/run/netns', '/run/escapekit-k8s', '/run/escapekit-fault', '/var/lib/containerd', '/var/lib/escapekit-k8s', '/var/cache/escapekit'];

const work = mkdtempSync(path.join(os.tmpdir(), 'ek-harmless-'));

/** Host network interfaces (name and addresses), excluding the veth pairs probes get from the engine. */
/** Host links with their administrative flags and addresses; carrier state is left out (a bridge loses it when its last container goes, whoever ran it). */
function hostLinks(): string[] {
  const links = JSON.parse(execFileSync('ip', ['-j', 'addr'], { encoding: 'utf8' })) as Array<{ ifname: string; flags: string[]; addr_info?: Array<{ local: string; prefixlen: number }> }>;
  const carrier = new Set(['LOWER_UP', 'NO-CARRIER', 'M-DOWN']);
  return links
    .filter((l) => !/^veth/.test(l.ifname))
    .map((l) => `${l.ifname} <${l.flags.filter((f) => !carrier.has(f)).sort().join(',')}> ${(l.addr_info ?? []).map((a) => `${a.local}/${a.prefixlen}`).join(' ')}`.trim())
    .sort();
}

test.serial('every check in the most permissive posture leaves the host unchanged', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  t.timeout(180_000);
  const built = await runCli(['image', 'build']);
  t.is(built.code, 0, built.stderr);
  const dataRoot = ((await docker.info()) as { DockerRootDir: string }).DockerRootDir;
  const suiteName = `harmlessness-${Math.random().toString(36).slice(2, 8)}`;
  const suiteFile = path.join(work, 'suite.yaml');
  writeFileSync(suiteFile, `name: ${suiteName}
target: docker
scenarios:
  - name: everything-open
    posture:
      privileged: true
      capabilities: { add: [ALL] }
      seccomp: unconfined
      apparmor: unconfined
      hostPID: true
      hostNetwork: true
      hostIPC: true
      mounts:
        - { hostPath: /var/run/docker.sock, path: /var/run/docker.sock }
        - { hostPath: /, path: /host, readOnly: false }
`);
  const canary = makeCanary();
  const marker = path.join(work, 'marker');
  try {
    // Before. The marker comes first: anything changed after it is in the sweep's window.
    writeFileSync(marker, '');
    const sweepExcluded = [...SWEEP_EXCLUDED, dataRoot];
    const enginePaths = [...ENGINE_MOUNTS, dataRoot];
    const roots = [...MANIFEST_ROOTS, canary.dir];
    const before = { links: hostLinks(), kernel: kernelInterfaces(), mounts: hostMounts(enginePaths), objects: await dockerObjects(docker), files: manifest(roots, MANIFEST_EXCLUDED), pids: new Set(hostProcesses().map((p) => p.pid)) };
    const volatileBefore = await volatileSnapshot();
    const windowStart = Date.now();

    // The run, with the positive control written while the probe is alive.
    let controlAt = 0;
    // Second control, for the volatile trees: a device node the test itself makes under /tmp while the probe runs.
    const controlNode = path.join(work, 'control-node');
    const follow = await followSuite(docker, suiteName, () => {
      writeFileSync(canary.control, 'after\n');
      execFileSync('mknod', [controlNode, 'c', '1', '3']);
      controlAt = Date.now();
    });
    const reportFile = path.join(work, 'report.json');
    const r = await runCli(['run', '--suite', suiteFile, '--report', `json=${reportFile}`, '--timeout', '90']);
    // Engine events can lag behind the CLI under load: wait for the probe's destroy event (at most 10 s).
    for (const deadline = Date.now() + 10_000; Date.now() < deadline && !follow.events.some((e) => e.Action === 'destroy'); ) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    follow.stop();
    const windowEnd = Date.now();

    // The probe's lifetime, from the engine's own events.
    // (Host state first: it matters even if the probe's report turned out unusable.)
    const ours = follow.events.filter((e) => e.Actor.Attributes?.['escapekit.io/run-id']);
    const runId = ours[0]?.Actor.Attributes?.['escapekit.io/run-id'] ?? '';
    const containerIds = [...new Set(ours.map((e) => e.Actor.ID))];
    t.is(containerIds.length, 1, 'the run created exactly one container');
    const startMs = (ours.find((e) => e.Action === 'start')?.timeNano ?? 0) / 1e6;
    const dieMs = (ours.find((e) => e.Action === 'die')?.timeNano ?? windowEnd * 1e6) / 1e6;
    // Date.now() has whole milliseconds, the engine's event time nanoseconds: compare at millisecond resolution.
    t.true(startMs > 0 && controlAt >= Math.floor(startMs), `the control write happened while the probe was alive (start ${startMs}, control ${controlAt}, events ${ours.map((e) => e.Action).join(',')})`);
    t.true(ours.some((e) => e.Action === 'destroy'), 'the probe container was removed');
    const alive = (ms: number) => ms >= startMs - 1000 && ms <= dieMs + 1000;

    // Engine objects and event log.
    t.deepEqual(diffObjects(before.objects, await dockerObjects(docker)), [], 'no engine object appeared or vanished');
    t.deepEqual(unattributedEvents(await engineEvents(docker, windowStart, windowEnd)), [], 'no engine event outside escapekit probes and images');
    t.deepEqual(await labelledContainers(docker, runId), []);

    // Kernel interfaces and mounts.
    t.deepEqual(kernelInterfaces(), before.kernel, 'kernel interfaces unchanged');
    t.deepEqual(hostLinks(), before.links, 'host network interfaces unchanged (veths of removed probes are gone again)');
    t.deepEqual(diffLines(before.mounts, hostMounts(enginePaths)), [], 'host mount table unchanged');

    // Processes: nothing of the probe survives; no orphan was born while it ran.
    const procs = hostProcesses();
    t.deepEqual(containerProcesses(containerIds, procs), [], 'no process of the probe is left');
    const orphans = procs.filter((p) => p.ppid === 1 && !before.pids.has(p.pid) && alive(startedAtMs(p)) && !/^containerd-shim/.test(p.comm));
    t.deepEqual(orphans.map((p) => `${p.pid} ${p.comm} ${p.cmdline.slice(0, 100)}`), [], 'no orphan process born while the probe ran');

    // Files: exactly the control changed in the manifest...
    const changed = diffManifests(before.files, manifest(roots, MANIFEST_EXCLUDED));
    t.deepEqual(changed.map((c) => c.split(' ').slice(0, 2).join(' ')), [`~ ${canary.control}`], changed.join('\n'));
    // ...and in the sweep, among entries changed while the probe was alive.
    const hits = await sweep(marker, sweepExcluded);
    const during = hits.filter((h) => alive(h.changedMs)).map((h) => h.path);
    const other = hits.filter((h) => !alive(h.changedMs));
    if (other.length) t.log(`${other.length} path(s) changed in the window but outside the probe's lifetime (other processes), e.g. ${other.slice(0, 5).map((h) => h.path).join(', ')}`);
    t.deepEqual(during, [canary.control], `changed while the probe was alive:\n${during.join('\n')}`);
    // ...and in /tmp, /run and /dev, which the main sweep prunes: no new device node and no new /dev entry but the control.
    const volatile = added(volatileBefore, await volatileSnapshot());
    t.deepEqual(volatile, [`${controlNode} c 1:3`], `device nodes or /dev entries that appeared during the run:\n${volatile.join('\n')}`);

    // The checks really ran and saw the open posture.
    const report = readReportFile(reportFile);
    const scenario = report.scenarios[0];
    t.is(scenario.error, undefined, `the probe's report is unusable, so the checks cannot be shown to have run: ${scenario.error}`);
    t.is(r.code, 0, r.stderr);
    const broken = Object.entries(scenario.boundaries).filter(([, s]) => s === 'broken').map(([b]) => b);
    t.log(`broken boundaries: ${broken.join(', ')}`);
    for (const b of ['runtime-socket', 'host-pid', 'host-network', 'host-ipc', 'capabilities', 'seccomp', 'host-filesystem', 'devices', 'kernel-interfaces']) t.true(broken.includes(b), `${b} should be broken`);
    const applicable = CHECKS.filter((c) => c.targets.includes('docker') && !c.optIn).map((c) => c.id);
    const silent = scenario.checks.filter((c) => applicable.includes(c.id) && c.evidence === null).map((c) => `${c.id}: ${c.summary}`);
    t.deepEqual(silent, [], 'every Docker check collected evidence');
  } finally {
    rmSync(canary.dir, { recursive: true, force: true });
    rmSync(path.join(work, 'control-node'), { force: true });
  }
});
