/**
 * End to end on a real Kubernetes cluster through an ordinary kubeconfig: admission refusals
 * under restricted, canaries admitted and broken under privileged, per-node results, and
 * nothing left behind.
 */
import test from 'ava';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { labelledLeftovers, leftoversAfter, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-k8s-'));

test.serial('pod security, canaries and baseline on the real cluster', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const json = path.join(out, 'k8s.json');
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', 'k8s-pod-security', '--suite', 'k8s-canaries', '--suite', 'k8s-baseline', '--report', `json=${json}`], { timeoutMs: 300_000 });
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.is(report.target.kind, 'kubernetes');
  const get = (suite: string, name: string) => report.scenarios.find((s) => s.suite === suite && s.name === name)!;
  // Each denied pod is the compliant one plus one violation: the API server's message names it.
  const violations: Record<string, RegExp> = {
    privileged: /securityContext\.privileged=true/,
    'host-pid': /hostPID=true/,
    'host-network': /hostNetwork=true/,
    'host-ipc': /hostIPC=true/,
    'host-root-mounted': /hostPath/,
    'runtime-socket-mounted': /hostPath/,
    'docker-socket-mounted': /hostPath/,
    'cap-add-sys-admin': /"SYS_ADMIN"/,
    'cap-add-net-admin': /"NET_ADMIN"/,
    'privilege-escalation': /allowPrivilegeEscalation != false/,
    'runs-as-root': /runAsUser=0|runAsNonRoot/,
    'seccomp-unconfined': /seccompProfile/,
  };
  for (const [name, violation] of Object.entries(violations)) {
    const s = get('k8s-pod-security', name);
    t.is(s.admission, 'denied', name);
    t.regex(s.admissionMessage ?? '', /violates PodSecurity "restricted/, name);
    t.regex(s.admissionMessage ?? '', violation, name);
  }
  // ...and only that one (privileged and SYS_ADMIN cannot be combined with allowPrivilegeEscalation=false).
  for (const name of ['host-pid', 'host-network', 'host-ipc', 'host-root-mounted', 'cap-add-net-admin', 'runs-as-root', 'seccomp-unconfined']) {
    t.notRegex(get('k8s-pod-security', name).admissionMessage ?? '', /allowPrivilegeEscalation/, name);
  }
  const compliant = get('k8s-pod-security', 'compliant');
  t.is(compliant.admission, 'allowed');
  for (const b of ['runtime-socket', 'host-pid', 'host-network', 'host-ipc', 'capabilities', 'devices', 'host-filesystem', 'kernel-interfaces'] as const) t.is(compliant.boundaries[b], 'holds', `compliant ${b}`);
  const canaries: Record<string, 'capabilities' | 'host-pid' | 'host-network' | 'host-ipc' | 'host-filesystem' | 'runtime-socket'> = {
    privileged: 'capabilities', 'host-pid': 'host-pid', 'host-network': 'host-network', 'host-ipc': 'host-ipc', 'host-root-mounted': 'host-filesystem', 'runtime-socket-mounted': 'runtime-socket', 'cap-add-sys-admin': 'capabilities',
  };
  for (const [name, boundary] of Object.entries(canaries)) {
    const s = get('k8s-canaries', name);
    t.is(s.admission, 'allowed', name);
    t.is(s.boundaries[boundary], 'broken', `${name} -> ${boundary}`);
  }
  t.deepEqual(await labelledLeftovers(core, report.runId, { live: true }), [], 'every namespace of the run is being deleted when the CLI exits');
  t.deepEqual(await leftoversAfter(core, report.runId), [], '...and then gone without the CLI');
});

test.serial('--nodes all gives one result per schedulable node', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const nodes = (await core.listNode()).items.filter((n) => !n.spec?.unschedulable && !(n.spec?.taints ?? []).some((x) => x.effect === 'NoSchedule'));
  const json = path.join(out, 'nodes.json');
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', 'k8s-baseline', '--nodes', 'all', '--report', `json=${json}`], { timeoutMs: 180_000 });
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  const perNode = report.scenarios.filter((s) => s.name === 'hardened');
  t.is(perNode.length, nodes.length);
  t.deepEqual(perNode.map((s) => s.node).sort(), nodes.map((n) => n.metadata!.labels!['kubernetes.io/hostname']).sort());
  t.deepEqual(await labelledLeftovers(core, report.runId, { live: true }), [], 'every namespace of the run is being deleted when the CLI exits');
  t.deepEqual(await leftoversAfter(core, report.runId), [], '...and then gone without the CLI');
});
