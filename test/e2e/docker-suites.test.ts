/**
 * End to end on the real Docker engine: both shipped suites, every canary detected, the
 * hardened posture holding, valid reports, and nothing left behind.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-'));

test.serial('shipped Docker suites: exit 0, canaries broken, hardened holds, no leftovers', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const json = path.join(out, 'report.json');
  const junit = path.join(out, 'report.xml');
  const r = await runCli(['run', '--suite', 'docker-baseline', '--suite', 'docker-canaries', '--report', `json=${json}`, '--report', `junit=${junit}`]);
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.is(report.schemaVersion, 2);
  t.is(report.target.kind, 'docker');
  t.deepEqual(report.summary, { scenarios: 12, met: 12, unmet: 0, errors: 0 });
  const scenario = (suite: string, name: string) => report.scenarios.find((s) => s.suite === suite && s.name === name)!;
  const canaries: Record<string, string> = {
    privileged: 'capabilities', 'runtime-socket-mounted': 'runtime-socket', 'host-pid': 'host-pid', 'host-network': 'host-network',
    'host-ipc': 'host-ipc', 'sys-admin-seccomp-unconfined': 'capabilities', 'host-root-mounted': 'host-filesystem',
    'host-proc-sys-mounted': 'kernel-interfaces', 'host-block-device': 'devices', 'cap-add-all': 'capabilities',
  };
  for (const [name, boundary] of Object.entries(canaries)) t.is(scenario('docker-canaries', name).boundaries[boundary as 'devices'], 'broken', `${name} -> ${boundary}`);
  t.is(scenario('docker-canaries', 'sys-admin-seccomp-unconfined').boundaries.seccomp, 'broken');
  const hardened = scenario('docker-baseline', 'hardened');
  for (const b of ['runtime-socket', 'host-pid', 'host-network', 'host-ipc', 'capabilities', 'devices', 'host-filesystem', 'kernel-interfaces'] as const) {
    t.is(hardened.boundaries[b], 'holds', `hardened ${b}: ${hardened.boundaryReasons?.[b]}`);
  }
  // The host reference: a reference container read the engine's host namespaces (here the machine's initial ones); a private one is none of them, --ipc=host is it.
  const ipcEvidence = (name: string) => scenario('docker-canaries', name).checks.find((c) => c.id === 'host-ipc-namespace')?.evidence as { ipcNamespace: string; nodeReference: { required: boolean; nodes: Array<{ node: string; namespace: string | null }> } };
  t.deepEqual(ipcEvidence('host-ipc').nodeReference, { required: true, nodes: [{ node: 'docker-engine-host', namespace: `ipc:[${0xefffffff}]` }] });
  t.is(ipcEvidence('host-ipc').ipcNamespace, `ipc:[${0xefffffff}]`);
  t.not(ipcEvidence('privileged').ipcNamespace, `ipc:[${0xefffffff}]`);
  t.regex(hardened.checks.find((c) => c.id === 'host-ipc-namespace')?.summary ?? '', /none of the 1 hosts' the runner read/);
  for (const s of report.scenarios) for (const c of s.checks) t.true(c.summary.length > 0 && (c.status === 'not-applicable' || c.evidence !== null || c.status === 'inconclusive'), `${s.name}/${c.id}`);
  t.regex(readFileSync(junit, 'utf8'), /<testsuites>/);
  t.deepEqual(await labelledContainers(docker, report.runId), []);
  t.deepEqual(await labelledContainers(docker), [], 'no probe container of any run is left');
});

test.serial('a canary that comes back holds fails the run with exit 1 and names the boundary', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const suite = path.join(out, 'blind.yaml');
  writeFileSync(suite, 'name: blind\ntarget: docker\nscenarios:\n  - name: not-really-host-pid\n    posture: {}\n    expect: { broken: [host-pid] }\n');
  const r = await runCli(['run', '--suite', suite]);
  t.is(r.code, 1, r.stderr);
  t.regex(r.stderr, /host-pid: expected broken, got holds/);
  t.deepEqual(await labelledContainers(docker), []);
});

test.serial('cleanup removes leftovers of any run', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const image = (await runCli(['image', 'build'])).stdout.trim();
  await docker.createContainer({ Image: image, Labels: { 'escapekit.io/run-id': 'leftover-test' }, Cmd: ['/node', '-e', '0'] });
  t.is((await labelledContainers(docker, 'leftover-test')).length, 1);
  const r = await runCli(['cleanup']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stderr, /removed 1 container/);
  t.deepEqual(await labelledContainers(docker), []);
});

test.serial('cleanup --images removes probe images of earlier builds and keeps the current one', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const current = (await runCli(['image', 'build'])).stdout.trim();
  const old = 'escapekit/probe:0000000000000000';
  await docker.getImage(current).tag({ repo: 'escapekit/probe', tag: '0000000000000000' });
  const r = await runCli(['cleanup', '--images']);
  t.is(r.code, 0, r.stderr);
  t.is(await docker.getImage(old).inspect().then(() => 'present', () => 'gone'), 'gone');
  t.truthy(await docker.getImage(current).inspect());
});
