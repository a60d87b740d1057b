/**
 * Kubernetes SelfSubject*Reviews: the API server tells a token what it may do. These POSTs
 * create nothing (the review is answered and discarded), which is why the harmlessness
 * contract allows them.
 */
import { parseJson, request } from './k8s-http.js';

/** How to reach the API server with a token. */
export interface ApiConnection {
  host: string;
  port: number;
  token: string;
  /** PEM CA of the cluster; requests are refused without it rather than sent unverified with a token. */
  ca: string | null;
  timeoutMs: number;
}

/**
 * One dangerous permission to ask about, in a scope: `namespace` = the token's namespace,
 * `cluster` = all namespaces (no namespace in the review), `kube-system` = the system namespace,
 * where pods run with the most powerful service accounts.
 */
export interface PermissionQuery {
  id: string;
  verb: string;
  resource: string;
  group?: string;
  subresource?: string;
  scope: 'namespace' | 'cluster' | 'kube-system';
}

/** Workload kinds whose pod template an attacker can set (create) or change (patch/update). */
const WORKLOADS: ReadonlyArray<{ resource: string; group: string }> = [
  { resource: 'pods', group: '' }, { resource: 'deployments', group: 'apps' }, { resource: 'daemonsets', group: 'apps' },
  { resource: 'statefulsets', group: 'apps' }, { resource: 'replicasets', group: 'apps' }, { resource: 'replicationcontrollers', group: '' },
  { resource: 'jobs', group: 'batch' }, { resource: 'cronjobs', group: 'batch' },
];

const q = (verb: string, resource: string, scope: PermissionQuery['scope'], extra: { group?: string; subresource?: string } = {}): PermissionQuery => ({
  id: `${verb} ${resource}${extra.subresource ? `/${extra.subresource}` : ''}${scope === 'cluster' ? ' (all namespaces)' : scope === 'kube-system' ? ' (kube-system)' : ''}`,
  verb, resource, scope, ...(extra.group ? { group: extra.group } : {}), ...(extra.subresource ? { subresource: extra.subresource } : {}),
});

/** Verbs that turn a token into node or cluster compromise. */
export const DANGEROUS_PERMISSIONS: readonly PermissionQuery[] = [
  // Workloads: create anywhere, change the template of existing ones.
  ...WORKLOADS.flatMap((w) => [q('create', w.resource, 'namespace', { group: w.group }), q('create', w.resource, 'cluster', { group: w.group })]),
  ...WORKLOADS.flatMap((w) => [q('patch', w.resource, 'namespace', { group: w.group }), q('update', w.resource, 'namespace', { group: w.group })]),
  q('create', 'pods', 'kube-system'),
  // Into running containers.
  q('create', 'pods', 'namespace', { subresource: 'exec' }), q('get', 'pods', 'namespace', { subresource: 'exec' }),
  q('create', 'pods', 'namespace', { subresource: 'attach' }), q('create', 'pods', 'kube-system', { subresource: 'exec' }),
  q('patch', 'pods', 'namespace', { subresource: 'ephemeralcontainers' }),
  // Credentials.
  q('get', 'secrets', 'namespace'), q('list', 'secrets', 'namespace'), q('list', 'secrets', 'cluster'), q('get', 'secrets', 'kube-system'),
  q('create', 'serviceaccounts', 'namespace', { subresource: 'token' }), q('create', 'serviceaccounts', 'kube-system', { subresource: 'token' }),
  // Nodes and host storage.
  q('get', 'nodes', 'cluster', { subresource: 'proxy' }), q('create', 'nodes', 'cluster', { subresource: 'proxy' }),
  q('patch', 'nodes', 'cluster'), q('create', 'persistentvolumes', 'cluster'),
  // Admission control and certificates.
  q('create', 'mutatingwebhookconfigurations', 'cluster', { group: 'admissionregistration.k8s.io' }),
  q('patch', 'mutatingwebhookconfigurations', 'cluster', { group: 'admissionregistration.k8s.io' }),
  q('create', 'validatingwebhookconfigurations', 'cluster', { group: 'admissionregistration.k8s.io' }),
  q('patch', 'validatingwebhookconfigurations', 'cluster', { group: 'admissionregistration.k8s.io' }),
  q('create', 'certificatesigningrequests', 'cluster', { group: 'certificates.k8s.io' }),
  q('update', 'certificatesigningrequests', 'cluster', { group: 'certificates.k8s.io', subresource: 'approval' }),
  q('approve', 'signers', 'cluster', { group: 'certificates.k8s.io' }),
  // RBAC escalation and identity.
  q('escalate', 'clusterroles', 'cluster', { group: 'rbac.authorization.k8s.io' }), q('bind', 'clusterroles', 'cluster', { group: 'rbac.authorization.k8s.io' }),
  q('escalate', 'roles', 'namespace', { group: 'rbac.authorization.k8s.io' }), q('bind', 'roles', 'namespace', { group: 'rbac.authorization.k8s.io' }),
  q('create', 'clusterrolebindings', 'cluster', { group: 'rbac.authorization.k8s.io' }), q('create', 'rolebindings', 'namespace', { group: 'rbac.authorization.k8s.io' }),
  q('create', 'rolebindings', 'kube-system', { group: 'rbac.authorization.k8s.io' }),
  q('impersonate', 'users', 'cluster'), q('impersonate', 'groups', 'cluster'), q('impersonate', 'serviceaccounts', 'cluster'),
  q('impersonate', 'uids', 'cluster', { group: 'authentication.k8s.io' }),
  { id: '* on *', verb: '*', group: '*', resource: '*', scope: 'cluster' },
];

