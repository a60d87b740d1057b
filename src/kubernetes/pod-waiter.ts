/**
 * Waits for many probe pods with one batched list call per interval (per namespace), instead
 * of one watch or poll per pod.
 */
import type { CoreV1Api, V1Pod } from '@kubernetes/client-node';

/** How a probe pod ended. */
export type PodEnd = { done: true; phase: string } | { done: false; reason: string };

/** Container states that will never resolve on their own. */
const FATAL_WAITING = new Set(['ErrImageNeverPull', 'CreateContainerConfigError', 'CreateContainerError', 'InvalidImageName', 'ErrImagePull', 'ImagePullBackOff', 'RunContainerError']);

/** Reads a final state from a pod, or null while it is still on its way. */
export function podEnd(pod: V1Pod): PodEnd | null {
  const phase = pod.status?.phase;
  // Rejected by the kubelet before any container ran (SysctlForbidden, NodeAffinity...): say why, there is no log.
  const ran = (pod.status?.containerStatuses ?? []).some((c) => c.state?.terminated || c.state?.running);
  if (phase === 'Failed' && pod.status?.reason && !ran) return { done: false, reason: `${pod.status.reason}: ${pod.status.message ?? ''}`.trim() };
  if (phase === 'Succeeded' || phase === 'Failed') return { done: true, phase };
  for (const cs of pod.status?.containerStatuses ?? []) {
    const waiting = cs.state?.waiting;
    if (waiting?.reason && FATAL_WAITING.has(waiting.reason)) return { done: false, reason: `${waiting.reason}: ${waiting.message ?? ''}`.trim() };
  }
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') return { done: false, reason: `unschedulable: ${scheduled.message ?? ''}` };
  return null;
}

/** Warning events that mean a pod will never run. */
const PERMANENT_EVENT = /FailedMount .*(hostPath type check failed|does not exist|not a socket|not a directory)/;

interface Waiting {
  resolve: (end: PodEnd) => void;
}

/** Polls pods of a namespace by label selector and resolves per-pod waiters. */
export class PodWaiter {
  private readonly waiting = new Map<string, Map<string, Waiting>>();
  private timer?: NodeJS.Timeout;
  private ticks = 0;

  constructor(private readonly core: CoreV1Api, private readonly selector: string, private readonly intervalMs = 300) {}

  /** Resolves when the pod ends or gets stuck; the caller applies its own timeout. */
  wait(namespace: string, name: string): Promise<PodEnd> {
    return new Promise((resolve) => {
      if (!this.waiting.has(namespace)) this.waiting.set(namespace, new Map());
      this.waiting.get(namespace)!.set(name, { resolve });
      this.timer ??= setTimeout(() => void this.tick(), this.intervalMs);
    });
  }

  /** Stops waiting for a pod (after a timeout). */
  forget(namespace: string, name: string): void {
    this.waiting.get(namespace)?.delete(name);
  }

  /** Pods the kubelet can never start (a typed hostPath that does not exist) only show it in events. */
  private async failFromEvents(): Promise<void> {
    for (const [namespace, pods] of this.waiting) {
      if (pods.size === 0) continue;
      const events = await this.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' }).catch(() => null);
      for (const e of events?.items ?? []) {
        const waiter = pods.get(e.involvedObject?.name ?? '');
        if (waiter && PERMANENT_EVENT.test(`${e.reason} ${e.message}`)) {
          pods.delete(e.involvedObject.name!);
          waiter.resolve({ done: false, reason: `${e.reason}: ${e.message ?? ''}`.trim() });
        }
      }
    }
  }

  private async tick(): Promise<void> {
    for (const [namespace, pods] of this.waiting) {
      if (pods.size === 0) continue;
      const list = await this.core.listNamespacedPod({ namespace, labelSelector: this.selector }).catch(() => null);
      for (const pod of list?.items ?? []) {
        const name = pod.metadata?.name ?? '';
        const waiter = pods.get(name);
        const end = waiter ? podEnd(pod) : null;
        if (waiter && end) {
          pods.delete(name);
          waiter.resolve(end);
        }
      }
    }
    if (++this.ticks % 5 === 0) await this.failFromEvents();
    const pending = [...this.waiting.values()].some((m) => m.size > 0);
    this.timer = pending ? setTimeout(() => void this.tick(), this.intervalMs) : undefined;
  }
}
