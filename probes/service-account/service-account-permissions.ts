/** Can the mounted service account token do something dangerous (create pods, exec, read secrets, escalate)? */
import { defineCheck, type Evidence } from '../model.js';
import { apiServerAddress, readToken, tokenDirs, type TokenFacts } from '../lib/service-account.js';
import { accessReviews, reviewIdentity, reviewRules, type AccessReviewResult, type IdentityResult, type RulesResult } from '../lib/self-review.js';
import { readMounts } from '../lib/mounts.js';

interface PermissionsEvidence extends Evidence {
  apiServer: { host: string; port: number; source: string };
  mountsRead: boolean;
  /** The token used (facts only), null when none is mounted. */
  token: TokenFacts | null;
  identity: IdentityResult | null;
  rules: RulesResult | null;
  reviews: AccessReviewResult[];
}

export default defineCheck<PermissionsEvidence>({
  id: 'service-account-permissions',
  boundary: 'service-account',
  title: 'Service account token grants dangerous permissions',
  rationale: 'A token that may create pods (privileged, hostPath), exec into pods, read secrets, use nodes/proxy, impersonate, mint tokens or bind/escalate roles turns a container compromise into a node or cluster compromise.',
  method: 'With the mounted token, POSTs read-only SelfSubjectAccessReviews to the API server for a list of dangerous verbs (namespace and cluster scope), plus a SelfSubjectRulesReview and a SelfSubjectReview for the record. TLS is verified with the mounted CA. No token mounted means there is no pod identity to abuse.',
  remediation: 'Give each workload its own service account bound only to what it needs; never bind cluster-admin, wildcards, secrets access, pods/exec, nodes/proxy, impersonate, bind or escalate to workload identities; disable token automount where unused.',
  severity: 'critical',
  safety: 'passive',
  targets: ['kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1528' },
    { framework: 'mitre-attack', id: 'T1078.001' },
    { framework: 'mitre-attack', id: 'T1610' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'cis-kubernetes', id: '5.1.1' },
    { framework: 'cis-kubernetes', id: '5.1.2' },
    { framework: 'cis-kubernetes', id: '5.1.3' },
    { framework: 'cis-kubernetes', id: '5.1.4' },
    { framework: 'cis-kubernetes', id: '5.1.8' },
    { framework: 'nist-800-190', id: '4.3.2' },
    { framework: 'kubehound', id: 'POD_CREATE' },
    { framework: 'kubehound', id: 'POD_EXEC' },
    { framework: 'kubehound', id: 'TOKEN_LIST' },
    { framework: 'kubehound', id: 'ROLE_BIND' },
    { framework: 'kubehound', id: 'IDENTITY_IMPERSONATE' },
  ],
  async collect(ctx) {
    const apiServer = apiServerAddress();
    const mounts = await readMounts();
    const found = (await Promise.all(tokenDirs(mounts).map((d) => readToken(d)))).find((t) => t !== null) ?? null;
    const base = { apiServer, mountsRead: mounts !== null, token: found?.facts ?? null, identity: null, rules: null, reviews: [] };
    if (!found) return base;
    const conn = { ...apiServer, token: found.token, ca: found.ca, timeoutMs: Math.max(800, ctx.timeoutMs - 700) };
    const namespace = found.facts.namespace ?? 'default';
    const [identity, rules, reviews] = await Promise.all([reviewIdentity(conn), reviewRules(conn, namespace), accessReviews(conn, namespace)]);
    return { ...base, identity, rules, reviews };
  },
  evaluate(e) {
    if (!e?.token) {
      return e?.mountsRead === true
        ? { status: 'holds', summary: 'no service account token mounted: no pod identity to abuse' }
        : { status: 'inconclusive', summary: 'no token at the default path, mount table unreadable' };
    }
    const reviews = Array.isArray(e.reviews) ? e.reviews : [];
    const allowed = reviews.filter((r) => r?.allowed === true);
    const who = e.identity?.username ?? e.token.subject ?? 'the service account';
    if (allowed.length > 0) return { status: 'broken', summary: `${who} may ${allowed.map((r) => r.id).join(', ')}` };
    const failed = reviews.filter((r) => r?.allowed !== false);
    if (reviews.length === 0 || failed.length > 0) {
      const f = failed[0];
      return { status: 'inconclusive', summary: `access reviews unanswered (${f ? `${f.id}: ${f.status ?? f.error ?? 'no verdict'}` : 'none sent'}); permissions unknown` };
    }
    return { status: 'holds', summary: `${who}: none of ${reviews.length} dangerous permissions allowed (create pods, exec, secrets, nodes/proxy, bind/escalate, impersonate...)` };
  },
});
