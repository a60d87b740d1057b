/**
 * Workloads on the real cluster: a manifest piped in as from `helm template` (a Deployment
 * mounting the runtime socket, a DaemonSet with hostNetwork and NET_ADMIN, a hardened
 * StatefulSet) gives one scenario per container with the right broken boundaries and exit 1;
 * --from-cluster reads live workloads with list calls; the run's namespace is removed.
 */
import test from 'ava';
import { AppsV1Api, KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { BASELINE_BOUNDARIES } from '../../src/workloads/expect.js';
import { runCli, noStack } from '../helpers/cli.js';
import { leftoversAfter, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { REPO_ROOT } from '../helpers/paths.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-wl-k8s-'));
/** Where the test cluster's kubelet looks for Localhost seccomp profiles (test/cluster/up.sh). */
const KUBELET_SECCOMP_ROOT = process.env.ESCAPEKIT_TEST_KUBELET_SECCOMP ?? '/var/lib/escapekit-k8s/kubelet/seccomp';
const manifest = path.join(REPO_ROOT, 'test', 'fixtures', 'workloads', 'risky-and-hardened.yaml');

test.serial('--from-manifest - (a helm template pipe): one scenario per container, the right broken boundaries, exit 1; the hardened one holds', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const json = path.join(out, 'manifest.json');
  const r = await execa(process.execPath, [path.join(REPO_ROOT, 'bin', 'escapekit.js'), 'run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--from-manifest', '-', '--report', `json=${json}`], {
    input: readFileSync(manifest, 'utf8'),
    reject: false,
    timeout: 300_000,
    env: { NO_COLOR: '1' },
    cwd: REPO_ROOT,
  });
  t.is(r.exitCode, 1, String(r.stderr));
  t.true(noStack(String(r.stderr)));
  const report = readReportFile(json);
  t.deepEqual(report.scenarios.map((s) => s.name).sort(), ['DaemonSet/kube-system/net-agent:agent', 'Deployment/build/ci-runner:runner', 'StatefulSet/payments/ledger:db']);
  const get = (name: string) => report.scenarios.find((s) => s.name === name)!;
  for (const s of report.scenarios) t.falsy(s.error, `${s.name}: ${s.error}`);
  const runner = get('Deployment/build/ci-runner:runner');
  t.is(runner.boundaries['runtime-socket'], 'broken');
  t.is(runner.boundaries['host-network'], 'holds');
  t.true(runner.expectation.unmet.some((l) => /^runtime-socket: expected holds, got broken .*\[workload fields: volume runtime-sock: hostPath \/run\/containerd\/containerd\.sock/.test(l)), runner.expectation.unmet.join('\n'));
  t.true(runner.workload!.notReproduced.some((n) => /volume creds: secret replaced by an empty stand-in \(content never read\)/.test(n)));
  t.true(runner.workload!.notReproduced.some((n) => /serviceAccountName: ci-runner not reproduced/.test(n)));
  const agent = get('DaemonSet/kube-system/net-agent:agent');
  t.is(agent.boundaries['host-network'], 'broken');
  t.is(agent.boundaries.capabilities, 'broken');
  t.is(agent.boundaries['runtime-socket'], 'holds');
  t.true(agent.expectation.unmet.some((l) => /^host-network: .*\[workload fields: spec\.template\.spec\.hostNetwork: true\]/.test(l)), agent.expectation.unmet.join('\n'));
  t.true(agent.expectation.unmet.some((l) => /^capabilities: .*cap-net-admin.*NET_ADMIN/.test(l)), agent.expectation.unmet.join('\n'));
  const ledger = get('StatefulSet/payments/ledger:db');
  t.true(ledger.expectation.met, ledger.expectation.unmet.join('\n'));
  for (const b of BASELINE_BOUNDARIES) t.is(ledger.boundaries[b], 'holds', `ledger ${b}`);
  t.is(ledger.boundaries['root-user'], 'holds');
  t.is(ledger.boundaries['readonly-rootfs'], 'holds');
  // The run's namespace and pods are gone.
  t.deepEqual(await leftoversAfter(core, report.runId), []);
  t.deepEqual((await core.listNamespace({ labelSelector: `escapekit.io/run-id=${report.runId}` })).items.map((n) => n.metadata?.name), []);
});

