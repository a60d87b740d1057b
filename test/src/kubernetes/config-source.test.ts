/** Where credentials come from: kubeconfigs first, then the pod's service account, never a silent localhost fallback. */
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configSource, SERVICE_ACCOUNT_DIR } from '../../../src/kubernetes/config-source.js';
import { loadCluster } from '../../../src/kubernetes/client.js';
import { UsageError } from '../../../src/errors.js';

const home = mkdtempSync(path.join(os.tmpdir(), 'ek-home-'));
const pod = (namespace = 'team-a\n') => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'ek-sa-'));
  mkdirSync(`${root}${SERVICE_ACCOUNT_DIR}`, { recursive: true });
  writeFileSync(`${root}${SERVICE_ACCOUNT_DIR}/token`, 'token');
  writeFileSync(`${root}${SERVICE_ACCOUNT_DIR}/ca.crt`, '');
  writeFileSync(`${root}${SERVICE_ACCOUNT_DIR}/namespace`, namespace);
  return root;
};
const inPodEnv = { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' };

test('--kubeconfig and $KUBECONFIG win over the pod service account', (t) => {
  const root = pod();
  t.deepEqual(configSource('/k.yaml', { env: inPodEnv, home, root }), { kind: 'file', file: '/k.yaml' });
  t.deepEqual(configSource(undefined, { env: { ...inPodEnv, KUBECONFIG: '/x' }, home, root }), { kind: 'default' });
});

test('in a pod with no kubeconfig: the service account and its namespace', (t) => {
  const root = pod();
  t.deepEqual(configSource(undefined, { env: inPodEnv, home, root }), { kind: 'in-cluster', root, namespace: 'team-a' });
});

test('a malformed namespace file is not used', (t) => {
  const source = configSource(undefined, { env: inPodEnv, home, root: pod('../etc\n') });
  t.is(source.kind, 'in-cluster');
  t.false('namespace' in source);
});

test('neither a kubeconfig nor a pod: exit 2 naming everything tried', (t) => {
  const source = configSource(undefined, { env: {}, home, root: pod() });
  t.is(source.kind, 'none');
  const error = t.throws(() => loadCluster({}, { env: {}, home, root: '/nonexistent' }), { instanceOf: UsageError });
  t.regex(error!.message, /no Kubernetes credentials found: no --kubeconfig; \$KUBECONFIG is not set; .*\.kube\/config does not exist; not inside a pod/);
  const noToken = t.throws(() => loadCluster({}, { env: inPodEnv, home, root: '/nonexistent' }), { instanceOf: UsageError });
  t.regex(noToken!.message, /no service account token at \/nonexistent\/var\/run\/secrets\/kubernetes.io\/serviceaccount\/token/);
});

test.serial('in-cluster: the cluster knows it runs in a pod, and in which namespace', (t) => {
  // The client library reads the service address from the process environment itself.
  const saved = { ...process.env };
  Object.assign(process.env, inPodEnv);
  try {
    const cluster = loadCluster({}, { env: inPodEnv, home, root: pod() });
    t.deepEqual(cluster.inCluster, { namespace: 'team-a' });
    t.is(cluster.server, 'https://10.96.0.1:443');
  } finally {
    for (const k of Object.keys(inPodEnv)) if (!(k in saved)) delete process.env[k];
  }
});
