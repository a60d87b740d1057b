/**
 * Runs whose runner is gone (SIGKILL, a lost machine) leave their namespaces behind, or their
 * pods in a user's `--namespace`. Each run namespace and probe pod carries the time after which
 * its run cannot still be going; a later run removes such objects first and says so. Objects
 * without that mark are left to `cleanup`.
 */
import type { CoreV1Api, V1ObjectMeta } from '@kubernetes/client-node';
import { RUN_ID_LABEL, runSelector } from '../targets/labels.js';
import { within } from './client.js';

/** Annotation on a run's namespace: ISO time after which its runner is certainly gone. */
export const EXPIRES_ANNOTATION = 'escapekit.io/expires-at';

/**
 * Slack beyond the probes' own timeouts: the namespace's service account (at most 30 s), a
 * first pod create retried until it exists (at most 30 s) and API latency. Removing a run that
 * is in fact still going costs that run errors (exit 2), never a wrong verdict.
 */
const MARGIN_MS = 2 * 60_000;

/**
 * When a run starting now is over at the latest: every probe is bounded by the timeout and a
 * run has at most `probes` of them one after the other (nodes of one scenario run together).
 */
export function runExpiry(now: Date, probes: number, timeoutMs: number): string {
  return new Date(now.getTime() + Math.max(1, probes) * timeoutMs + MARGIN_MS).toISOString();
}

/** A run's namespaces or pods past their expiry, grouped by run id; `ownRunId` and objects already being deleted are never stale. */
export function staleRuns(objects: ReadonlyArray<{ metadata?: V1ObjectMeta; status?: { phase?: string } }>, now: Date, ownRunId: string): Map<string, string[]> {
  const stale = new Map<string, string[]>();
  for (const o of objects) {
    const runId = o.metadata?.labels?.[RUN_ID_LABEL];
    const expires = Date.parse(o.metadata?.annotations?.[EXPIRES_ANNOTATION] ?? '');
    const name = o.metadata?.name;
    if (!runId || runId === ownRunId || !name || !Number.isFinite(expires) || expires > now.getTime()) continue;
    if (o.status?.phase === 'Terminating' || o.metadata?.deletionTimestamp) continue;
    stale.set(runId, [...(stale.get(runId) ?? []), name]);
  }
  return stale;
}

/** Deletes stale runs' namespaces (not waiting for them to go); returns what was removed, for the user. */
export async function removeStaleRuns(core: CoreV1Api, ownRunId: string, now = new Date()): Promise<string[]> {
  const list = await within(core.listNamespace({ labelSelector: runSelector(undefined) }), 10_000, 'list namespaces');
  const lines: string[] = [];
  for (const [runId, names] of staleRuns(list.items, now, ownRunId)) {
    await Promise.all(names.map((name) => within(core.deleteNamespace({ name, gracePeriodSeconds: 0, propagationPolicy: 'Background' }), 10_000, 'delete namespace')));
    lines.push(`removed the objects of stale run ${runId} (runner gone, past its timeout): namespace ${names.join(', ')}`);
  }
  return lines;
}

/** Deletes stale runs' probe pods in a namespace the runs did not create (`--namespace`); returns what was removed, for the user. */
export async function removeStalePods(core: CoreV1Api, namespace: string, ownRunId: string, now = new Date()): Promise<string[]> {
  const list = await within(core.listNamespacedPod({ namespace, labelSelector: runSelector(undefined) }), 10_000, 'list pods');
  const lines: string[] = [];
  for (const [runId, names] of staleRuns(list.items, now, ownRunId)) {
    await Promise.all(names.map((name) => within(core.deleteNamespacedPod({ name, namespace, gracePeriodSeconds: 0 }), 10_000, 'delete pod').catch(() => undefined)));
    lines.push(`removed the objects of stale run ${runId} (runner gone, past its timeout): pod ${names.join(', ')} in namespace ${namespace}`);
  }
  return lines;
}
