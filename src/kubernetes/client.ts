/** Kubeconfig (or in-cluster service account) loading and a bounded reachability check, with errors that say what and where. */
import { CoreV1Api, KubeConfig, VersionApi, AuthorizationV1Api } from './sdk.js';
import { existsSync } from 'node:fs';
import { UsageError } from '../errors.js';
import { apiFailure } from './api-error.js';
import { configSource, type ConfigEnvironment } from './config-source.js';

/** API clients of one cluster context. */
export interface Cluster {
  config: KubeConfig;
  context: string;
  server: string;
  core: CoreV1Api;
  version: VersionApi;
  authz: AuthorizationV1Api;
  /** Set when the credentials are the pod's own service account (no kubeconfig): its namespace, when mounted. */
  inCluster?: { namespace?: string };
}

/**
 * Loads a kubeconfig (file, $KUBECONFIG or ~/.kube/config) or, inside a pod without one, the
 * pod's service account, and selects a context.
 */
export function loadCluster(options: { kubeconfig?: string; context?: string }, environment?: ConfigEnvironment): Cluster {
  const config = new KubeConfig();
  const source = configSource(options.kubeconfig, environment);
  if (source.kind === 'none') throw new UsageError(`no Kubernetes credentials found: ${source.tried.join('; ')}`, 'pass --kubeconfig FILE, or run inside a pod with a service account');
  try {
    if (source.kind === 'file') {
      if (!existsSync(source.file)) throw new UsageError(`kubeconfig not found: ${source.file}`);
      config.loadFromFile(source.file);
    } else if (source.kind === 'in-cluster') {
      config.loadFromCluster(source.root);
    } else {
      config.loadFromDefault();
    }
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${source.kind === 'in-cluster' ? 'cannot load the in-cluster service account' : `cannot load kubeconfig${options.kubeconfig ? ` ${options.kubeconfig}` : ''}`}: ${(error as Error).message.split('\n')[0]}`);
  }
  if (options.context) {
    if (!config.getContexts().some((c) => c.name === options.context)) {
      const known = config.getContexts().map((c) => c.name);
      throw new UsageError(`unknown kubeconfig context '${options.context}' (known: ${known.join(', ') || 'none'})`);
    }
    config.setCurrentContext(options.context);
  }
  const context = config.getCurrentContext();
  const server = config.getCurrentCluster()?.server;
  if (!context || !server) throw new UsageError('no current Kubernetes context: pass --context or --kubeconfig');
  const inCluster = source.kind === 'in-cluster' ? { inCluster: source.namespace ? { namespace: source.namespace } : {} } : {};
  return { config, context, server, core: config.makeApiClient(CoreV1Api), version: config.makeApiClient(VersionApi), authz: config.makeApiClient(AuthorizationV1Api), ...inCluster };
}

/** Resolves `promise` or fails after `ms` with `what` in the message. */
export async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([promise, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer within ${ms} ms`)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long a silent API server gets: with the CLI's start-up, the user hears back within 5 s. */
const ANSWER_MS = 3500;

/** Fetches the server version, or throws a UsageError naming the server (within ANSWER_MS). */
export async function serverVersion(cluster: Cluster): Promise<string> {
  try {
    const info = await within(cluster.version.getCode(), ANSWER_MS, 'GET /version');
    return info.gitVersion;
  } catch (error) {
    throw new UsageError(`Kubernetes API server unreachable at ${cluster.server} (context ${cluster.context}): ${apiFailure(error).message}`);
  }
}

/** Whether the current identity may perform `verb` on `resource` (SelfSubjectAccessReview). */
export async function canI(cluster: Cluster, verb: string, resource: string, namespace?: string): Promise<boolean> {
  const review = await within(
    cluster.authz.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb, resource, ...(namespace ? { namespace } : {}) } } } }),
    5000,
    'SelfSubjectAccessReview',
  );
  return review.status?.allowed === true;
}
