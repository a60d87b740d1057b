/**
 * Least privilege on the real cluster: service-account tokens bound to the built-in `edit`
 * ClusterRole, to deploy/rbac/namespace-role.yaml and to deploy/rbac/cluster-role.yaml run
 * the k8s suites; what they may not do is exit 2 naming the permission. Everything the test
 * creates (namespace, accounts, roles, bindings, kubeconfigs) is removed.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { KubeConfig, RbacAuthorizationV1Api, type V1ClusterRole, type V1Role } from '@kubernetes/client-node';
import { readReportFile } from '../../src/model/read-report.js';
import { noStack, runCli } from '../helpers/cli.js';
import { labelledLeftovers, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { REPO_ROOT } from '../helpers/paths.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-rbac-'));
const ns = `ek-rbac-${process.pid}`;
const clusterRoleName = `escapekit-runner-e2e-${process.pid}`;
const admin = new KubeConfig();
admin.loadFromFile(TEST_KUBECONFIG);
const rbac = admin.makeApiClient(RbacAuthorizationV1Api);

const shipped = <T>(file: string): T => parse(readFileSync(path.join(REPO_ROOT, 'deploy', 'rbac', file), 'utf8')) as T;

/** A service account of the test namespace bound to `roleRef`, and a kubeconfig with its token. */
async function identity(core: NonNullable<Awaited<ReturnType<typeof requireCluster>>>, name: string, roleRef: { kind: 'Role' | 'ClusterRole'; name: string }, clusterWide = false): Promise<string> {
  await core.createNamespacedServiceAccount({ namespace: ns, body: { metadata: { name } } });
  const subjects = [{ kind: 'ServiceAccount', name, namespace: ns }];
  const ref = { apiGroup: 'rbac.authorization.k8s.io', ...roleRef };
  if (clusterWide) await rbac.createClusterRoleBinding({ body: { metadata: { name: clusterRoleName }, roleRef: ref, subjects } });
  else await rbac.createNamespacedRoleBinding({ namespace: ns, body: { metadata: { name }, roleRef: ref, subjects } });
  const token = await core.createNamespacedServiceAccountToken({ name, namespace: ns, body: { spec: { audiences: [], expirationSeconds: 900 } } });
  const cluster = admin.getCurrentCluster()!;
  const file = path.join(dir, `${name}.json`);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': name,
    clusters: [{ name: 'k', cluster: { server: cluster.server, 'certificate-authority-data': cluster.caData } }],
    users: [{ name, user: { token: token.status!.token } }],
    contexts: [{ name, context: { cluster: 'k', user: name } }],
  }), { mode: 0o600 });
  return file;
}

test.before(async () => {
  if (!(await requireClusterQuietly())) return;
  const core = admin.makeApiClient((await import('@kubernetes/client-node')).CoreV1Api);
  await core.createNamespace({ body: { metadata: { name: ns } } });
});

