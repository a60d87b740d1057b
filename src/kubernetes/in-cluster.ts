/**
 * Runs inside the cluster (a CronJob's pod, credentials from its service account): the
 * namespace probes go to when `--namespace` is not given, and the probe image they need.
 */
import { UsageError } from '../errors.js';
import type { Cluster } from './client.js';

/** Where a run's probe pods go: the user's namespace, the pod's own, or fresh ones (undefined). */
export interface NamespaceChoice {
  namespace?: string;
  /** Said on stderr when the namespace was chosen for the user. */
  note?: string;
}

/**
 * `--namespace` when given. In a pod without it: the pod's own namespace (what the shipped
 * namespace Role grants), unless a suite sets podSecurity: those need the run's own fresh
 * namespaces (and the cluster role). Outside a pod: fresh namespaces, as always.
 */
export function chooseNamespace(given: string | undefined, cluster: Pick<Cluster, 'inCluster'>, suitesSetPodSecurity: boolean): NamespaceChoice {
  if (given) return { namespace: given };
  const own = cluster.inCluster?.namespace;
  if (!cluster.inCluster || suitesSetPodSecurity) return {};
  if (!own) throw new UsageError('in-cluster run: the pod\'s namespace is not mounted (no serviceaccount/namespace file); pass --namespace NS');
  return { namespace: own, note: `in-cluster: probe pods go to this pod's namespace ${own} (pass --namespace NS to choose another)` };
}

/** The local probe image's content-hash tag means nothing inside a pod: a run there names the image the nodes can pull. */
export function requireImageInCluster(cluster: Pick<Cluster, 'inCluster'>, image: string | undefined): void {
  if (cluster.inCluster && !image) {
    throw new UsageError('in-cluster run: pass --image with the probe image the cluster can pull', 'push one built from probes/image/Dockerfile.online, or import escapekit/probe:<hash> (escapekit image build) into the nodes; see deploy/README.md');
  }
}
