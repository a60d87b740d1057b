/** Nodes of the cluster: the schedulable ones for per-node runs, and a fingerprint for the report. */
import type { V1Node } from '@kubernetes/client-node';

/** Whether a node takes ordinary pods (schedulable, no NoSchedule/NoExecute taint unless tolerated). */
export function isSchedulable(node: V1Node, tolerateTaints: boolean): boolean {
  if (node.spec?.unschedulable) return false;
  if (tolerateTaints) return true;
  return !(node.spec?.taints ?? []).some((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
}

/** Node names to pin probes to in `--nodes all` mode. */
export function schedulableNodes(nodes: readonly V1Node[], tolerateTaints: boolean): string[] {
  return nodes.filter((n) => isSchedulable(n, tolerateTaints)).map((n) => n.metadata?.labels?.['kubernetes.io/hostname'] ?? n.metadata?.name ?? '').filter(Boolean).sort();
}

/** Per-node facts for the report fingerprint. */
export function nodeFingerprint(n: V1Node): Record<string, unknown> {
  const info = n.status?.nodeInfo;
  return {
    name: n.metadata?.name,
    kubelet: info?.kubeletVersion,
    runtime: info?.containerRuntimeVersion,
    kernel: info?.kernelVersion,
    os: info?.osImage,
    providerID: n.spec?.providerID,
  };
}

/** True when the nodes are kind node containers (an escape lands on the node container, not the physical host). */
export function looksLikeKind(nodes: V1Node[]): boolean {
  return nodes.length > 0 && nodes.every((n) => n.spec?.providerID?.startsWith('kind://') === true);
}
