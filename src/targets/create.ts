/** Target factory: maps `--target` to an implementation. */
import os from 'node:os';
import { UsageError } from '../errors.js';
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
  reportConfigMap?: { namespace: string; name: string };
}

/** Creates the target for a run; loads only that target's client library (the Kubernetes one takes ~0.4 s). */
export async function createTarget(name: TargetName, options: CreateTargetOptions): Promise<Target> {
  switch (name) {
    case 'docker':
      return new (await import('./docker.js')).DockerTarget(options);
    case 'kubernetes':
      return new (await import('./kubernetes.js')).KubernetesTarget(options);
    case 'kind':
      return new (await import('./kind.js')).KindTarget(options);
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
