/** Can the mounted service account token do something dangerous (create pods, exec, read secrets, escalate)? */
import { defineCheck, type Evidence } from '../model.js';
import { apiServerAddress, readAllTokens, tokenDirs, type TokenFacts } from '../lib/service-account.js';
import { accessReviews, DANGEROUS_PERMISSION_IDS, reviewIdentity, reviewRules, type AccessReviewResult, type IdentityResult } from '../lib/self-review.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';

/** One token's answers. */
interface TokenReview {
  token: TokenFacts;
  identity: IdentityResult | null;
  /** The SelfSubjectRulesReview answer, kept for humans only (never judged). */
  rules: unknown;
  reviews: AccessReviewResult[];
}

interface PermissionsEvidence extends Evidence {
  apiServer: { host: string; port: number; source: string };
  mountsRead: boolean;
  /** Every distinct token found (any file of a token volume holding a JWT), each with its own reviews. */
  tokens: TokenReview[];
}

const str = (max: number) => s.string({ max });
const tokenFacts = s.object({
  dir: str(4096), file: str(4096), namespace: s.nullable(str(253)), caPresent: s.boolean(), subject: s.nullable(str(1000)),
  issuer: s.nullable(str(1000)), expires: s.nullable(s.number()), boundToPod: s.boolean(),
});
const contract = s.object({
  apiServer: s.object({ host: str(1000), port: s.int(1, 65535), source: s.oneOf('env', 'dns') }),
  mountsRead: s.boolean(),
  tokens: s.array(s.object({
    token: tokenFacts,
    identity: s.nullable(s.object({ status: s.nullable(s.int(0, 999)), username: s.optional(str(1000)), groups: s.optional(s.array(str(1000), { max: 200 })), error: s.optional(str(1000)) })),
    rules: s.nullable(s.opaque()),
    reviews: s.array(s.object({ id: str(200), status: s.nullable(s.int(0, 999)), allowed: s.optional(s.boolean()), reason: s.optional(str(1000)), error: s.optional(str(1000)) }), { max: 500 }),
  }), { max: 20 }),
});

/** What one token may do: the dangerous permissions allowed, or why that is not known. */
function judgeToken(t: TokenReview): { allowed: string[]; unknown: string | null; who: string } {
  const who = t.identity?.username ?? t.token.subject ?? t.token.file;
  const allowed = t.reviews.filter((r) => r.allowed === true).map((r) => r.id);
  const answered = new Map(t.reviews.filter((r) => r.allowed === false).map((r) => [r.id, r]));
  const missing = DANGEROUS_PERMISSION_IDS.find((id) => !answered.has(id));
  if (missing === undefined) return { allowed, unknown: null, who };
  const r = t.reviews.find((x) => x.id === missing);
  return { allowed, unknown: `${missing}: ${r ? (r.error ?? (r.status !== null ? `HTTP ${r.status}` : 'no verdict')) : 'not asked'}`, who };
}

export default defineCheck<PermissionsEvidence>({
  id: 'service-account-permissions',
  boundary: 'service-account',
  title: 'Service account token grants dangerous permissions',
  rationale: 'A token that may create pods (privileged, hostPath), exec into pods, read secrets, use nodes/proxy, impersonate, mint tokens or bind/escalate roles turns a container compromise into a node or cluster compromise.',
  method: 'With every token mounted (any file of a service-account, projected or secret volume holding a JWT), POSTs read-only SelfSubjectAccessReviews to the API server for a fixed list of dangerous verbs (create/patch/update of every workload kind in the token\'s namespace and cluster-wide, pods/exec and pods/attach, secrets, token requests, nodes/proxy, persistentvolumes, webhook configurations, CSR create/approve, bind/escalate, impersonate; some also in kube-system), plus a SelfSubjectRulesReview and a SelfSubjectReview for the record. TLS is verified with the mounted CA. Every question must be answered no before anything holds.',
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
  evidence: contract,
  async collect(ctx) {
    const apiServer = apiServerAddress();
    const mounts = await readMounts();
    const found = (await readAllTokens(tokenDirs(mounts))).slice(0, 10);
    const timeoutMs = Math.max(800, ctx.timeoutMs - 700);
    const tokens = await Promise.all(found.map(async (f): Promise<TokenReview> => {
      const conn = { ...apiServer, token: f.token, ca: f.ca, timeoutMs };
      const [identity, rules, reviews] = await Promise.all([reviewIdentity(conn), reviewRules(conn, f.facts.namespace ?? 'default'), accessReviews(conn, f.facts.namespace ?? 'default')]);
      return { token: f.facts, identity, rules, reviews };
    }));
    return { apiServer, mountsRead: mounts !== null, tokens };
  },
  evaluate(e) {
    if (e.tokens.length === 0) {
      return e.mountsRead
        ? { status: 'holds', summary: 'no service account token mounted: no pod identity to abuse' }
        : { status: 'inconclusive', summary: 'no token at the default path, mount table unreadable' };
    }
    const judged = e.tokens.map(judgeToken);
    const bad = judged.find((j) => j.allowed.length > 0);
    if (bad) return { status: 'broken', summary: `${bad.who} may ${bad.allowed.slice(0, 8).join(', ')}${bad.allowed.length > 8 ? ` (+${bad.allowed.length - 8} more)` : ''}` };
    const unknown = judged.find((j) => j.unknown !== null);
    if (unknown) return { status: 'inconclusive', summary: `access reviews of ${unknown.who} unanswered (${unknown.unknown}); permissions unknown` };
    return { status: 'holds', summary: `${judged.length} token(s) (${judged.map((j) => j.who).join(', ').slice(0, 160)}): none of ${DANGEROUS_PERMISSION_IDS.length} dangerous permissions allowed (workload create/patch, exec/attach, secrets, nodes/proxy, persistentvolumes, webhooks, CSRs, bind/escalate, impersonate)` };
  },
});
