/**
 * A real runner killed with SIGKILL mid-run on the real cluster leaves its objects (its
 * namespace, or its pod in a user's --namespace); once that run's timeout has passed, the next
 * run removes them first and says so. The killed runs use --timeout 5 and one scenario, so
 * their expiry (scenarios x timeout + the 2 minute margin) comes after about two minutes.
 */
import test from 'ava';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';
import { runCli } from '../helpers/cli.js';
import { loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { spawnCli } from '../helpers/spawn-cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-killed-'));
const userNamespace = `ek-killed-${process.pid}`;

/** A one-scenario suite with a name of its own, so the test finds exactly its probe pod. */
function suite(name: string): string {
  const file = path.join(dir, `${name}.yaml`);
  writeFileSync(file, `name: ${name}\ntarget: kubernetes\nscenarios:\n  - name: default-pod\n    posture: {}\n    expect:\n      holds: [host-pid]\n`);
  return file;
}

/** Starts a run, SIGKILLs it as soon as its probe pod exists, and returns that pod. */
async function killedMidRun(core: CoreV1Api, suiteName: string, extra: string[]): Promise<V1Pod> {
  const child = spawnCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', suite(suiteName), '--timeout', '5', ...extra]);
  const deadline = Date.now() + 120_000;
  try {
    for (;;) {
      const pods = await core.listPodForAllNamespaces({ labelSelector: `escapekit.io/suite=${suiteName}` });
      if (pods.items.length) {
        child.kill('SIGKILL');
        const r = await child;
        if (r.signal !== 'SIGKILL') throw new Error(`the runner ended before it was killed: ${r.exitCode} ${r.stderr}`);
        return pods.items[0];
      }
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no probe pod of ${suiteName} appeared: ${(await child).stderr}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

/** Sleeps until an object's expiry mark has passed. */
async function untilExpired(annotations: Record<string, string> | undefined): Promise<void> {
  const expires = Date.parse(annotations?.['escapekit.io/expires-at'] ?? '');
  if (!Number.isFinite(expires)) throw new Error('the object carries no escapekit.io/expires-at mark');
  await new Promise((r) => setTimeout(r, Math.max(0, expires - Date.now()) + 1000));
}

const gone = (read: Promise<{ metadata?: { deletionTimestamp?: Date } }>) => read.then((o) => Boolean(o.metadata?.deletionTimestamp), () => true);

test.after.always(async () => {
  const core = await requireClusterQuietly();
  await core?.deleteNamespace({ name: userNamespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
});

async function requireClusterQuietly(): Promise<CoreV1Api | undefined> {
  const { KubeConfig, CoreV1Api: Api } = await import('@kubernetes/client-node');
  const kc = new KubeConfig();
  kc.loadFromFile(TEST_KUBECONFIG);
  return kc.makeApiClient(Api);
}

test('a runner SIGKILLed mid-run leaves its namespace; the next run removes it once expired and says so', async (t) => {
  // The killed run's expiry is about two minutes away; then one more run.
  t.timeout(8 * 60_000);
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  const pod = await killedMidRun(core, `killed-fresh-${process.pid}`, []);
  const namespace = pod.metadata!.namespace!;
  const runId = pod.metadata!.labels!['escapekit.io/run-id'];
  // The leftovers are real: nothing removed them after the kill.
  await new Promise((r) => setTimeout(r, 2000));
  const left = await core.readNamespace({ name: namespace });
  t.is(left.status?.phase, 'Active');
  t.is(left.metadata?.labels?.['escapekit.io/run-id'], runId);
  await untilExpired(left.metadata?.annotations);
  const next = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', suite(`next-fresh-${process.pid}`)], { timeoutMs: 300_000 });
  t.is(next.code, 0, next.stderr);
  t.true(next.stderr.includes(`removed the objects of stale run ${runId} (runner gone, past its timeout): namespace ${namespace}`), next.stderr);
  t.true(await gone(core.readNamespace({ name: namespace })), `${namespace} is still active`);
});

test('a --namespace runner SIGKILLed mid-run leaves its pod; the next run in that namespace removes it once expired and says so', async (t) => {
  // The killed run's expiry is about two minutes away; then one more run.
  t.timeout(8 * 60_000);
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  await core.createNamespace({ body: { metadata: { name: userNamespace } } });
  const pod = await killedMidRun(core, `killed-ns-${process.pid}`, ['--namespace', userNamespace]);
  const name = pod.metadata!.name!;
  const runId = pod.metadata!.labels!['escapekit.io/run-id'];
  t.is(pod.metadata!.namespace, userNamespace);
  await new Promise((r) => setTimeout(r, 2000));
  const left = await core.readNamespacedPod({ name, namespace: userNamespace });
  t.falsy(left.metadata?.deletionTimestamp, 'the killed run\'s pod is left behind');
  await untilExpired(left.metadata?.annotations);
  const next = await runCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--namespace', userNamespace, '--suite', suite(`next-ns-${process.pid}`)], { timeoutMs: 300_000 });
  t.is(next.code, 0, next.stderr);
  t.true(next.stderr.includes(`removed the objects of stale run ${runId} (runner gone, past its timeout): pod ${name} in namespace ${userNamespace}`), next.stderr);
  t.true(await gone(core.readNamespacedPod({ name, namespace: userNamespace })), `${name} is still there`);
  const probes = await core.listNamespacedPod({ namespace: userNamespace, labelSelector: 'escapekit.io/run-id' });
  t.deepEqual(probes.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name), []);
});
