/** The kind target: the Kubernetes target plus loading the probe image into the kind nodes. */
import { connectDocker } from '../docker/client.js';
import { ensureProbeImage } from '../image/build.js';
import type { V1Node } from '@kubernetes/client-node';
import type { NodeReference } from '../../probes/lib/node-reference.js';
import { DEFAULT_KIND_CLUSTER, kind } from '../kind/cli.js';
import { kindNodeContainers } from '../kind/docker-side.js';
import { kindNodeReference } from '../kind/node-namespaces.js';
import type { TargetReport } from '../model/report.js';
import { KubernetesTarget, type KubernetesOptions } from './kubernetes.js';

/** Options of the kind target. */
export interface KindOptions extends KubernetesOptions {
  clusterName?: string;
}

/** Deploys probes into a kind cluster (context `kind-<name>` unless --context says otherwise). */
export class KindTarget extends KubernetesTarget {
  private readonly clusterName: string;

  constructor(options: KindOptions) {
    const clusterName = options.clusterName ?? DEFAULT_KIND_CLUSTER;
    super({ ...options, context: options.context ?? `kind-${clusterName}` });
    this.clusterName = clusterName;
  }

  /** The image the pods run, loaded into the kind nodes: `--image` if given, else the local probe image (built if needed). */
  protected override async probeImage(): Promise<string> {
    const tag = this.options.image ?? (await ensureProbeImage(await connectDocker())).tag;
    await kind(['load', 'docker-image', tag, '--name', this.clusterName]);
    return tag;
  }

  /** Every node of a kind cluster is a container: its node containers' namespaces, whether or not nodes can be listed. */
  protected override async readNodeReference(_nodeList: Promise<V1Node[]>): Promise<NodeReference> {
    const docker = await connectDocker().catch(() => null);
    const containers = docker ? await kindNodeContainers(docker, this.clusterName).catch(() => []) : [];
    return kindNodeReference(docker, containers);
  }

  override async describe(): Promise<TargetReport> {
    const base = await super.describe();
    return { ...base, kind: 'kind', kindCluster: this.clusterName, note: 'kind cluster: an escape lands on the kind node container, not the physical host' };
  }
}
