/** Target factory: maps `--target` to an implementation. */
import os from 'node:os';
import { UsageError } from '../errors.js';
import { DockerTarget } from './docker.js';
import { KubernetesTarget } from './kubernetes.js';
import { KindTarget } from './kind.js';
import type { Target, TargetOptions } from './types.js';

/** Names accepted by `--target`. */
export const TARGET_KINDS = ['docker', 'kubernetes', 'kind'] as const;
/** One of TARGET_KINDS. */
export type TargetName = (typeof TARGET_KINDS)[number];

/** Options of every target plus the Kubernetes ones. */
export interface CreateTargetOptions extends TargetOptions {
  context?: string;
  namespace?: string;
  kubeconfig?: string;
  nodes?: string;
  tolerateTaints?: boolean;
  image?: string;
  clusterName?: string;
}

/** Creates the target for a run. */
export function createTarget(name: TargetName, options: CreateTargetOptions): Target {
  switch (name) {
    case 'docker':
      return new DockerTarget(options);
    case 'kubernetes':
      return new KubernetesTarget(options);
    case 'kind':
      return new KindTarget(options);
    default:
      throw new UsageError(`unknown target '${String(name)}'`);
  }
}

/**
 * Default scenario concurrency: Docker probes are CPU-bound on this host, so one per CPU;
 * pods spend most of their life waiting on the scheduler and kubelet, so at least 8.
 */
export function defaultConcurrency(name: TargetName): number {
  const cpus = os.availableParallelism();
  return name === 'docker' ? cpus : Math.max(8, cpus);
}
