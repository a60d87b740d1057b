/**
 * Real kind clusters (kind v0.33.0, the offline node image from scripts/setup-kind.sh):
 * `cluster up` with the shipped configs, `run --target kind` (the probe image goes in with
 * `kind load docker-image`), `cluster down` leaving nothing. Each cluster is created once.
 */
import test from 'ava';
import type { V1Pod } from '@kubernetes/client-node';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report, ScenarioReport } from '../../src/model/report.js';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { leftoversAfter } from '../helpers/cluster.js';
import { clusterName, kindCore, kindLeftovers, privateKubeconfig, requireKind } from '../helpers/kind.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-kind-e2e-'));
const CLUSTER_MS = 600_000;
const RUN_MS = 420_000;

/** Runs `body` on a fresh kind cluster made from `config`, then deletes it and asserts nothing is left. */
async function withCluster(t: import('ava').ExecutionContext, config: string, body: (name: string, env: Record<string, string>) => Promise<void>): Promise<void> {
  const kubeconfig = privateKubeconfig();
  const name = clusterName(`ek-${config.replace('pss-', '')}`.slice(0, 20));
  const env = { KUBECONFIG: kubeconfig };
  try {
    const up = await runCli(['cluster', 'up', '--config', config, '--name', name], { env, timeoutMs: CLUSTER_MS });
    t.is(up.code, 0, up.stderr);
    t.is(up.stdout.trim(), `kind-${name}`);
    if (up.code === 0) await body(name, env);
  } finally {
    const down = await runCli(['cluster', 'down', '--name', name], { env, timeoutMs: CLUSTER_MS });
    t.is(down.code, 0, down.stderr);
    t.deepEqual(await kindLeftovers(kubeconfig, name), []);
  }
}

/**
 * `run --target kind` with a JSON report. `coverageOnly`: the run is about which nodes got a
 * probe, so an unmet expectation (exit 1, e.g. a check inconclusive after its 3 s collect
 * timeout on a loaded machine) is tolerated; an error (exit 2) never is.
 */
const runReport = async (t: import('ava').ExecutionContext, name: string, env: Record<string, string>, file: string, args: string[], coverageOnly = false): Promise<Report> => {
  const json = path.join(out, `${name}-${file}.json`);
  // One probe pod at a time: kind nodes are nested containers on a shared 2-CPU machine.
  const r = await runCli(['run', '--target', 'kind', '--cluster-name', name, '--concurrency', '1', ...args, '--report', `json=${json}`], { env, timeoutMs: RUN_MS });
  if (coverageOnly && r.code === 1) t.log(`expectations unmet (tolerated, coverage only):\n${r.stdout.split('\n').filter((l) => /expected/.test(l)).join('\n')}`);
  else t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.true(report.scenarios.every((s) => !s.error), JSON.stringify(report.scenarios.map((s) => s.error).filter(Boolean)));
  return report;
};

/** The message of a Kubernetes Status in an API error body (a JSON string or an object). */
const statusMessage = (body: unknown): string => {
  try {
    const status = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string };
    return status.message ?? String(body);
  } catch {
    return String(body);
  }
};

const privilegedPod: V1Pod = {
  metadata: { name: 'ek-admission-dry-run' },
  spec: { containers: [{ name: 'c', image: 'escapekit.local/none:0', securityContext: { privileged: true } }] },
};

test.serial('pss-restricted: the cluster denies every forbidden pod of k8s-pod-security with the API server\'s message', async (t) => {
  t.timeout(20 * 60_000);
  if (!(await requireKind(t))) return;
  await withCluster(t, 'pss-restricted', async (name, env) => {
    const core = kindCore(env.KUBECONFIG, name);
    // The cluster's own admission configuration, not a namespace label: `default` has none.
    const refused = await core.createNamespacedPod({ namespace: 'default', body: privilegedPod, dryRun: 'All' }).then(() => 'admitted', (e: { body?: unknown }) => statusMessage(e.body ?? e));
    t.regex(refused, /violates PodSecurity "restricted:latest".*privileged/);
    const report = await runReport(t, name, env, 'pss', ['--suite', 'k8s-pod-security']);
    t.is(report.target.kind, 'kind');
    const forbidden = report.scenarios.filter((s) => s.name !== 'compliant');
    t.true(forbidden.length >= 10, `${forbidden.length} forbidden scenarios`);
    for (const s of forbidden) {
      t.is(s.admission, 'denied', s.name);
      t.regex(s.admissionMessage ?? '', /violates PodSecurity "restricted:latest"/, s.name);
    }
    const compliant = report.scenarios.find((s) => s.name === 'compliant');
    t.is(compliant?.admission, 'allowed');
    t.true(compliant?.expectation.met, JSON.stringify(compliant?.expectation.unmet));
    // The run's namespaces are being deleted when the CLI exits; nothing of it remains a little later.
    t.deepEqual(await leftoversAfter(core, report.runId), []);
  });
});

const hostPidEvidence = (s: ScenarioReport | undefined) => s?.checks.find((c) => c.id === 'host-processes-visible')?.evidence as
  { kernelThreadCount: number | null; hostDaemons: Array<{ comm: string | null }>; processCount: number | null } | undefined;