/** The ids of DANGEROUS_PERMISSIONS: a token's reviews must answer every one before anything holds. */
export const DANGEROUS_PERMISSION_IDS: readonly string[] = DANGEROUS_PERMISSIONS.map((p) => p.id);

/** Answer to one access review. */
export interface AccessReviewResult {
  id: string;
  status: number | null;
  allowed?: boolean;
  reason?: string;
  error?: string;
}

/** Who the API server thinks the token is. */
export interface IdentityResult {
  status: number | null;
  username?: string;
  groups?: string[];
  error?: string;
}

/** The rules the token holds in a namespace (truncated). */
export interface RulesResult {
  status: number | null;
  incomplete?: boolean;
  resourceRules?: Array<{ verbs: string[]; apiGroups?: string[]; resources?: string[] }>;
  evaluationError?: string;
  error?: string;
}

async function post(c: ApiConnection, path: string, body: unknown): Promise<{ status: number | null; json: Record<string, unknown> | null; error?: string }> {
  if (!c.ca) return { status: null, json: null, error: 'no cluster CA mounted: token not sent over unverified TLS' };
  const r = await request({ scheme: 'https', host: c.host, port: c.port, path, method: 'POST', body, ca: c.ca, headers: { authorization: `Bearer ${c.token}` }, timeoutMs: c.timeoutMs });
  if (r.status === null) return { status: null, json: null, error: r.error };
  return { status: r.status, json: parseJson(r.body) as Record<string, unknown> | null };
}

/** Asks, in parallel, whether the token may do each dangerous thing. */
export function accessReviews(c: ApiConnection, namespace: string, queries = DANGEROUS_PERMISSIONS): Promise<AccessReviewResult[]> {
  return Promise.all(queries.map(async (q): Promise<AccessReviewResult> => {
    const ns = q.scope === 'namespace' ? namespace : q.scope === 'kube-system' ? 'kube-system' : undefined;
    const resourceAttributes = { verb: q.verb, resource: q.resource, group: q.group ?? '', ...(q.subresource ? { subresource: q.subresource } : {}), ...(ns ? { namespace: ns } : {}) };
    const r = await post(c, '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } });
    const status = (r.json?.status ?? {}) as { allowed?: unknown; reason?: unknown };
    const answered = (r.status === 201 || r.status === 200) && typeof status.allowed === 'boolean';
    return { id: q.id, status: r.status, ...(answered ? { allowed: status.allowed as boolean } : {}), ...(typeof status.reason === 'string' ? { reason: status.reason.slice(0, 200) } : {}), ...(r.error ? { error: r.error } : {}) };
  }));
}

/** SelfSubjectRulesReview in `namespace` (evidence only: access reviews decide). */
export async function reviewRules(c: ApiConnection, namespace: string): Promise<RulesResult> {
  const r = await post(c, '/apis/authorization.k8s.io/v1/selfsubjectrulesreviews', { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace } });
  const s = (r.json?.status ?? {}) as { incomplete?: unknown; resourceRules?: unknown; evaluationError?: unknown };
  const rules = Array.isArray(s.resourceRules) ? (s.resourceRules as RulesResult['resourceRules'])!.slice(0, 30) : undefined;
  return { status: r.status, ...(typeof s.incomplete === 'boolean' ? { incomplete: s.incomplete } : {}), ...(rules ? { resourceRules: rules } : {}), ...(typeof s.evaluationError === 'string' ? { evaluationError: s.evaluationError.slice(0, 200) } : {}), ...(r.error ? { error: r.error } : {}) };
}

/** SelfSubjectReview (whoami): username and groups of the token. */
export async function reviewIdentity(c: ApiConnection): Promise<IdentityResult> {
  const r = await post(c, '/apis/authentication.k8s.io/v1/selfsubjectreviews', { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' });
  const u = ((r.json?.status ?? {}) as { userInfo?: { username?: unknown; groups?: unknown } }).userInfo ?? {};
  return { status: r.status, ...(typeof u.username === 'string' ? { username: u.username } : {}), ...(Array.isArray(u.groups) ? { groups: u.groups.filter((g): g is string => typeof g === 'string') } : {}), ...(r.error ? { error: r.error } : {}) };
}