test.after.always(async () => {
  const core = admin.makeApiClient((await import('@kubernetes/client-node')).CoreV1Api);
  await rbac.deleteClusterRoleBinding({ name: clusterRoleName }).catch(() => undefined);
  await rbac.deleteClusterRole({ name: clusterRoleName }).catch(() => undefined);
  await core.deleteNamespace({ name: ns, gracePeriodSeconds: 0 }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function requireClusterQuietly(): Promise<boolean> {
  try {
    await admin.makeApiClient((await import('@kubernetes/client-node')).VersionApi).getCode();
    return true;
  } catch {
    return false;
  }
}

const runPods = async (core: NonNullable<Awaited<ReturnType<typeof requireCluster>>>) => (await core.listNamespacedPod({ namespace: ns, labelSelector: 'escapekit.io/run-id' })).items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name);

test.serial('edit in one namespace: k8s-baseline exit 0, node list "not permitted"; --nodes all exit 2 naming list nodes', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const kubeconfig = await identity(core, 'editor', { kind: 'ClusterRole', name: 'edit' });
  const json = path.join(dir, 'edit.json');
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--namespace', ns, '--suite', 'k8s-baseline', '--report', `json=${json}`], { timeoutMs: 300_000 });
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.is(report.target.nodes, 'not permitted (list nodes (cluster scope))');
  t.true(report.scenarios.length > 0);
  t.true(report.scenarios.every((s) => !s.error), JSON.stringify(report.scenarios.filter((s) => s.error).map((s) => s.error)));
  const perNode = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--namespace', ns, '--nodes', 'all', '--suite', 'k8s-baseline']);
  t.is(perNode.code, 2);
  t.regex(perNode.stderr, /not allowed to list nodes \(cluster scope\)/);
  const own = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--suite', 'k8s-baseline']);
  t.is(own.code, 2);
  t.regex(own.stderr, /not allowed to create namespaces \(cluster scope\)/);
  t.regex(own.stderr, /hint: .*--namespace NS/);
  for (const e of [perNode.stderr, own.stderr]) {
    t.notRegex(e, /internal error/);
    t.true(noStack(e));
  }
  t.deepEqual(await runPods(core), []);
});

test.serial('deploy/rbac/namespace-role.yaml alone: k8s-baseline in that namespace exit 0, nothing left', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const role = shipped<V1Role>('namespace-role.yaml');
  await rbac.createNamespacedRole({ namespace: ns, body: { ...role, metadata: { ...role.metadata, namespace: ns } } });
  const kubeconfig = await identity(core, 'least', { kind: 'Role', name: role.metadata!.name! });
  const json = path.join(dir, 'least-report.json'); // not least.json: that is the identity's kubeconfig
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--namespace', ns, '--suite', 'k8s-baseline', '--report', `json=${json}`], { timeoutMs: 300_000 });
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.true(report.scenarios.length > 0 && report.scenarios.every((s) => !s.error && s.expectation.met));
  t.deepEqual(await runPods(core), []);
  // The report ConfigMap needs what deploy/cronjob.yaml's Role adds: refused up front, naming both.
  const toConfigMap = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--namespace', ns, '--suite', 'k8s-baseline', '--report-configmap', 'escapekit-report']);
  t.is(toConfigMap.code, 2, toConfigMap.stderr);
  t.regex(toConfigMap.stderr, new RegExp(`not allowed to create configmaps in namespace ${ns}`));
  t.regex(toConfigMap.stderr, new RegExp(`not allowed to update configmaps/escapekit-report in namespace ${ns}`));
  t.regex(toConfigMap.stderr, /hint: deploy\/cronjob.yaml grants/);
  t.true(noStack(toConfigMap.stderr));
  t.deepEqual(await runPods(core), []);
});

test.serial('deploy/rbac/cluster-role.yaml alone: pod security and baseline suites in fresh namespaces, per node, exit 0, nothing left', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const role = shipped<V1ClusterRole>('cluster-role.yaml');
  await rbac.createClusterRole({ body: { ...role, metadata: { ...role.metadata, name: clusterRoleName } } });
  const kubeconfig = await identity(core, 'cluster', { kind: 'ClusterRole', name: clusterRoleName }, true);
  const json = path.join(dir, 'cluster.json');
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', kubeconfig, '--nodes', 'all', '--suite', 'k8s-pod-security', '--suite', 'k8s-baseline', '--report', `json=${json}`], { timeoutMs: 300_000 });
  t.is(r.code, 0, r.stderr);
  const report = readReportFile(json);
  t.true(Array.isArray(report.target.nodes) && report.target.nodes.length > 0);
  t.true(report.scenarios.some((s) => s.admission === 'denied'), 'the restricted namespace refused pods');
  // Namespaces may still be terminating (the CLI does not wait for that); nothing of the run may be live.
  t.deepEqual(await labelledLeftovers(core, report.runId, { live: true }), []);
});