test.serial('multi-node: one result per schedulable node, the control plane only with --tolerate-taints; escapes land on the node container', async (t) => {
  t.timeout(30 * 60_000);
  if (!(await requireKind(t))) return;
  await withCluster(t, 'multi-node', async (name, env) => {
    const nodes = (await kindCore(env.KUBECONFIG, name).listNode()).items;
    t.is(nodes.length, 3);
    const hostname = (n: (typeof nodes)[number]) => n.metadata!.labels!['kubernetes.io/hostname'];
    const workers = nodes.filter((n) => !(n.spec?.taints ?? []).some((x) => x.effect === 'NoSchedule')).map(hostname).sort();
    t.is(workers.length, 2);
    const perNode = (r: Report) => r.scenarios.filter((s) => s.name === 'hardened').map((s) => s.node).sort();
    t.deepEqual(perNode(await runReport(t, name, env, 'nodes', ['--suite', 'k8s-baseline', '--nodes', 'all'], true)), workers);
    t.deepEqual(perNode(await runReport(t, name, env, 'tolerate', ['--suite', 'k8s-baseline', '--nodes', 'all', '--tolerate-taints'], true)), nodes.map(hostname).sort());

    // Canary: under hostPID the probe sees the kind node container's PID namespace (its
    // kubelet and containerd), not the physical host's (no kernel threads, no dockerd).
    const suite = path.join(out, 'kind-host-pid.yaml');
    writeFileSync(suite, `name: kind-host-pid
description: hostPID canary on a kind node
target: kubernetes
podSecurity: privileged
scenarios:
  - name: host-pid
    posture: { hostPID: true }
    expect:
      broken: [host-pid]
`);
    const canaries = await runReport(t, name, env, 'canaries', ['--suite', suite]);
    t.regex(String(canaries.target.note), /kind node container, not the physical host/);
    const hostPid = canaries.scenarios.find((s) => s.name === 'host-pid');
    t.is(hostPid?.boundaries['host-pid'], 'broken');
    const seen = hostPidEvidence(hostPid);
    const daemons = (seen?.hostDaemons ?? []).map((d) => d.comm);
    t.true(daemons.includes('kubelet') && daemons.includes('containerd'), daemons.join(','));
    t.false(daemons.includes('dockerd'), 'the physical host\'s dockerd is not in the node container');
    t.is(seen?.kernelThreadCount, 0);
    t.is(readFileSync('/proc/2/comm', 'utf8').trim(), 'kthreadd', 'the physical host does show kernel threads');
  });
});

/**
 * k8s-canaries on a kind node, which is itself a container: its namespaces are not the initial
 * ones, so each host-namespace canary is recognised by comparison with the node's own namespaces
 * (read by the runner through docker exec), and every private namespace is shown to differ from them.
 */
async function canariesOnKindNode(t: import('ava').ExecutionContext, name: string, env: Record<string, string>): Promise<void> {
  const report = await runReport(t, name, env, 'k8s-canaries', ['--suite', 'k8s-canaries']);
  for (const s of report.scenarios) t.true(s.expectation.met, `${s.name}: ${JSON.stringify(s.expectation.unmet)}`);
  const check = (scenario: string, id: string) => report.scenarios.find((s) => s.name === scenario)?.checks.find((c) => c.id === id);
  const node = `${name}-control-plane`;
  for (const [scenario, id] of [['host-ipc', 'host-ipc-namespace'], ['host-pid', 'host-pid-namespace'], ['host-network', 'host-network-namespace'], ['host-network', 'host-uts-namespace']] as const) {
    const c = check(scenario, id);
    t.is(c?.status, 'broken', `${scenario}/${id}: ${c?.summary}`);
    t.regex(c?.summary ?? '', new RegExp(`is the one of host ${node} \\(itself a container`), `${scenario}/${id}`);
  }
  const ipc = check('host-pid', 'host-ipc-namespace');
  t.is(ipc?.status, 'holds', ipc?.summary);
  const evidence = ipc?.evidence as { ipcNamespace: string; nodeReference: { required: boolean; nodes: Array<{ node: string; namespace: string | null }> } };
  t.true(evidence.nodeReference.required);
  t.deepEqual(evidence.nodeReference.nodes.map((n) => n.node), [node]);
  t.regex(String(evidence.nodeReference.nodes[0].namespace), /^ipc:\[\d+\]$/);
  t.not(evidence.nodeReference.nodes[0].namespace, `ipc:[${0xefffffff}]`, 'the kind node\'s IPC namespace is not the initial one');
  t.not(evidence.ipcNamespace, evidence.nodeReference.nodes[0].namespace);
}

test.serial('default and pss-baseline: Ready single-node clusters; pss-baseline refuses a privileged pod cluster-wide, default admits it and meets k8s-canaries', async (t) => {
  t.timeout(20 * 60_000);
  if (!(await requireKind(t))) return;
  for (const [config, refusal] of [['default', null], ['pss-baseline', /violates PodSecurity "baseline:latest".*privileged/]] as const) {
    await withCluster(t, config, async (name, env) => {
      const core = kindCore(env.KUBECONFIG, name);
      t.is((await core.listNode()).items.length, 1, config);
      const answer = await core.createNamespacedPod({ namespace: 'default', body: privilegedPod, dryRun: 'All' }).then(() => 'admitted', (e: { body?: unknown }) => statusMessage(e.body ?? e));
      if (refusal) t.regex(answer, refusal, config);
      else t.is(answer, 'admitted', config);
      if (config === 'default') await canariesOnKindNode(t, name, env);
    });
  }
});
