/** The Kubernetes target: probe pods in a fresh, labelled namespace per run, on one or every node. */
import { probeRequest } from '../run/challenge.js';
import type { CoreV1Api, V1Node } from '@kubernetes/client-node';
import type { NodeReference } from '../../probes/lib/node-reference.js';
import { connectDocker } from '../docker/client.js';
import { kindNodeReference } from '../kind/node-namespaces.js';
import { UsageError } from '../errors.js';
import { probeImageTag } from '../image/build.js';
import { loadCluster, serverVersion, type Cluster } from '../kubernetes/client.js';
import { EXPIRES_ANNOTATION, removeStalePods, removeStaleRuns, runExpiry } from '../kubernetes/stale-runs.js';
import { chooseNamespace, requireImageInCluster } from '../kubernetes/in-cluster.js';
import { explainRefusal, readNodes, requirePermissions } from '../kubernetes/permissions.js';
import { deployProbe } from '../kubernetes/deploy-probe.js';
import { createRunNamespace, deleteRunNamespaces, deleteRunPods, runNamespaceName } from '../kubernetes/namespaces.js';
import { looksLikeKind, nodeFingerprint, schedulableNodes } from '../kubernetes/nodes.js';
import { userNamespaceGap } from '../kubernetes/user-namespaces.js';
import { apiWatch, PodWaiter } from '../kubernetes/pod-waiter.js';
import { postureToPod } from '../posture/kubernetes.js';
import type { TargetReport } from '../model/report.js';
import { limiter } from '../run/pool.js';
import { objectName, probeLabels, runSelector } from './labels.js';
import type { PlannedScenario, ProbeOutcome, Target, TargetOptions } from './types.js';

/** Options of the Kubernetes target. */
export interface KubernetesOptions extends TargetOptions {
  kubeconfig?: string;
  context?: string;
  /** Use this existing namespace instead of creating one per run (in a pod: the pod's own by default). */
  namespace?: string;
  /** `all`: one probe per schedulable node; absent: one probe, scheduler's choice. */
  nodes?: string;
  tolerateTaints?: boolean;
  /** Image reference for the probe pods; default: the content-hash tag of the local probe image. */
  image?: string;
  /** `--report-configmap`: checked up front with the run's other permissions. */
  reportConfigMap?: { namespace: string; name: string };
}

/** Pod requests in flight at once (the API server's default inflight limits are 200 mutating, 400 other). */
const MAX_POD_REQUESTS = 32;

/** Deploys probes as pods through an ordinary kubeconfig. */
export class KubernetesTarget implements Target {
  readonly kind = 'kubernetes' as const;
  protected cluster?: Cluster;
  protected image = '';
  private version = '';
  private nodes: Array<string | undefined> = [undefined];
  /** One probe per selected node (one in all when --nodes is not given). */
  get probesPerScenario(): number {
    return this.nodes.length;
  }
  /** One node list per run: --nodes all and the report's fingerprint both use it. */
  private nodeList?: Promise<V1Node[]>;
  private readonly namespaces = new Map<string, string>();
  private waiter?: PodWaiter;
  private closed = false;
  /** The existing namespace the run uses (--namespace, or in a pod its own); absent: the run's fresh namespaces. */
  private namespace?: string;
  /** Annotations marking the run's objects with the time its runner is certainly gone. */
  private expires: Record<string, string> = {};
  /** Create requests (namespaces, pods) still on their way to the API server. */
  private readonly inflight = new Set<Promise<unknown>>();
  /** Pod creates, log reads and deletes in flight at once: a per-node run on hundreds of nodes must not flood the API server. */
  private readonly request = limiter(MAX_POD_REQUESTS);
  /** The nodes' own namespaces when the nodes are containers (kind), for the probes' nested-host checks. */
  protected nodeReference?: NodeReference;

  constructor(protected readonly options: KubernetesOptions) {}

