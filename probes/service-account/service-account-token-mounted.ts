/** Advisory: is a Kubernetes service account token mounted into the probe? */
import { defineCheck, type Evidence } from '../model.js';
import { readAllTokens, tokenDirs, type TokenFacts } from '../lib/service-account.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';

interface TokenMountEvidence extends Evidence {
  mountsRead: boolean;
  dirsChecked: string[];
  /** Facts about each token found (subject, namespace, expiry); never the token. */
  tokens: TokenFacts[];
}

export default defineCheck<TokenMountEvidence>({
  id: 'service-account-token-mounted',
  boundary: 'service-account',
  title: 'Service account token mounted (exposure)',
  rationale: 'A mounted token lets anything running in the container act as the pod\'s service account against the API server; whether that matters depends on its permissions (service-account-permissions decides).',
  method: 'Looks for tokens (any file holding a JWT, whatever its name) in /var/run/secrets/kubernetes.io/serviceaccount and in every mount that looks like a projected or secret token volume; records the namespace and the JWT claims (subject, issuer, expiry, pod binding), never the token.',
  remediation: 'Set automountServiceAccountToken: false on pods (or the service account) that do not call the API server.',
  severity: 'low',
  safety: 'passive',
  advisory: true,
  targets: ['kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1528' },
    { framework: 'mitre-attack', id: 'T1552.001' },
    { framework: 'cis-kubernetes', id: '5.1.6' },
    { framework: 'nist-800-190', id: '4.3.2' },
    { framework: 'kubehound', id: 'TOKEN_STEAL' },
  ],
  evidence: s.object({
    mountsRead: s.boolean(),
    dirsChecked: s.array(s.string({ max: 4096 }), { max: 1000 }),
    tokens: s.array(s.object({
      dir: s.string({ max: 4096 }), file: s.string({ max: 4096 }), namespace: s.nullable(s.string({ max: 253 })), caPresent: s.boolean(),
      subject: s.nullable(s.string({ max: 1000 })), issuer: s.nullable(s.string({ max: 1000 })), expires: s.nullable(s.number()), boundToPod: s.boolean(),
    }), { max: 20 }),
  }),
  async collect() {
    const mounts = await readMounts();
    const dirsChecked = tokenDirs(mounts);
    const found = await readAllTokens(dirsChecked);
    return { mountsRead: mounts !== null, dirsChecked, tokens: found.slice(0, 20).map((t) => t.facts) };
  },
  evaluate(e) {
    const tokens = e.tokens;
    if (tokens.length > 0) {
      const t = tokens[0];
      const kind = t.expires === null ? 'legacy non-expiring token' : t.boundToPod ? 'bound projected token' : 'expiring token';
      return { status: 'broken', summary: `${kind} for ${t.subject ?? 'unknown subject'} mounted at ${t.file}${tokens.length > 1 ? ` (+${tokens.length - 1} more)` : ''}` };
    }
    if (!e.mountsRead) return { status: 'inconclusive', summary: 'no token at the default path, but the mount table is unreadable: other token volumes not ruled out' };
    return { status: 'holds', summary: `no service account token mounted (${e.dirsChecked.length} location(s) checked)` };
  },
});
