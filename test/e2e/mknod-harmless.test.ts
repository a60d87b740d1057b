/**
 * The mknod attempt never creates a node on a path shared with the host: with a host tmpfs (the
 * kind of /dev a kind node has) or the host's /dev bound over the probe's, no probe node
 * appears in any of them on the host (watched with inotify while the probes run), and the attempt
 * says where it went instead. The host's /tmp is watched too; binding it over the probe's /tmp is
 * refused by the suite loader (no mount may cover the probe's own scratch space, issue 10).
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, watch, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { PROBE_NODE_PREFIX } from '../../probes/lib/devnodes.js';

test.serial('mknod-attempt creates nothing in a host /dev or a host tmpfs bound over /dev', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-mknod-'));
  // A host tmpfs, like a kind node's /dev: before the fix the probe took it for the runtime's own /dev.
  const hostTmpfs = mkdtempSync(path.join(os.tmpdir(), 'ek-host-tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'ek-host-tmpfs', hostTmpfs]);
  // The standard character devices runc needs in a bound /dev (created on the test's own tmpfs).
  for (const [name, major, minor] of [['null', 1, 3], ['zero', 1, 5], ['full', 1, 7], ['random', 1, 8], ['urandom', 1, 9], ['tty', 5, 0]] as const) {
    execFileSync('mknod', ['-m', '666', path.join(hostTmpfs, name), 'c', String(major), String(minor)]);
  }
  const created: string[] = [];
  const watchers = [
    // The engine itself creates pts/, shm/ and links in a bound /dev: only the probe's own names count.
    watch(hostTmpfs, (_event, name) => { if (String(name).startsWith(PROBE_NODE_PREFIX) || String(name) === 'n') created.push(`${hostTmpfs}/${name}`); }),
    watch('/dev', (_event, name) => { if (String(name).startsWith(PROBE_NODE_PREFIX)) created.push(`/dev/${name}`); }),
    watch('/tmp', (_event, name) => { if (String(name).startsWith(PROBE_NODE_PREFIX)) created.push(`/tmp/${name}`); }),
  ];
  try {
    const suite = path.join(dir, 'mknod.yaml');
    writeFileSync(suite, `name: mknod-harmless
target: docker
scenarios:
  - name: host-tmpfs-over-dev
    posture: { mounts: [{ hostPath: ${hostTmpfs}, path: /dev }, { hostPath: ${hostTmpfs}, path: /mnt }] }
    expect: { holds: [capabilities] }
  - name: host-dev
    posture: { mounts: [{ hostPath: /dev, path: /dev }] }
    expect: { broken: [devices] }
  - name: host-tmpfs-over-dev-sys-admin
    posture: { capabilities: { add: [SYS_ADMIN] }, mounts: [{ hostPath: ${hostTmpfs}, path: /dev }, { hostPath: ${hostTmpfs}, path: /mnt }] }
    expect: { broken: [capabilities] }
  - name: engine-default
    posture: {}
    expect: { holds: [devices] }
`);
    const json = path.join(dir, 'mknod.json');
    const r = await runCli(['run', '--suite', suite, '--report', `json=${json}`]);
    t.is(r.code, 0, r.stderr);
    const report = readReportFile(json);
    const attempt = (name: string) => report.scenarios.find((s) => s.name === name)!.checks.find((c) => c.id === 'mknod-attempt')!;
    const evidence = (name: string) => attempt(name).evidence as Record<string, unknown>;
    // A host tmpfs or the host's /dev over /dev, no CAP_SYS_ADMIN for a private namespace: not attempted, never holds.
    for (const name of ['host-tmpfs-over-dev', 'host-dev']) {
      t.like(evidence(name), { method: null, dir: null }, name);
      t.is(attempt(name).status, 'inconclusive', name);
    }
    // With CAP_SYS_ADMIN: a fresh tmpfs in a private mount namespace, over /mnt (bound from the host here: covered, not written).
    t.like(evidence('host-tmpfs-over-dev-sys-admin'), { method: 'private-namespace', dir: '/mnt' });
    // The runtime's own /dev is still used.
    t.like(evidence('engine-default'), { method: 'own-tmpfs', dir: '/dev' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    t.deepEqual(created, [], 'nothing was created on the host');
    t.deepEqual(await labelledContainers(docker, report.runId), []);
  } finally {
    for (const w of watchers) w.close();
    execFileSync('umount', [hostTmpfs]);
    rmdirSync(hostTmpfs);
  }
});
