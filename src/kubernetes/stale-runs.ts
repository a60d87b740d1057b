/**
 * Runs whose runner is gone (SIGKILL, a lost machine) leave their namespaces behind. Each run
 * namespace carries the time after which its run cannot still be going; a later run removes
 * such namespaces first and says so. Namespaces without that mark are left to `cleanup`.
 */
import type { CoreV1Api, V1Namespace } from '@kubernetes/client-node';
import { RUN_ID_LABEL, runSelector } from '../targets/labels.js';
import { within } from './client.js';

/** Annotation on a run's namespace: ISO time after which its runner is certainly gone. */
export const EXPIRES_ANNOTATION = 'escapekit.io/expires-at';

/** Slack for API latency, namespace creation and cleanup beyond the probes' own timeouts. */
const MARGIN_MS = 5 * 60_000;

/**
 * When a run starting now is over at the latest: every probe is bounded by the timeout and a
 * run has at most `probes` of them one after the other (nodes of one scenario run together).
 */
export function runExpiry(now: Date, probes: number, timeoutMs: number): string {
  return new Date(now.getTime() + Math.max(1, probes) * timeoutMs + MARGIN_MS).toISOString();
}

/** A run's namespaces past their expiry, grouped by run id; `ownRunId` is never stale. */
export function staleRuns(namespaces: readonly V1Namespace[], now: Date, ownRunId: string): Map<string, string[]> {
  const stale = new Map<string, string[]>();
  for (const ns of namespaces) {
    const runId = ns.metadata?.labels?.[RUN_ID_LABEL];
    const expires = Date.parse(ns.metadata?.annotations?.[EXPIRES_ANNOTATION] ?? '');
    const name = ns.metadata?.name;
    if (!runId || runId === ownRunId || !name || !Number.isFinite(expires) || expires > now.getTime()) continue;
    if (ns.status?.phase === 'Terminating') continue;
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