test.serial('--from-cluster NS: live workloads read with list calls, deployed into the run\'s own namespace', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const kc = new KubeConfig();
  kc.loadFromFile(TEST_KUBECONFIG);
  const apps = kc.makeApiClient(AppsV1Api);
  const namespace = `ek-wl-${Math.random().toString(36).slice(2, 8)}`;
  await core.createNamespace({ body: { metadata: { name: namespace, labels: { 'escapekit-test': 'workloads' } } } });
  const canary = `ek-secret-canary-${Math.random().toString(36).slice(2, 10)}`;
  try {
    await core.createNamespacedSecret({ namespace, body: { metadata: { name: 'tracer-token' }, stringData: { token: canary } } });
    // replicas 0: the workload exists, nothing of it runs.
    await apps.createNamespacedDeployment({
      namespace,
      body: {
        metadata: { name: 'tracer' },
        spec: {
          replicas: 0,
          selector: { matchLabels: { app: 'tracer' } },
          template: {
            metadata: { labels: { app: 'tracer' } },
            spec: { hostPID: true, volumes: [{ name: 'token', secret: { secretName: 'tracer-token' } }], containers: [{ name: 'trace', image: 'example.invalid/tracer:1', volumeMounts: [{ name: 'token', mountPath: '/etc/tracer' }], securityContext: { runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] }, seccompProfile: { type: 'RuntimeDefault' } } }] },
          },
        },
      },
    });
    const json = path.join(out, 'cluster.json');
    const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--from-cluster', namespace, '--expect', 'restricted', '--report', `json=${json}`], { timeoutMs: 300_000 });
    t.is(r.code, 1, r.stderr);
    const report = readReportFile(json);
    t.deepEqual(report.scenarios.map((s) => s.name), [`Deployment/${namespace}/tracer:trace`]);
    const s = report.scenarios[0];
    t.falsy(s.error);
    // The secret is an empty stand-in: its content appears nowhere in what the run produced.
    t.true(s.workload!.notReproduced.some((n) => /volume token: secret replaced by an empty stand-in \(content never read\)/.test(n)));
    t.false(readFileSync(json, 'utf8').includes(canary));
    t.false(`${r.stdout}${r.stderr}`.includes(canary));
    t.is(s.boundaries['host-pid'], 'broken');
    t.is(s.boundaries['root-user'], 'holds');
    t.deepEqual(s.expectation.unmet.map((l) => l.split(':')[0]).filter((b) => b !== 'runtime-socket' && b !== 'host-filesystem'), ['host-pid'], s.expectation.unmet.join('\n'));
    t.deepEqual(await leftoversAfter(core, report.runId), []);
  } finally {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
});

test.serial('workload posture keys reach the pod: a Localhost seccomp profile that allows everything never reads holds, sysctls (an unsafe one is refused by the kubelet), groups, volumes, shared PID namespace; hostUsers: false runs where the runtime supports it and is reported as not reproduced where it does not', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  // The test cluster's kubelet runs on this machine: its seccomp root takes a Localhost profile (removed after).
  const profileDir = path.join(KUBELET_SECCOMP_ROOT, 'escapekit-test');
  const profileName = `allow-all-${Math.random().toString(36).slice(2, 8)}.json`;
  mkdirSync(profileDir, { recursive: true });
  writeFileSync(path.join(profileDir, profileName), '{"defaultAction":"SCMP_ACT_ALLOW"}');
  t.teardown(() => rmSync(profileDir, { recursive: true, force: true }));
  const suite = path.join(out, 'keys.yaml');
  writeFileSync(suite, [
    'name: workload-keys',
    'target: kubernetes',
    'scenarios:',
    '  - name: sysctl-safe',
    '    posture: { user: "1000:1000", sysctls: { kernel.shm_rmid_forced: "1" }, supplementalGroups: [2000], fsGroup: 3000, shareProcessNamespace: true, volumes: [{ kind: emptyDir, path: /cache }, { kind: projected, path: /var/run/tok, serviceAccountToken: true, readOnly: true }] }',
    '    expect: { holds: [root-user, host-pid, kernel-interfaces] }',
    '  - name: seccomp-allow-all',
    `    posture: { user: 1000, seccomp: { localhostProfile: escapekit-test/${profileName} } }`,
    '  - name: sysctl-unsafe',
    '    posture: { user: 1000, sysctls: { kernel.msgmax: "65536" } }',
    '  - name: userns',
    '    posture: { user: 0, hostUsers: false, procMount: Unmasked }',
    '    expect: { holds: [user-namespace] }',
    '',
  ].join('\n'));
  const json = path.join(out, 'keys.json');
  const started = Date.now();
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', suite, '--report', `json=${json}`], { timeoutMs: 300_000 });
  const report = readReportFile(json);
  const get = (name: string) => report.scenarios.find((s) => s.name === name)!;
  const safe = get('sysctl-safe');
  t.falsy(safe.error);
  t.true(safe.expectation.met, safe.expectation.unmet.join('\n'));
  t.regex(get('sysctl-unsafe').error ?? '', /SysctlForbidden.*kernel\.msgmax/);
  // The Localhost profile reached the container (it started, with a filter that lets setns through).
  const allowAll = get('seccomp-allow-all');
  t.falsy(allowAll.error);
  t.not(allowAll.boundaries.seccomp, 'holds', allowAll.checks.filter((c) => c.boundary === 'seccomp').map((c) => c.summary).join('; '));
  const nodes = (await core.listNode()).items;
  const userns = get('userns');
  if (nodes.some((n) => (n.status?.runtimeHandlers ?? []).some((h) => h.features?.userNamespaces))) {
    t.falsy(userns.error);
    t.is(userns.boundaries['user-namespace'], 'holds');
  } else {
    t.regex(userns.error ?? '', /^posture hostUsers: false not reproduced: no node's container runtime reports user namespace support/);
    t.true(Date.now() - started < 120_000, 'reported at once, not after a pod timeout');
  }
  t.is(r.code, 2, r.stderr);
  t.deepEqual(await leftoversAfter(core, report.runId), []);
});
