/** The run's namespaces: created with the run-id label (and Pod Security labels only when a suite asks), deleted at the end. */
import type { CoreV1Api } from '@kubernetes/client-node';
import { UsageError } from '../errors.js';
import type { PodSecurityLevel } from '../suite/types.js';
import { RUN_ID_LABEL, runSelector } from '../targets/labels.js';
import { within } from './client.js';

/** Longest one cleanup request may take: a server that stops answering must not hang the CLI. */
const REQUEST_MS = 10_000;

/** Name of the run's namespace for a Pod Security level (or the cluster's own policy). */
export function runNamespaceName(runId: string, level: PodSecurityLevel | undefined): string {
  return `escapekit-${runId}-${level ?? 'cluster'}`.slice(0, 63).replace(/-+$/, '');
}

/** Creates a namespace labelled with the run id and, if asked, a Pod Security enforce level. */
export async function createRunNamespace(core: CoreV1Api, name: string, runId: string, level: PodSecurityLevel | undefined, annotations: Record<string, string> = {}): Promise<void> {
  const labels: Record<string, string> = { [RUN_ID_LABEL]: runId };
  if (level) {
    labels['pod-security.kubernetes.io/enforce'] = level;
    labels['pod-security.kubernetes.io/enforce-version'] = 'latest';
  }
  await core.createNamespace({ body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels, annotations } } });
  await waitForDefaultServiceAccount(core, name);
}

/** How long the service account controller gets to create a new namespace's `default` account. */
const SERVICE_ACCOUNT_MS = 30_000;

/**
 * Waits until the namespace's `default` service account exists: until then the API server
 * refuses every pod there ("error looking up service account"), a refusal that says nothing
 * about Pod Security and must not be reported as an admission denial.
 */
async function waitForDefaultServiceAccount(core: CoreV1Api, namespace: string): Promise<void> {
  const deadline = Date.now() + SERVICE_ACCOUNT_MS;
  for (;;) {
    const seen = await within(core.readNamespacedServiceAccount({ name: 'default', namespace }), REQUEST_MS, 'read service account')
      .then(() => 'found', (e: { code?: number }) => (e?.code === 403 ? 'not allowed to look' : 'absent'));
    if (seen !== 'absent') return;
    if (Date.now() > deadline) throw new UsageError(`namespace ${namespace}: its 'default' service account did not appear within ${SERVICE_ACCOUNT_MS / 1000} s (is the service account controller running?)`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Polls `list` until it is empty or `waitMs` pass (0: do not wait). */
async function waitUntilGone(list: () => Promise<{ items: unknown[] }>, waitMs: number): Promise<void> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const left = await within(list(), REQUEST_MS, 'list').catch(() => null);
    if (left && left.items.length === 0) return;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Deletes every namespace carrying the run id (or any run id) and waits (at most `waitMs`) until they are gone. */
export async function deleteRunNamespaces(core: CoreV1Api, runId: string | undefined, waitMs = 60_000): Promise<string[]> {
  const labelSelector = runSelector(runId);
  const list = await within(core.listNamespace({ labelSelector }), REQUEST_MS, 'list namespaces');
  const names = list.items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  await Promise.all(names.map((name) => within(core.deleteNamespace({ name, gracePeriodSeconds: 0, propagationPolicy: 'Background' }), REQUEST_MS, 'delete namespace').catch(() => undefined)));
  if (names.length) await waitUntilGone(() => core.listNamespace({ labelSelector }), waitMs);
  return names;
}

/** Deletes the run's pods in a namespace the run did not create (a user's --namespace) and waits (at most `waitMs`) until they are gone. */
export async function deleteRunPods(core: CoreV1Api, namespace: string, runId: string, waitMs = 60_000): Promise<void> {
  const labelSelector = runSelector(runId);
  await within(core.deleteCollectionNamespacedPod({ namespace, labelSelector, gracePeriodSeconds: 0 }), REQUEST_MS, 'delete pods');
  await waitUntilGone(() => core.listNamespacedPod({ namespace, labelSelector }), waitMs);
}
