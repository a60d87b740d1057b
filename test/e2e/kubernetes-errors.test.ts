/** Clear exit-2 errors, no stack trace: unreachable API server, unknown context, RBAC refusing pod creation. */
import test from 'ava';
import { readReportFile } from '../../src/model/read-report.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { noStack, runCli } from '../helpers/cli.js';
import { requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-k8s-err-'));

function kubeconfig(name: string, server: string, user: Record<string, string>, ca?: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, JSON.stringify({
    apiVersion: 'v1', kind: 'Config', 'current-context': 'c',
    clusters: [{ name: 'k', cluster: { server, ...(ca ? { 'certificate-authority-data': ca } : { 'insecure-skip-tls-verify': true }) } }],
    users: [{ name: 'u', user }],
    contexts: [{ name: 'c', context: { cluster: 'k', user: 'u' } }],
  }));
  return file;
}

test('unreachable API server: exit 2 within 5 s, naming the server', async (t) => {
  const file = kubeconfig('unreachable.json', 'https://127.0.0.1:1', { token: 'x' });
  const started = Date.now();
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', file, '--suite', 'k8s-baseline']);
  t.is(r.code, 2);
  t.true(Date.now() - started < 8000, `${Date.now() - started} ms`);
  t.regex(r.stderr, /Kubernetes API server unreachable at https:\/\/127\.0\.0\.1:1/);
  t.true(noStack(r.stderr));
});

test('unknown context: exit 2 listing the known ones', async (t) => {
  const file = kubeconfig('ctx.json', 'https://127.0.0.1:1', { token: 'x' });
  const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', file, '--context', 'nope', '--suite', 'k8s-baseline']);
  t.is(r.code, 2);
  t.regex(r.stderr, /unknown kubeconfig context 'nope' \(known: c\)/);
});

test.serial('RBAC forbidding pod creation: exit 2, nothing created', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  const admin = new KubeConfig();
  admin.loadFromFile(TEST_KUBECONFIG);
  const cluster = admin.getCurrentCluster()!;
  const sa = `escapekit-nobody-${process.pid}`;
  await core.createNamespacedServiceAccount({ namespace: 'default', body: { metadata: { name: sa } } });
  try {
    const token = await core.createNamespacedServiceAccountToken({ name: sa, namespace: 'default', body: { spec: { audiences: [], expirationSeconds: 600 } } });
    const file = kubeconfig('nobody.json', cluster.server, { token: token.status!.token }, cluster.caData);
    const r1 = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', file, '--suite', 'k8s-baseline']);
    t.is(r1.code, 2);
    t.regex(r1.stderr, /not allowed to create namespaces/);
    const r2 = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', file, '--namespace', 'default', '--suite', 'k8s-baseline']);
    t.is(r2.code, 2);
    t.regex(r2.stderr, /not allowed to create pods in namespace default/);
    t.true(noStack(r1.stderr + r2.stderr));
  } finally {
    await core.deleteNamespacedServiceAccount({ name: sa, namespace: 'default' }).catch(() => undefined);
  }
});

test.serial('a ResourceQuota refusal is an error of the scenario, never a policy denial (exit 2, even where a denial is expected)', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  const namespace = `escapekit-quota-${process.pid}`;
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  try {
    await core.createNamespacedResourceQuota({ namespace, body: { metadata: { name: 'no-pods' }, spec: { hard: { pods: '0' } } } });
    const suite = path.join(dir, 'quota.yaml');
    writeFileSync(suite, 'name: quota\ntarget: kubernetes\nscenarios:\n  - name: privileged-expected-denied\n    posture: { privileged: true }\n    expect: { admission: denied }\n');
    const json = path.join(dir, 'quota.json');
    const r = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--namespace', namespace, '--suite', suite, '--report', `json=${json}`]);
    t.is(r.code, 2, r.stderr);
    const scenario = readReportFile(json).scenarios[0];
    t.not(scenario.admission, 'denied', 'a quota refusal says nothing about the posture');
    t.regex(scenario.error ?? '', /exceeded quota: no-pods/);
    t.true(noStack(r.stderr));
  } finally {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
});
