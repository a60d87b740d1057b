/** Whether a cluster can run pods with `hostUsers: false` (a user namespace per pod). */
import type { V1Node } from '@kubernetes/client-node';

/**
 * Nodes whose container runtime reports user namespace support
 * (`status.runtimeHandlers[].features.userNamespaces`, Kubernetes 1.30+). A runtime that reports
 * nothing (containerd 1.6) leaves the pod stuck at sandbox creation, so it counts as no support.
 */
export function userNamespaceNodes(nodes: readonly V1Node[]): string[] {
  return nodes.filter((n) => (n.status?.runtimeHandlers ?? []).some((h) => h.features?.userNamespaces === true)).map((n) => n.metadata?.name ?? '');
}

/** Why `hostUsers: false` cannot be reproduced on these nodes, or undefined when some node supports it. */
export function userNamespaceGap(nodes: readonly V1Node[]): string | undefined {
  if (userNamespaceNodes(nodes).length) return undefined;
  return 'no node\'s container runtime reports user namespace support (status.runtimeHandlers[].features.userNamespaces), so a pod with hostUsers: false never starts here';
}
