/** Real kind clusters for end-to-end tests: kind on PATH, the offline node image (scripts/setup-kind.sh), a private kubeconfig. */
import type { ExecutionContext } from 'ava';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { missing, requireTool } from './require.js';

/** Repository of the node image scripts/setup-kind.sh builds. */
const NODE_IMAGE_REPO = 'escapekit.local/kind-node';

/** A kubeconfig of the test's own: kind writes its contexts there, not into ~/.kube/config. */
export function privateKubeconfig(): string {
  return path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-kind-kc-')), 'config');
}

/** True when kind and the offline node image are here; otherwise fails (CI) or loudly skips. */
export async function requireKind(t: ExecutionContext): Promise<boolean> {
  if (!requireTool(t, 'kind')) return false;
  const images = await execa('docker', ['images', '-q', NODE_IMAGE_REPO], { reject: false });
  if (images.exitCode !== 0 || String(images.stdout).trim() === '') return missing(t, `the offline kind node image ${NODE_IMAGE_REPO} (run scripts/setup-kind.sh)`);
  return true;
}

/** A cluster name of this test process (kind names become container and context names). */
export function clusterName(prefix: string): string {
  return `${prefix}-${process.pid.toString(36)}`;
}

/** Core API of kind cluster `name` through `kubeconfig`. */
export function kindCore(kubeconfig: string, name: string): CoreV1Api {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  kc.setCurrentContext(`kind-${name}`);
  return kc.makeApiClient(CoreV1Api);
}

/** What a deleted cluster must not leave: node containers, the kind network (when no other cluster uses it), kubeconfig entries. */
export async function kindLeftovers(kubeconfig: string, name: string): Promise<string[]> {
  const left: string[] = [];
  const containers = await execa('docker', ['ps', '-a', '--filter', `label=io.x-k8s.kind.cluster=${name}`, '--format', '{{.Names}}']);
  left.push(...String(containers.stdout).split('\n').filter(Boolean).map((c) => `container ${c}`));
  const others = await execa('docker', ['ps', '-a', '--filter', 'label=io.x-k8s.kind.cluster', '--format', '{{.Names}}']);
  const network = await execa('docker', ['network', 'ls', '--filter', 'name=^kind$', '--format', '{{.Name}}']);
  if (String(others.stdout).trim() === '' && String(network.stdout).trim() === 'kind') left.push('network kind');
  if (existsSync(kubeconfig) && readFileSync(kubeconfig, 'utf8').includes(`kind-${name}`)) left.push(`kubeconfig entry kind-${name}`);
  return left;
}
