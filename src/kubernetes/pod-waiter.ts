/**
 * Waits for many probe pods with one list-then-watch stream per namespace (label selector of
 * the run), instead of one watch or poll per pod: a pod's end is seen as soon as the API
 * server announces it. A resync list every few seconds covers a watch that silently stalls,
 * and a refused or broken watch falls back to listing.
 */
import type { CoreV1Api, KubeConfig, V1Pod } from '@kubernetes/client-node';
import { Watch } from './sdk.js';

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

/** Opens a watch of a namespace's pods matching `selector` from `resourceVersion`; resolves to its stop function. */
export type PodWatchOpener = (namespace: string, selector: string, resourceVersion: string, onPod: (pod: V1Pod) => void, onEnd: () => void) => Promise<() => void>;

/** The API server's watch (`GET .../pods?watch=1`) through client-node. */
export function apiWatch(config: KubeConfig): PodWatchOpener {
  const watch = new Watch(config);
  return async (namespace, selector, resourceVersion, onPod, onEnd) => {
    const controller = await watch.watch(`/api/v1/namespaces/${namespace}/pods`, { labelSelector: selector, resourceVersion }, (type, pod: V1Pod) => type !== 'BOOKMARK' && type !== 'ERROR' && onPod(pod), () => onEnd());
    return () => controller.abort();
  };
}

/** Timings of the waiter; the defaults suit a real API server. */
export interface WaiterTimings {
  /** A watch is re-established from a fresh list this often (stalled-connection guard). */
  resyncMs: number;
  /** Pause before listing again after a watch was refused or broke. */
  retryMs: number;
  /** Warning events (pods the kubelet can never start) are listed this often while pods are awaited. */
  eventsMs: number;
}

const DEFAULT_TIMINGS: WaiterTimings = { resyncMs: 5000, retryMs: 300, eventsMs: 1500 };

/** Follows the run's pods per namespace and resolves per-pod waiters. */
export class PodWaiter {
  private readonly waiting = new Map<string, Map<string, (end: PodEnd) => void>>();
  private readonly following = new Set<string>();
  private eventsTimer?: NodeJS.Timeout;
  private closed = false;
  private readonly timings: WaiterTimings;

  constructor(private readonly core: CoreV1Api, private readonly selector: string, private readonly openWatch: PodWatchOpener, timings: Partial<WaiterTimings> = {}) {
    this.timings = { ...DEFAULT_TIMINGS, ...timings };
  }

  /** Resolves when the pod ends or gets stuck; the caller applies its own timeout. */
  wait(namespace: string, name: string): Promise<PodEnd> {
    return new Promise((resolve) => {
      if (!this.waiting.has(namespace)) this.waiting.set(namespace, new Map());
      this.waiting.get(namespace)!.set(name, resolve);
      if (!this.following.has(namespace)) void this.follow(namespace);
      this.eventsTimer ??= setTimeout(() => void this.checkEvents(), this.timings.eventsMs);
    });
  }

  /** Stops waiting for a pod (after a timeout). */
  forget(namespace: string, name: string): void {
    this.waiting.get(namespace)?.delete(name);
  }

  /** Stops every stream; pending waiters stay unresolved (their callers time out or were interrupted). */
  close(): void {
    this.closed = true;
    clearTimeout(this.eventsTimer);
  }

  private pending(namespace: string): boolean {
    return !this.closed && (this.waiting.get(namespace)?.size ?? 0) > 0;
  }

  private settle(namespace: string, pod: V1Pod): void {
    const pods = this.waiting.get(namespace);
    const name = pod.metadata?.name ?? '';
    const resolve = pods?.get(name);
    const end = resolve ? podEnd(pod) : null;
    if (resolve && end) {
      pods!.delete(name);
      resolve(end);
    }
  }

  /** List (catches pods that ended before the watch), then watch from that list until resync, failure or nothing is awaited. */
  private async follow(namespace: string): Promise<void> {
    this.following.add(namespace);
    try {
      while (this.pending(namespace)) {
        const list = await this.core.listNamespacedPod({ namespace, labelSelector: this.selector }).catch(() => null);
        for (const pod of list?.items ?? []) this.settle(namespace, pod);
        const version = list?.metadata?.resourceVersion;
        if (!this.pending(namespace)) break;
        if (!version) {
          await new Promise((r) => setTimeout(r, this.timings.retryMs));
          continue;
        }
        await this.watchUntilDone(namespace, version);
      }
    } finally {
      this.following.delete(namespace);
    }
    // A waiter added while the last list was on its way: follow again.
    if (this.pending(namespace)) void this.follow(namespace);
  }

  private watchUntilDone(namespace: string, version: string): Promise<void> {
    return new Promise<void>((resolve) => {
      let stop: (() => void) | undefined;
      let over = false;
      const finish = (pause = 0) => {
        if (over) return;
        over = true;
        clearTimeout(resync);
        stop?.();
        setTimeout(resolve, pause);
      };
      const resync = setTimeout(() => finish(), this.timings.resyncMs);
      this.openWatch(namespace, this.selector, version, (pod) => {
        this.settle(namespace, pod);
        if (!this.pending(namespace)) finish();
      }, () => finish(this.timings.retryMs)).then(
        (s) => (over ? s() : (stop = s)),
        () => finish(this.timings.retryMs),
      );
    });
  }

  /** Pods the kubelet can never start (a typed hostPath that does not exist) only show it in events. */
  private async checkEvents(): Promise<void> {
    for (const [namespace, pods] of this.waiting) {
      if (pods.size === 0 || this.closed) continue;
      const events = await this.core.listNamespacedEvent({ namespace, fieldSelector: 'type=Warning' }).catch(() => null);
      for (const e of events?.items ?? []) {
        const resolve = pods.get(e.involvedObject?.name ?? '');
        if (resolve && PERMANENT_EVENT.test(`${e.reason} ${e.message}`)) {
          pods.delete(e.involvedObject.name!);
          resolve({ done: false, reason: `${e.reason}: ${e.message ?? ''}`.trim() });
        }
      }
    }
    const pending = [...this.waiting.values()].some((m) => m.size > 0);
    this.eventsTimer = pending && !this.closed ? setTimeout(() => void this.checkEvents(), this.timings.eventsMs) : undefined;
  }
}
