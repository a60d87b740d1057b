/** The local Kubernetes cluster for end-to-end tests (test/cluster/up.sh), reached through an ordinary kubeconfig. */
import type { ExecutionContext } from 'ava';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { missing } from './require.js';
import { REPO_ROOT } from './paths.js';
import { runCli } from './cli.js';

/** Kubeconfig of the test cluster. */
export const TEST_KUBECONFIG = process.env.ESCAPEKIT_TEST_KUBECONFIG ?? '/var/lib/escapekit-k8s/kubeconfig';

/** Core API of the test cluster when it answers; otherwise fails (CI) or loudly skips (local). */
export async function requireCluster(t: ExecutionContext): Promise<CoreV1Api | null> {
  if (!existsSync(TEST_KUBECONFIG)) return missing(t, `a Kubernetes cluster (kubeconfig ${TEST_KUBECONFIG}; run test/cluster/up.sh)`) || null;
  const kc = new KubeConfig();
  kc.loadFromFile(TEST_KUBECONFIG);
  const core = kc.makeApiClient(CoreV1Api);
  try {
    await Promise.race([core.listNode(), new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 5000))]);
    return core;
  } catch {
    return missing(t, `a reachable Kubernetes API server (kubeconfig ${TEST_KUBECONFIG})`) || null;
  }
}

let loaded: Promise<string> | undefined;

/** Builds the probe image and imports it into the test cluster's containerd, once per test process. */
export function loadProbeImage(): Promise<string> {
  loaded ??= (async () => {
    const built = await runCli(['image', 'build']);
    if (built.code !== 0) throw new Error(`image build failed: ${built.stderr}`);
    const tag = built.stdout.trim();
    await execa('bash', [path.join(REPO_ROOT, 'test', 'cluster', 'load-image.sh'), tag]);
    return tag;
  })();
  return loaded;
}

/**
 * Namespaces and pods still carrying the run-id label of one run (or of any run). With
 * `live`, only those the API server is not already deleting (a pod counts as deleted when its
 * namespace is terminating): a finished run's namespaces may still be terminating (the CLI
 * does not wait for that), but nothing of it may be live.
 */
export async function labelledLeftovers(core: CoreV1Api, runId?: string, options: { live?: boolean } = {}): Promise<string[]> {
  const labelSelector = runId ? `escapekit.io/run-id=${runId}` : 'escapekit.io/run-id';
  const [ns, pods] = await Promise.all([core.listNamespace({ labelSelector }), core.listPodForAllNamespaces({ labelSelector })]);
  const terminating = new Set(ns.items.filter((n) => n.metadata?.deletionTimestamp).map((n) => n.metadata?.name));
  const namespaces = ns.items.filter((n) => !options.live || !terminating.has(n.metadata?.name));
  const livePods = pods.items.filter((p) => !options.live || (!p.metadata?.deletionTimestamp && !terminating.has(p.metadata?.namespace)));
  return [...namespaces.map((n) => `namespace/${n.metadata?.name}`), ...livePods.map((p) => `pod/${p.metadata?.namespace}/${p.metadata?.name}`)];
}

/** A run's leftovers once they had `ms` to go (the namespace controller removes terminating namespaces in the background). */
export async function leftoversAfter(core: CoreV1Api, runId: string, ms = 90_000): Promise<string[]> {
  const deadline = Date.now() + ms;
  for (;;) {
    const left = await labelledLeftovers(core, runId);
    if (left.length === 0 || Date.now() >= deadline) return left;
    await new Promise((r) => setTimeout(r, 500));
  }
}