  async prepare(planned: PlannedScenario[]): Promise<void> {
    const cluster = loadCluster(this.options);
    this.version = await serverVersion(cluster);
    // Set only once the server answered: cleanup has nothing to do (and must not wait) otherwise.
    this.cluster = cluster;
    const { core } = this.cluster;
    this.waiter = new PodWaiter(core, runSelector(this.options.runId), apiWatch(cluster.config));
    if (this.options.nodes !== undefined && this.options.nodes !== 'all') throw new UsageError(`--nodes accepts only 'all', got '${this.options.nodes}'`);
    const levels = [...new Set(planned.map((p) => p.suite.podSecurity))];
    if (this.options.namespace && levels.some((l) => l !== undefined)) throw new UsageError(`--namespace ${this.options.namespace}: suites that set podSecurity need the run's own namespaces; drop --namespace`);
    requireImageInCluster(cluster, this.options.image);
    const choice = chooseNamespace(this.options.namespace, cluster, levels.some((l) => l !== undefined));
    this.namespace = choice.namespace;
    if (choice.note) process.stderr.write(`escapekit: ${choice.note}\n`);
    const names = new Map(levels.map((level) => [level ?? '', runNamespaceName(this.options.runId, level)]));
    const podNamespace = this.namespace ?? names.values().next().value!;
    // Independent questions go out together: image tag, node list (describe needs it too), the nodes' namespaces, and
    // every permission the run needs (a refusal is exit 2 naming verb and resource, not a 403 halfway).
    const nodeList = this.listNodes();
    nodeList.catch(() => undefined);
    // The nodes' namespaces (kind: one docker exec per node) are read alongside, not after.
    const [image, nodes, , nodeReference] = await Promise.all([
      this.probeImage(),
      this.options.nodes === 'all' ? nodeList.catch((e: unknown) => explainRefusal(e, '--nodes all')) : undefined,
      requirePermissions(this.cluster, { namespace: this.namespace, podNamespace, perNode: this.options.nodes === 'all', ...(this.options.reportConfigMap ? { reportConfigMap: this.options.reportConfigMap } : {}) }),
      this.readNodeReference(nodeList),
    ]);
    this.image = image;
    this.nodeReference = nodeReference;
    this.expires = { [EXPIRES_ANNOTATION]: runExpiry(new Date(), planned.length, this.options.timeoutMs) };
    if (nodes) {
      const schedulable = schedulableNodes(nodes, this.options.tolerateTaints === true);
      if (schedulable.length === 0) throw new UsageError('--nodes all: no schedulable node found');
      this.nodes = schedulable;
    }
    if (this.namespace) {
      this.namespaces.set('', this.namespace);
      // Probe pods of earlier runs in this namespace whose runner is gone go first, and the user hears of it.
      for (const line of await removeStalePods(core, this.namespace, this.options.runId).catch(() => [])) process.stderr.write(`escapekit: ${line}\n`);
      return;
    }
    // Namespaces of earlier runs whose runner is gone (past their expiry) go first, and the user hears of it.
    for (const line of await removeStaleRuns(core, this.options.runId).catch(() => [])) process.stderr.write(`escapekit: ${line}\n`);
    const expires = this.expires;
    // The run's namespaces (one per Pod Security level) are created together, each once.
    await Promise.all(
      levels.map(async (level) => {
        const name = names.get(level ?? '')!;
        if (this.closed) return;
        await this.creating(() => createRunNamespace(core, name, this.options.runId, level, expires)).catch((e: unknown) => explainRefusal(e, `creating namespace ${name}`));
        this.namespaces.set(level ?? '', name);
      }),
    );
  }

  /** The image probe pods run: `--image`, or the local probe image's content-hash tag. */
  protected async probeImage(): Promise<string> {
    return this.options.image ?? (await probeImageTag()).tag;
  }

  /** Nodes that are kind containers: their namespaces, read through the local Docker engine; otherwise none. */
  protected async readNodeReference(nodeList: Promise<V1Node[]>): Promise<NodeReference | undefined> {
    const nodes = await nodeList.catch(() => undefined);
    if (!nodes || !looksLikeKind(nodes)) return undefined;
    return kindNodeReference(await connectDocker().catch(() => null), nodes.map((n) => n.metadata?.name ?? '?'));
  }

  private listNodes(): Promise<V1Node[]> {
    this.nodeList ??= this.cluster!.core.listNode().then((l) => l.items);
    return this.nodeList;
  }

  async describe(): Promise<TargetReport> {
    // A namespace-scoped identity may not list nodes: the fingerprint says so instead of failing the run.
    const read = await readNodes(this.listNodes());
    const nodes = read.nodes ?? [];
    const kind = looksLikeKind(nodes);
    return {
      kind: 'kubernetes',
      kubernetesVersion: this.version,
      context: this.cluster!.context,
      server: this.cluster!.server,
      nodes: read.refused ?? nodes.map(nodeFingerprint),
      kernel: nodes[0]?.status?.nodeInfo?.kernelVersion,
      runtime: nodes[0]?.status?.nodeInfo?.containerRuntimeVersion,
      probeImage: this.image,
      ...(kind ? { kindCluster: true, note: 'kind cluster: an escape lands on the kind node container, not the physical host' } : {}),
    };
  }

