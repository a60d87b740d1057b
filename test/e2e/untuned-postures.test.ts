/**
 * Postures no suite or fixture was tuned on, judged on the real Docker engine: a wrong verdict
 * here is a defect. Also runs the shipped docker-controls suite (one change per scenario).
 */
import test from 'ava';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-untuned-'));
const hardened = 'user: "4242:4242", capabilities: { drop: [ALL] }, readOnlyRootFilesystem: true, noNewPrivileges: true';
/** A containerd socket present on this host (Docker's own, or a Kubernetes node's). */
const containerd = ['/run/containerd/containerd.sock', '/var/run/docker/containerd/containerd.sock', '/run/escapekit-k8s/containerd.sock'].find((p) => existsSync(p));

test.serial('untuned postures get the right verdict on every boundary they touch', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  t.truthy(containerd, 'a containerd socket exists wherever Docker runs');
  const suite = path.join(dir, 'untuned.yaml');
  writeFileSync(suite, `name: untuned
target: docker
scenarios:
  - name: docker-socket-odd-path
    posture: { ${hardened}, mounts: [{ hostPath: /var/run/docker.sock, path: /usr/lib/x/api.sock, readOnly: true }] }
    expect: { broken: [runtime-socket, host-filesystem], holds: [host-pid, capabilities, devices, kernel-interfaces, root-user] }
  - name: containerd-socket
    posture: { mounts: [{ hostPath: ${containerd}, path: /data/ctr.sock }] }
    expect: { broken: [runtime-socket], holds: [host-pid, capabilities, devices] }
  - name: partial-etc
    posture: { ${hardened}, mounts: [{ hostPath: /etc/apt, path: /cfg, readOnly: true }] }
    expect: { broken: [host-filesystem], holds: [runtime-socket, host-pid, capabilities, kernel-interfaces, devices] }
  - name: one-capability
    posture: { capabilities: { add: [SYS_BOOT] } }
    expect: { broken: [capabilities], holds: [seccomp, devices, kernel-interfaces, host-pid, host-filesystem] }
  - name: seccomp-off-hardened
    posture: { ${hardened}, seccomp: unconfined }
    expect: { broken: [seccomp], holds: [capabilities, devices, kernel-interfaces, root-user, readonly-rootfs, no-new-privileges] }
  - name: one-device
    posture: { devices: [/dev/loop3] }
    expect: { broken: [devices], holds: [capabilities, seccomp, host-filesystem, kernel-interfaces] }
  - name: host-ipc-alone
    posture: { ${hardened}, hostIPC: true }
    expect: { broken: [host-ipc], holds: [host-pid, host-network, capabilities, root-user] }
  - name: host-net-alone
    posture: { ${hardened}, hostNetwork: true }
    expect: { broken: [host-network], holds: [host-pid, host-ipc, capabilities, root-user] }
  - name: host-pid-alone
    posture: { ${hardened}, hostPID: true }
    expect: { broken: [host-pid], holds: [host-network, host-ipc, capabilities, root-user] }
  - name: host-cgroupfs
    posture: { mounts: [{ hostPath: /sys/fs/cgroup, path: /cg }] }
    expect: { holds: [devices, capabilities], broken: [kernel-interfaces] }
  - name: host-cgroupfs-sys-admin
    posture: { capabilities: { add: [SYS_ADMIN] }, mounts: [{ hostPath: /sys/fs/cgroup, path: /cg }] }
    expect: { broken: [devices, kernel-interfaces, capabilities] }
  - name: host-var-own-proc
    posture: { mounts: [{ hostPath: /var, path: /hostvar, readOnly: true }] }
    expect: { broken: [kernel-interfaces, host-filesystem], holds: [capabilities, devices] }
  - name: host-pid-ptrace
    posture: { hostPID: true, capabilities: { add: [SYS_PTRACE] } }
    expect: { broken: [runtime-socket, host-pid, capabilities, host-filesystem], holds: [devices] }
  - name: privileged-host-pid
    posture: { privileged: true, hostPID: true }
    expect: { broken: [host-filesystem, host-pid, capabilities, devices, runtime-socket] }
  - name: non-root-rw-host-dir
    posture: { user: "4242:4242", capabilities: { drop: [ALL] }, mounts: [{ hostPath: /srv, path: /data }] }
    expect: { broken: [host-filesystem], holds: [capabilities, devices, root-user] }
  - name: dac-read-search-non-root
    posture: { user: "4242:4242", capabilities: { add: [DAC_READ_SEARCH] } }
    expect: { broken: [capabilities], holds: [host-pid, devices, kernel-interfaces] }
  - name: host-dev-shm
    posture: { mounts: [{ hostPath: /dev/shm, path: /dev/shm }] }
    expect: { broken: [host-filesystem], holds: [capabilities, devices] }
  - name: host-console-device
    posture: { devices: [/dev/tty0] }
    expect: { broken: [devices], holds: [capabilities, host-filesystem, kernel-interfaces] }
  - name: fuse-device
    posture: { devices: [/dev/fuse] }
    expect: { holds: [devices, capabilities, host-filesystem] }
  - name: nonroot-host-proc-rw
    posture: { user: "1000:1000", mounts: [{ hostPath: /proc, path: /host/proc }] }
    expect: { broken: [kernel-interfaces], holds: [capabilities, devices, root-user] }
  - name: nonroot-host-proc-sys-rw
    posture: { user: "1000:1000", mounts: [{ hostPath: /proc/sys, path: /host/proc/sys }] }
    expect: { broken: [kernel-interfaces], holds: [capabilities, devices, root-user] }
  - name: nonroot-host-cgroupfs-rw
    posture: { user: "1000:1000", mounts: [{ hostPath: /sys/fs/cgroup, path: /cg }] }
    expect: { broken: [kernel-interfaces], holds: [capabilities, root-user] }
  - name: nonroot-sys-admin-bounding
    posture: { user: "1000:1000", capabilities: { add: [SYS_ADMIN] } }
    expect: { broken: [capabilities], holds: [root-user] }
  - name: hardened-odd-uid
    posture: { ${hardened} }
    expect: { holds: [runtime-socket, host-pid, host-network, host-ipc, capabilities, seccomp, no-new-privileges, host-filesystem, devices, kernel-interfaces, root-user, readonly-rootfs] }
`);
  const json = path.join(dir, 'untuned.json');
  const r = await runCli(['run', '--suite', suite, '--report', `json=${json}`]);
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  // The host's /dev/shm under a private IPC namespace: never "holds" (the probe cannot tell it from a runtime's odd shm for sure).
  t.is(report.scenarios.find((s) => s.name === 'host-dev-shm')!.boundaries['host-ipc'], 'inconclusive');
  // /var holds sockets deeper than any bounded walk reaches (kubelet, runtime state): the walk says it stopped, never holds.
  const hostVar = report.scenarios.find((s) => s.name === 'host-var-own-proc')!;
  t.not(hostVar.boundaries['runtime-socket'], 'holds', hostVar.checks.find((c) => c.id === 'runtime-socket-reachable')!.summary);
  // A non-root probe refused a host kernel file judges what root in the same container could do.
  const check = (scenario: string, id: string) => report.scenarios.find((s) => s.name === scenario)!.checks.find((c) => c.id === id)!.status;
  for (const scenario of ['nonroot-host-proc-rw', 'nonroot-host-proc-sys-rw']) {
    for (const id of ['core-pattern-writable', 'proc-sys-writable']) t.is(check(scenario, id), 'broken', `${scenario}: ${id}`);
  }
  t.is(check('nonroot-host-cgroupfs-rw', 'host-cgroup-writable'), 'broken');
  // SYS_ADMIN in the bounding set of a non-root probe: root in the container has it, so nothing it could undo holds.
  const sysAdmin = report.scenarios.find((s) => s.name === 'nonroot-sys-admin-bounding')!;
  t.not(sysAdmin.boundaries['kernel-interfaces'], 'holds');
  for (const id of ['cgroup-release-agent', 'binfmt-misc-writable', 'core-pattern-writable']) t.not(check('nonroot-sys-admin-bounding', id), 'holds', id);
  // The host's root through /proc/<pid>/root of a host process, without any mount.
  for (const name of ['host-pid-ptrace', 'privileged-host-pid']) {
    const viaProc = report.scenarios.find((s) => s.name === name)!.checks.find((c) => c.id === 'host-root-via-proc')!;
    t.is(viaProc.status, 'broken', `${name}: ${viaProc.summary}`);
  }
  // A non-root probe cannot open by handle, but root in the same container could: never holds.
  t.is(report.scenarios.find((s) => s.name === 'dac-read-search-non-root')!.boundaries['host-filesystem'], 'inconclusive');
  // Refused to uid 4242, but root in the same container could write there (owner uid 0) and plant a set-uid file.
  const nonRoot = report.scenarios.find((s) => s.name === 'non-root-rw-host-dir')!.checks;
  t.is(nonRoot.find((c) => c.id === 'host-path-writable')!.status, 'broken');
  t.is(nonRoot.find((c) => c.id === 'host-mount-suid-plant')!.status, 'broken');
  const ctr = report.scenarios.find((s) => s.name === 'containerd-socket')!.checks.find((c) => c.id === 'runtime-socket-reachable')!;
  t.regex(JSON.stringify(ctr.evidence), /containerd/, 'the socket is recognised as containerd');
  t.deepEqual(await labelledContainers(docker), []);
});

