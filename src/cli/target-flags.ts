/** `run` options that only some targets understand: refused (never silently ignored) on the others, and checked before any engine is touched. */
import { lstatSync, statSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';
import type { TargetName } from '../targets/create.js';

/** Options of the Kubernetes targets (kubernetes and kind). */
const KUBERNETES_FLAGS = ['context', 'namespace', 'kubeconfig', 'nodes', 'tolerate-taints'] as const;
/** Options of the kind target only. */
const KIND_FLAGS = ['cluster-name'] as const;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const CLUSTER_NAME = /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/;
/** An image reference: name[:tag][@digest], no spaces or control characters. */
const IMAGE_REF = /^[A-Za-z0-9][A-Za-z0-9._/:@+-]{0,254}$/;

/** The values `run` reads for target selection. */
export type TargetFlagValues = Partial<Record<(typeof KUBERNETES_FLAGS)[number] | (typeof KIND_FLAGS)[number] | 'image', string | boolean>>;

/** Refuses flags the target would ignore, and values no target accepts. */
export function checkTargetFlags(target: TargetName, values: TargetFlagValues): void {
  const given = (k: keyof TargetFlagValues) => values[k] !== undefined && values[k] !== false;
  if (target === 'docker') {
    for (const k of [...KUBERNETES_FLAGS, ...KIND_FLAGS]) if (given(k)) throw new UsageError(`--${k} applies to --target ${k === 'cluster-name' ? 'kind' : 'kubernetes or kind'}, not docker`);
  }
  if (target === 'kubernetes') {
    for (const k of KIND_FLAGS) if (given(k)) throw new UsageError(`--${k} applies to --target kind, not kubernetes`);
  }
  const str = (k: keyof TargetFlagValues) => (typeof values[k] === 'string' ? (values[k] as string) : undefined);
  const nodes = str('nodes');
  if (nodes !== undefined && nodes !== 'all') throw new UsageError(`--nodes accepts only 'all', got '${terminalSafe(nodes.slice(0, 60))}'`);
  const namespace = str('namespace');
  if (namespace !== undefined && !DNS_LABEL.test(namespace)) throw new UsageError(`--namespace '${terminalSafe(namespace.slice(0, 80))}' is not a namespace name (a DNS-1123 label)`);
  const context = str('context');
  if (context !== undefined && context.trim() === '') throw new UsageError('--context must not be empty');
  const cluster = str('cluster-name');
  if (cluster !== undefined && !CLUSTER_NAME.test(cluster)) throw new UsageError(`--cluster-name '${terminalSafe(cluster.slice(0, 60))}' is not a valid cluster name`);
  const image = str('image');
  if (image !== undefined && !IMAGE_REF.test(image)) throw new UsageError(image === '' ? '--image must not be empty (omit it to build the probe image here)' : `--image '${terminalSafe(image.slice(0, 80))}' is not an image reference`);
  const kubeconfig = str('kubeconfig');
  if (kubeconfig !== undefined) checkKubeconfig(kubeconfig);
}

/** The kubeconfig must be a regular file (a link to one is fine: kubeconfigs often are): never a FIFO, device or folder. */
function checkKubeconfig(file: string): void {
  let kind: string;
  try {
    const st = statSync(file);
    if (st.isFile()) return;
    kind = st.isDirectory() ? 'a folder' : 'not a regular file (a FIFO, socket or device)';
  } catch (error) {
    const dangling = (() => {
      try {
        return lstatSync(file).isSymbolicLink();
      } catch {
        return false;
      }
    })();
    kind = dangling ? 'a link to nothing' : `not found (${(error as NodeJS.ErrnoException).code})`;
  }
  throw new UsageError(`--kubeconfig ${terminalSafe(file)}: ${kind}`);
}
