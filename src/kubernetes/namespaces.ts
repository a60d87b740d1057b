/** The run's namespaces: created with the run-id label (and Pod Security labels only when a suite asks), deleted at the end. */
import type { CoreV1Api } from '@kubernetes/client-node';
import type { PodSecurityLevel } from '../suite/types.js';
import { RUN_ID_LABEL } from '../targets/labels.js';

/** Name of the run's namespace for a Pod Security level (or the cluster's own policy). */
export function runNamespaceName(runId: string, level: PodSecurityLevel | undefined): string {
  return `escapekit-${runId}-${level ?? 'cluster'}`.slice(0, 63).replace(/-+$/, '');
}

/** Creates a namespace labelled with the run id and, if asked, a Pod Security enforce level. */
export async function createRunNamespace(core: CoreV1Api, name: string, runId: string, level: PodSecurityLevel | undefined): Promise<void> {
  const labels: Record<string, string> = { [RUN_ID_LABEL]: runId };
  if (level) {
    labels['pod-security.kubernetes.io/enforce'] = level;
    labels['pod-security.kubernetes.io/enforce-version'] = 'latest';
  }
  await core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } } });
}

/** Deletes every namespace carrying the run id (or any run id) and waits until they are gone. */
export async function deleteRunNamespaces(core: CoreV1Api, runId: string | undefined, waitMs = 60_000): Promise<string[]> {
  const labelSelector = runId ? `${RUN_ID_LABEL}=${runId}` : RUN_ID_LABEL;
  const list = await core.listNamespace({ labelSelector });
  const names = list.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  await Promise.all(names.map((name) => core.deleteNamespace({ name, gracePeriodSeconds: 0, propagationPolicy: 'Background' }).catch(() => undefined)));
  const deadline = Date.now() + waitMs;
  while (names.length && Date.now() < deadline) {
    const left = await core.listNamespace({ labelSelector }).catch(() => null);
    if (left && left.items.length === 0) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  return names;
}

/** Deletes the run's pods in a namespace the run did not create (a user's --namespace). */
export async function deleteRunPods(core: CoreV1Api, namespace: string, runId: string): Promise<void> {
  await core.deleteCollectionNamespacedPod({ namespace, labelSelector: `${RUN_ID_LABEL}=${runId}`, gracePeriodSeconds: 0 });
}
