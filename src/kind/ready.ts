/** Waits until a freshly created kind cluster can take probe pods: every node Ready, the default service account present. */
import type { V1Node } from '@kubernetes/client-node';
import { UsageError, messageOf } from '../errors.js';
import { loadCluster, within } from '../kubernetes/client.js';

const POLL_MS = 2000;

/** Taints the node controller sets until it has seen a node Ready: pods are not scheduled there yet. */
const LIFECYCLE_TAINTS = new Set(['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']);

/** One line per node that cannot take pods yet (not Ready, or still carrying a not-ready taint), empty when all can. */
export function unreadyNodes(nodes: V1Node[]): string[] {
  return nodes.flatMap((n) => {
    const ready = n.status?.conditions?.find((c) => c.type === 'Ready');
    const name = n.metadata?.name ?? '?';
    if (ready?.status !== 'True') return [`${name}: ${ready ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : 'no Ready condition yet'}`];
    const taint = (n.spec?.taints ?? []).find((x) => LIFECYCLE_TAINTS.has(x.key));
    return taint ? [`${name}: still tainted ${taint.key}:${taint.effect}`] : [];
  });
}

/** Polls context `context` until `expectedNodes` nodes are Ready and `default/default` exists, or throws after `timeoutMs`. */
export async function waitForCluster(context: string, expectedNodes: number, timeoutMs: number): Promise<void> {
  const cluster = loadCluster({ context });
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer from the API server yet';
  while (Date.now() < deadline) {
    try {
      const nodes = (await within(cluster.core.listNode(), 5000, 'list nodes')).items;
      const unready = unreadyNodes(nodes);
      if (nodes.length < expectedNodes) last = `${nodes.length} of ${expectedNodes} nodes registered`;
      else if (unready.length > 0) last = `not Ready: ${unready.join('; ')}`;
      else {
        await within(cluster.core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }), 5000, 'read service account');
        return;
      }
    } catch (error) {
      last = messageOf(error);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  throw new UsageError(`kind cluster (context ${context}) not ready within ${Math.round(timeoutMs / 1000)} s: ${last}`);
}
