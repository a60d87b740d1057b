/** `run --from-manifest|--from-cluster|--from-container|--from-compose [--expect LEVEL]` -> derived suites, checked before anything starts. */
import { UsageError } from '../errors.js';
import type { TargetName } from '../targets/create.js';
import { loadCompose } from './compose-file.js';
import { parseExpectLevel } from './expect.js';
import { parseManifests, readManifestInput } from './manifest.js';
import { derivedSuite, type DerivedSuite } from './suite.js';
import type { DerivedScenario } from './types.js';

/** The workload options of `run`. */
export interface WorkloadOptions {
  fromManifest?: string;
  fromCluster?: string;
  allNamespaces?: boolean;
  fromContainer?: string[];
  fromCompose?: string;
  expect?: string;
}

/** Where the cluster is, for --from-cluster and service account look-ups. */
export interface ClusterOptions {
  kubeconfig?: string;
  context?: string;
  /** `--namespace`: the probes run there, so the workloads' service accounts may exist. */
  namespace?: string;
}

/** Derived suites and the clean-up of anything their derivation wrote (temporary seccomp profiles). */
export interface WorkloadPlan {
  suites: DerivedSuite[];
  dispose(): void;
}

/** Whether any `--from-*` option was given. */
export function hasWorkloadSources(o: WorkloadOptions): boolean {
  return !!(o.fromManifest || o.fromCluster || o.allNamespaces || o.fromContainer?.length || o.fromCompose);
}

function requireTarget(option: string, target: TargetName, allowed: TargetName[]): void {
  if (!allowed.includes(target)) throw new UsageError(`${option} needs --target ${allowed.join(' or ')} (got ${target})`);
}

/** Applies each workload's service account when it exists where the probes run; says so when not. */
async function resolveServiceAccounts(scenarios: DerivedScenario[], cluster: ClusterOptions): Promise<void> {
  const wanted = scenarios.filter((s) => s.serviceAccountName);
  if (wanted.length === 0) return;
  const exists = new Map<string, boolean>();
  if (cluster.namespace) {
    const { loadCluster } = await import('../kubernetes/client.js');
    const { core } = loadCluster(cluster);
    for (const name of new Set(wanted.map((s) => s.serviceAccountName!))) {
      exists.set(name, await core.readNamespacedServiceAccount({ name, namespace: cluster.namespace }).then(() => true, () => false));
    }
  }
  for (const s of wanted) {
    const name = s.serviceAccountName!;
    if (exists.get(name)) {
      s.posture.serviceAccount = name;
      s.sources.push({ key: 'serviceAccount', field: `serviceAccountName: ${name}` });
    } else {
      s.notReproduced.push(cluster.namespace
        ? `serviceAccountName: ${name} does not exist in namespace ${cluster.namespace}; the probe runs as 'default' there`
        : `serviceAccountName: ${name} not reproduced; the run's own namespace holds only 'default' (pass --namespace NS where it exists)`);
    }
  }
}

/** A workload's `hostUsers: false` the cluster cannot give: run without it (the worse case) and say so. */
async function resolveUserNamespaces(scenarios: DerivedScenario[], cluster: ClusterOptions): Promise<void> {
  const wanted = scenarios.filter((s) => s.posture.hostUsers === false);
  if (wanted.length === 0) return;
  const { loadCluster } = await import('../kubernetes/client.js');
  const { userNamespaceGap } = await import('../kubernetes/user-namespaces.js');
  const nodes = await loadCluster(cluster).core.listNode().then((l) => l.items, () => []);
  const gap = userNamespaceGap(nodes);
  if (!gap) return;
  for (const s of wanted) {
    delete s.posture.hostUsers;
    s.sources = s.sources.filter((f) => f.key !== 'hostUsers');
    s.notReproduced.push(`hostUsers: false not reproduced: ${gap}; the probe runs without a user namespace`);
    // The API server accepts an unmasked /proc only inside a user namespace.
    if (s.posture.procMount === 'Unmasked') {
      delete s.posture.procMount;
      s.notReproduced.push('procMount: Unmasked not reproduced (it needs hostUsers: false)');
    }
  }
}

/** Builds the derived suites; every input problem is a UsageError before any probe starts. */
export async function planWorkloads(o: WorkloadOptions, target: TargetName, cluster: ClusterOptions): Promise<WorkloadPlan> {
  const level = parseExpectLevel(o.expect);
  const suites: DerivedSuite[] = [];
  const disposers: Array<() => void> = [];
  if (o.fromCluster && o.allNamespaces) throw new UsageError('--from-cluster NS and --all-namespaces exclude each other');
  if (o.fromManifest) {
    requireTarget('--from-manifest', target, ['kubernetes', 'kind']);
    const { scenarios, skipped } = parseManifests(readManifestInput(o.fromManifest));
    if (scenarios.length === 0) throw new UsageError(`--from-manifest ${o.fromManifest}: no workload found${skipped.size ? ` (only ${[...skipped.keys()].join(', ')})` : ''}`);
    await resolveServiceAccounts(scenarios, cluster);
    await resolveUserNamespaces(scenarios, cluster);
    suites.push(derivedSuite('from-manifest', o.fromManifest === '-' ? '<stdin>' : o.fromManifest, 'kubernetes', scenarios, level));
  }
  if (o.fromCluster || o.allNamespaces) {
    requireTarget(o.fromCluster ? '--from-cluster' : '--all-namespaces', target, ['kubernetes', 'kind']);
    const { loadCluster } = await import('../kubernetes/client.js');
    const { clusterWorkloads } = await import('./cluster.js');
    const scenarios = await clusterWorkloads(loadCluster(cluster), o.fromCluster);
    await resolveServiceAccounts(scenarios, cluster);
    await resolveUserNamespaces(scenarios, cluster);
    suites.push(derivedSuite('from-cluster', o.fromCluster ? `namespace ${o.fromCluster}` : 'all namespaces', 'kubernetes', scenarios, level));
  }
  if (o.fromCompose) {
    requireTarget('--from-compose', target, ['docker']);
    suites.push(derivedSuite('from-compose', o.fromCompose, 'docker', loadCompose(o.fromCompose), level));
  }
  if (o.fromContainer?.length) {
    requireTarget('--from-container', target, ['docker']);
    const { inspectContainers } = await import('./docker-containers.js');
    const inspected = await inspectContainers(o.fromContainer);
    disposers.push(inspected.dispose);
    suites.push(derivedSuite('from-container', `container ${o.fromContainer.join(', ')}`, 'docker', inspected.scenarios, level));
  }
  return { suites, dispose: () => disposers.forEach((d) => d()) };
}