test.serial('shipped docker-controls suite: every positive and negative control as expected', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const r = await runCli(['run', '--suite', 'docker-controls']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /18 scenarios: 18 met, 0 unmet, 0 errors/);
  t.deepEqual(await labelledContainers(docker), []);
});

test.serial('mechanism is not effect: an allow-all seccomp profile (also with SYS_ADMIN) is broken; an unidentified host socket is reported and gets no byte', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const profile = path.join(dir, 'allow-all.json');
  writeFileSync(profile, JSON.stringify({ defaultAction: 'SCMP_ACT_ALLOW' }));
  // A listening socket in a host directory, speaking no known protocol: it records every byte it receives.
  const sockDir = mkdtempSync(path.join(os.tmpdir(), 'ek-untuned-sock-'));
  chmodSync(sockDir, 0o755);
  const received: Buffer[] = [];
  let connections = 0;
  const server = net.createServer((c) => { connections++; c.on('data', (d) => received.push(d)); });
  await new Promise<void>((resolve) => server.listen(path.join(sockDir, 'app.sock'), resolve));
  chmodSync(path.join(sockDir, 'app.sock'), 0o666);
  const suite = path.join(dir, 'untuned-effect.yaml');
  writeFileSync(suite, `name: untuned-effect
target: docker
scenarios:
  - name: seccomp-allow-all-profile
    posture: { seccomp: { localhostProfile: ${profile} } }
    expect: { broken: [seccomp], holds: [capabilities, devices, host-pid] }
  - name: seccomp-allow-all-profile-sys-admin
    posture: { seccomp: { localhostProfile: ${profile} }, capabilities: { add: [SYS_ADMIN] } }
    expect: { broken: [seccomp, capabilities] }
  - name: seccomp-default-sys-admin
    posture: { capabilities: { add: [SYS_ADMIN] } }
    expect: { broken: [capabilities], holds: [seccomp] }
  - name: unidentified-host-socket
    posture: { user: "4242:4242", capabilities: { drop: [ALL] }, mounts: [{ hostPath: ${sockDir}, path: /srv/app, readOnly: true }] }
    expect: { holds: [seccomp, capabilities] }
`);
  const json = path.join(dir, 'untuned-effect.json');
  try {
    const r = await runCli(['run', '--suite', suite, '--report', `json=${json}`]);
    t.is(r.code, 0, r.stderr);
    const report = readReportFile(json);
    const sock = report.scenarios.find((s) => s.name === 'unidentified-host-socket')!;
    t.is(sock.boundaries['runtime-socket'], 'inconclusive', 'an unidentified host socket is never silently skipped');
    t.regex(sock.checks.find((c) => c.id === 'runtime-socket-reachable')!.summary, /\/srv\/app\/app\.sock .*not identified/);
    t.true(connections > 0, 'the probe did connect (reachability)');
    t.is(Buffer.concat(received).length, 0, `bytes sent to an unidentified socket: ${Buffer.concat(received).toString('latin1').slice(0, 80)}`);
  } finally {
    server.close();
    rmSync(sockDir, { recursive: true, force: true });
  }
  t.deepEqual(await labelledContainers(docker), []);
});
