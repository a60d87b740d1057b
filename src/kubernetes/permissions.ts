/**
 * The Kubernetes permissions a run needs, checked up front with access reviews, and RBAC
 * refusals (403) turned into errors that name the verb and resource.
 */
import type { V1Node } from '@kubernetes/client-node';
import { UsageError } from '../errors.js';
import { apiFailure } from './api-error.js';
import { within, type Cluster } from './client.js';

/** One permission: a verb on a resource (`pods/log` for a subresource), in a namespace or cluster-wide. */
export interface Permission {
  verb: string;
  resource: string;
  /** Absent: cluster scope (nodes, namespaces) or every namespace the run creates. */
  namespace?: string;
  /** One object only (RBAC resourceNames), e.g. the report ConfigMap. */
  name?: string;
  /** Why the run needs it, for the error message. */
  why: string;
}

/** How a run uses the cluster: the user's namespace or fresh ones, one probe or one per node. */
export interface RunScope {
  /** `--namespace`: an existing namespace; absent: the run creates its own. */
  namespace?: string;
  /** The namespace probe pods land in first (the run's own or the user's), for pod permissions. */
  podNamespace: string;
  /** `--nodes all`. */
  perNode: boolean;
  /** `--report-configmap`: the ConfigMap the JSON report is written to. */
  reportConfigMap?: { namespace: string; name: string };
}

/** Pod permissions of every run (deploy/rbac/*.yaml grant exactly these plus the scope's). */
const POD_PERMISSIONS: Array<Omit<Permission, 'namespace'>> = [
  { verb: 'create', resource: 'pods', why: 'probe pods' },
  { verb: 'list', resource: 'pods', why: 'awaiting probe pods' },
  { verb: 'watch', resource: 'pods', why: 'awaiting probe pods' },
  { verb: 'delete', resource: 'pods', why: 'removing a probe pod that timed out' },
  { verb: 'get', resource: 'pods/log', why: 'reading probe output' },
  { verb: 'list', resource: 'events', why: 'spotting pods that can never start' },
];

/** Every permission a run with this scope needs. */
export function requiredPermissions(scope: RunScope): Permission[] {
  const pods = POD_PERMISSIONS.map((p) => ({ ...p, namespace: scope.podNamespace }));
  const own: Permission[] = scope.namespace
    ? [{ verb: 'deletecollection', resource: 'pods', namespace: scope.namespace, why: 'removing the run\'s pods' }]
    : [
        { verb: 'create', resource: 'namespaces', why: 'the run\'s own namespaces (pass --namespace NS to use an existing one)' },
        { verb: 'list', resource: 'namespaces', why: 'finding the run\'s namespaces at cleanup' },
        { verb: 'delete', resource: 'namespaces', why: 'removing the run\'s namespaces' },
      ];
  const nodes: Permission[] = scope.perNode ? [{ verb: 'list', resource: 'nodes', why: '--nodes all' }] : [];
  const cm = scope.reportConfigMap;
  // RBAC cannot limit create to a name; replacing the last run's report can be.
  const report: Permission[] = cm
    ? [
        { verb: 'create', resource: 'configmaps', namespace: cm.namespace, why: '--report-configmap (the first report)' },
        { verb: 'update', resource: 'configmaps', namespace: cm.namespace, name: cm.name, why: '--report-configmap (replacing the last report)' },
      ]
    : [];
  return [...own, ...pods, ...nodes, ...report];
}

/** "list nodes (cluster scope)", "create pods in namespace team-a", "update configmaps/escapekit-report in namespace team-a". */
export function permissionText(p: Pick<Permission, 'verb' | 'resource' | 'namespace' | 'name'>): string {
  return `${p.verb} ${p.resource}${p.name ? `/${p.name}` : ''}${p.namespace ? ` in namespace ${p.namespace}` : ' (cluster scope)'}`;
}

/** Asks the API server (SelfSubjectAccessReview) about each permission; returns the refused ones. */
export async function missingPermissions(cluster: Cluster, wanted: readonly Permission[]): Promise<Permission[]> {
  const allowed = await Promise.all(wanted.map((p) => allows(cluster, p)));
  return wanted.filter((_, i) => !allowed[i]);
}

/** One SelfSubjectAccessReview; `pods/log` is asked as resource `pods`, subresource `log`. */
async function allows(cluster: Cluster, p: Permission): Promise<boolean> {
  const [resource, subresource] = p.resource.split('/');
  const resourceAttributes = { verb: p.verb, resource, ...(subresource ? { subresource } : {}), ...(p.namespace ? { namespace: p.namespace } : {}), ...(p.name ? { name: p.name } : {}) };
  const review = await within(cluster.authz.createSelfSubjectAccessReview({ body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } } }), 5000, 'SelfSubjectAccessReview');
  return review.status?.allowed === true;
}

/** Exit 2 naming every missing permission, or nothing when all are granted. */
export async function requirePermissions(cluster: Cluster, scope: RunScope): Promise<void> {
  const missing = await missingPermissions(cluster, requiredPermissions(scope));
  if (missing.length === 0) return;
  const lines = missing.map((p) => `  not allowed to ${permissionText(p)}: needed for ${p.why}`);
  const role = scope.reportConfigMap ? 'deploy/cronjob.yaml' : scope.namespace ? 'deploy/rbac/namespace-role.yaml' : 'deploy/rbac/cluster-role.yaml';
  throw new UsageError(`missing Kubernetes permissions (context ${cluster.context}):\n${lines.join('\n')}`, `${role} grants what a run needs${scope.namespace ? '' : '; or pass --namespace NS where you may create pods'}`);
}

/** The verb, resource and scope an RBAC refusal names, or undefined for any other error. */
export function refusedPermission(error: unknown): { verb: string; resource: string; namespace?: string } | undefined {
  const f = apiFailure(error);
  if (f.code !== 403) return undefined;
  const m = /cannot (\w+) resource "([^"]+)"(?: in API group "[^"]*")?(?: in the namespace "([^"]+)")?/.exec(f.message);
  if (!m) return undefined;
  return { verb: m[1], resource: m[2], ...(m[3] ? { namespace: m[3] } : {}) };
}

/** Re-throws an RBAC refusal as an exit-2 error naming the permission; other errors unchanged. */
export function explainRefusal(error: unknown, doing: string): never {
  const refused = refusedPermission(error);
  if (refused) throw new UsageError(`${doing}: not allowed to ${permissionText(refused)}`, 'see deploy/rbac/ for the permissions a run needs');
  throw error;
}

/** A node list, or what the fingerprint says when the identity may not list nodes; other errors are thrown. */
export async function readNodes(list: Promise<V1Node[]>): Promise<{ nodes?: V1Node[]; refused?: string }> {
  try {
    return { nodes: await list };
  } catch (error) {
    const refused = refusedPermission(error);
    if (refused) return { refused: `not permitted (${permissionText(refused)})` };
    throw error;
  }
}
