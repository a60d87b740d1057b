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

/** One dangerous permission to ask about; `namespace: true` asks in the token's namespace, else cluster-wide. */
export interface PermissionQuery {
  id: string;
  verb: string;
  resource: string;
  group?: string;
  subresource?: string;
  namespace: boolean;
}

/** Verbs that turn a token into node or cluster compromise. */
export const DANGEROUS_PERMISSIONS: readonly PermissionQuery[] = [
  { id: 'create pods', verb: 'create', resource: 'pods', namespace: true },
  { id: 'create pods/exec', verb: 'create', resource: 'pods', subresource: 'exec', namespace: true },
  { id: 'get pods/exec', verb: 'get', resource: 'pods', subresource: 'exec', namespace: true },
  { id: 'patch pods/ephemeralcontainers', verb: 'patch', resource: 'pods', subresource: 'ephemeralcontainers', namespace: true },
  { id: 'create deployments', verb: 'create', group: 'apps', resource: 'deployments', namespace: true },
  { id: 'create daemonsets', verb: 'create', group: 'apps', resource: 'daemonsets', namespace: true },
  { id: 'create jobs', verb: 'create', group: 'batch', resource: 'jobs', namespace: true },
  { id: 'get secrets', verb: 'get', resource: 'secrets', namespace: true },
  { id: 'list secrets', verb: 'list', resource: 'secrets', namespace: true },
  { id: 'list secrets (all namespaces)', verb: 'list', resource: 'secrets', namespace: false },
  { id: 'create serviceaccounts/token', verb: 'create', resource: 'serviceaccounts', subresource: 'token', namespace: true },
  { id: 'get nodes/proxy', verb: 'get', resource: 'nodes', subresource: 'proxy', namespace: false },
  { id: 'create nodes/proxy', verb: 'create', resource: 'nodes', subresource: 'proxy', namespace: false },
  { id: 'escalate clusterroles', verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespace: false },
  { id: 'bind clusterroles', verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'clusterroles', namespace: false },
  { id: 'escalate roles', verb: 'escalate', group: 'rbac.authorization.k8s.io', resource: 'roles', namespace: true },
  { id: 'bind roles', verb: 'bind', group: 'rbac.authorization.k8s.io', resource: 'roles', namespace: true },
  { id: 'create clusterrolebindings', verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'clusterrolebindings', namespace: false },
  { id: 'create rolebindings', verb: 'create', group: 'rbac.authorization.k8s.io', resource: 'rolebindings', namespace: true },
  { id: 'impersonate users', verb: 'impersonate', resource: 'users', namespace: false },
  { id: 'impersonate serviceaccounts', verb: 'impersonate', resource: 'serviceaccounts', namespace: false },
  { id: '* on *', verb: '*', group: '*', resource: '*', namespace: false },
];

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
    const resourceAttributes = { verb: q.verb, resource: q.resource, group: q.group ?? '', ...(q.subresource ? { subresource: q.subresource } : {}), ...(q.namespace ? { namespace } : {}) };
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
