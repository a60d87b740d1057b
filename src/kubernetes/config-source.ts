/**
 * Where the cluster credentials come from: `--kubeconfig`, `$KUBECONFIG`, `~/.kube/config`,
 * or, inside a pod, the in-cluster service account. Never the client library's silent
 * fallback to http://localhost:8080 when none exists.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Where a pod's service account token, CA and namespace are mounted. */
export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How the kubeconfig is loaded: a file, the default chain, or the pod's service account. */
export type ConfigSource =
  | { kind: 'file'; file: string }
  | { kind: 'default' }
  | { kind: 'in-cluster'; namespace?: string; root: string }
  | { kind: 'none'; tried: string[] };

/** What the environment offers; defaults are the real process and file system. */
export interface ConfigEnvironment {
  env?: NodeJS.ProcessEnv;
  home?: string;
  /** Prefix before SERVICE_ACCOUNT_DIR (tests point it at a fixture folder). */
  root?: string;
}

/** Chooses the source in kubectl's order, with the in-cluster account after every kubeconfig. */
export function configSource(kubeconfig: string | undefined, environment: ConfigEnvironment = {}): ConfigSource {
  if (kubeconfig) return { kind: 'file', file: kubeconfig };
  const env = environment.env ?? process.env;
  if (env.KUBECONFIG) return { kind: 'default' };
  const home = environment.home ?? os.homedir();
  const homeConfig = path.join(home, '.kube', 'config');
  if (existsSync(homeConfig)) return { kind: 'default' };
  const root = environment.root ?? '';
  const dir = `${root}${SERVICE_ACCOUNT_DIR}`;
  const inPod = Boolean(env.KUBERNETES_SERVICE_HOST && env.KUBERNETES_SERVICE_PORT);
  if (inPod && existsSync(path.join(dir, 'token'))) {
    const namespace = readNamespace(path.join(dir, 'namespace'));
    return { kind: 'in-cluster', root, ...(namespace ? { namespace } : {}) };
  }
  return {
    kind: 'none',
    tried: [
      'no --kubeconfig',
      '$KUBECONFIG is not set',
      `${homeConfig} does not exist`,
      inPod ? `no service account token at ${dir}/token (automountServiceAccountToken: false?)` : 'not inside a pod (KUBERNETES_SERVICE_HOST is not set)',
    ],
  };
}

/** The pod's namespace as mounted, when it is a namespace name. */
function readNamespace(file: string): string | undefined {
  try {
    const name = readFileSync(file, 'utf8').trim();
    return /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}
