/** `--from-cluster NS|--all-namespaces`: live workloads, read with list calls only (never secrets or config maps) -> derived scenarios. */
import { AppsV1Api, BatchV1Api } from '@kubernetes/client-node';
import { UsageError } from '../errors.js';
import { apiFailure } from '../kubernetes/api-error.js';
import type { Cluster } from '../kubernetes/client.js';
import { RUN_ID_LABEL } from '../targets/labels.js';
import { derivePodTemplate } from './pod-spec.js';
import { podTemplates } from './pod-templates.js';
import { fieldPath, FieldProblems, type DerivedScenario } from './types.js';

/** A listed object as the API returned it, before its kind is known to the deriver. */
interface Listed {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string>; ownerReferences?: Array<{ kind?: string }> };
}

/** Owned objects are probed through their owner (a Deployment's ReplicaSets and pods, a CronJob's Jobs), except static pods. */
function topLevel(o: Listed): boolean {
  const owners = o.metadata?.ownerReferences ?? [];
  return owners.length === 0 || owners.every((r) => r.kind === 'Node');
}

/** Lists every workload kind in one namespace (or all), read-only. */
async function listAll(cluster: Cluster, namespace: string | undefined): Promise<Array<{ kind: string; items: Listed[] }>> {
  const apps = cluster.config.makeApiClient(AppsV1Api);
  const batch = cluster.config.makeApiClient(BatchV1Api);
  const core = cluster.core;
  const ns = namespace ? { namespace } : undefined;
  const lists: Array<[string, () => Promise<{ items: Listed[] }>]> = [
    ['Pod', () => (ns ? core.listNamespacedPod(ns) : core.listPodForAllNamespaces())],
    ['Deployment', () => (ns ? apps.listNamespacedDeployment(ns) : apps.listDeploymentForAllNamespaces())],
    ['StatefulSet', () => (ns ? apps.listNamespacedStatefulSet(ns) : apps.listStatefulSetForAllNamespaces())],
    ['DaemonSet', () => (ns ? apps.listNamespacedDaemonSet(ns) : apps.listDaemonSetForAllNamespaces())],
    ['ReplicaSet', () => (ns ? apps.listNamespacedReplicaSet(ns) : apps.listReplicaSetForAllNamespaces())],
    ['ReplicationController', () => (ns ? core.listNamespacedReplicationController(ns) : core.listReplicationControllerForAllNamespaces())],
    ['Job', () => (ns ? batch.listNamespacedJob(ns) : batch.listJobForAllNamespaces())],
    ['CronJob', () => (ns ? batch.listNamespacedCronJob(ns) : batch.listCronJobForAllNamespaces())],
  ];
  return Promise.all(
    lists.map(async ([kind, list]) => {
      try {
        return { kind, items: (await list()).items };
      } catch (error) {
        throw new UsageError(`--from-cluster: cannot list ${kind}s${namespace ? ` in namespace ${namespace}` : ''}: ${apiFailure(error).message}`, 'the kubeconfig identity needs list on pods, deployments, statefulsets, daemonsets, replicasets, replicationcontrollers, jobs and cronjobs');
      }
    }),
  );
}

/** Derives one scenario per container of every top-level workload; escapekit's own probes are left out. */
export async function clusterWorkloads(cluster: Cluster, namespace: string | undefined): Promise<DerivedScenario[]> {
  const scenarios: DerivedScenario[] = [];
  const problems: string[] = [];
  for (const { kind, items } of await listAll(cluster, namespace)) {
    for (const item of items) {
      if (!topLevel(item) || item.metadata?.labels?.[RUN_ID_LABEL] !== undefined) continue;
      const p = new FieldProblems();
      for (const t of podTemplates({ ...item, kind }, [], p, new Map())) scenarios.push(...derivePodTemplate(t, p));
      for (const x of p.list) problems.push(`${kind}/${item.metadata?.namespace}/${item.metadata?.name}: ${x.message} (at ${fieldPath(x.path)})`);
    }
  }
  if (problems.length) throw new UsageError(`--from-cluster: unexpected workload fields:\n${problems.slice(0, 20).map((x) => `  ${x}`).join('\n')}`);
  if (scenarios.length === 0) throw new UsageError(`--from-cluster: no workload found ${namespace ? `in namespace ${namespace}` : 'in any namespace'}`);
  return scenarios;
}