  async run({ suite, scenario }: PlannedScenario): Promise<ProbeOutcome[]> {
    const namespace = this.namespaces.get(this.namespace ? '' : (suite.podSecurity ?? ''))!;
    // A user namespace the runtime cannot give is reported as not reproduced instead of a pod stuck until the timeout.
    const nodes = scenario.posture.hostUsers === false ? (await readNodes(this.listNodes())).nodes : undefined;
    const userns = nodes ? userNamespaceGap(nodes) : undefined;
    if (userns) return [{ admission: 'allowed', error: `posture hostUsers: false not reproduced: ${userns}` }];
    return Promise.all(
      this.nodes.map(async (node) => {
        if (this.closed) return { admission: 'allowed' as const, error: 'run interrupted before the probe started' };
        const { echo, agentConfig } = probeRequest('kubernetes', this.options.network, this.nodeReference);
        const name = objectName(`ek-${scenario.name}`, 52).replace(/[.-]+$/, '') + `-${Math.random().toString(36).slice(2, 8)}`;
        const pod = postureToPod(scenario.posture, {
          name,
          namespace,
          image: this.image,
          // Our content-hash tag is in no registry: never pulled. An image the user names may be.
          pullPolicy: this.options.image ? 'IfNotPresent' : 'Never',
          labels: probeLabels(this.options.runId, suite.name, objectName(scenario.name, 63)),
          agentConfig,
          ...(node ? { node } : {}),
          ...(this.options.tolerateTaints ? { tolerateTaints: true } : {}),
        });
        // In a user's namespace the pod itself carries the mark a later run uses to tell a dead run's pods.
        pod.metadata!.annotations = { ...pod.metadata!.annotations, ...this.expires };
        const outcome = await deployProbe(this.guardedCore(), this.waiter!, pod, this.options.timeoutMs, { ...(node ? { node } : {}), dryRunFirst: scenario.expect.admission === 'denied' });
        return { ...outcome, ...echo };
      }),
    );
  }

  /** Runs a create request, tracked so cleanup can wait for it; refused once cleanup began. */
  private creating<T>(request: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new Error('run interrupted: no new objects are created'));
    const pending = request();
    this.inflight.add(pending);
    const settle = () => this.inflight.delete(pending);
    pending.then(settle, settle);
    return pending;
  }

  /** The core API for deployProbe: pod creation tracked by `creating`, per-pod requests bounded. */
  private guardedCore(): CoreV1Api {
    const core = this.cluster!.core;
    const guarded = Object.create(core) as CoreV1Api;
    guarded.createNamespacedPod = (...args: Parameters<CoreV1Api['createNamespacedPod']>) => this.request(() => this.creating(() => core.createNamespacedPod(...args)));
    guarded.readNamespacedPodLog = (...args: Parameters<CoreV1Api['readNamespacedPodLog']>) => this.request(() => core.readNamespacedPodLog(...args));
    guarded.deleteNamespacedPod = (...args: Parameters<CoreV1Api['deleteNamespacedPod']>) => this.request(() => core.deleteNamespacedPod(...args));
    return guarded;
  }

  /**
   * Deletes by label, lets in-flight creates settle (at most 10 s) and deletes again. It does
   * not wait until the namespaces are gone: once the API server has accepted their deletion,
   * nothing new can be created in them and the namespace controller removes their pods.
   * A run in a user's --namespace waits until its pods are gone (nothing else removes them).
   */
  async cleanup(): Promise<void> {
    this.closed = true;
    this.waiter?.close();
    if (!this.cluster) return;
    const { core } = this.cluster;
    const sweep = (waitMs: number) =>
      this.namespace ? deleteRunPods(core, this.namespace, this.options.runId, waitMs) : deleteRunNamespaces(core, this.options.runId, 0);
    if (this.inflight.size) {
      await sweep(0).catch(() => undefined);
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.allSettled([...this.inflight]), new Promise((r) => (timer = setTimeout(r, 10_000)))]);
      clearTimeout(timer);
    }
    await sweep(60_000).catch(() => undefined);
  }
}
