/** Does the API server answer anonymous requests for real resources (beyond public discovery)? */
import { defineCheck, type Evidence } from '../model.js';
import { parseJson, request } from '../lib/k8s-http.js';
import { apiServerAddress } from '../lib/service-account.js';
import * as s from '../lib/shape.js';

/** Discovery paths every cluster serves to system:public-info-viewer: recorded, never decisive. */
const DISCOVERY = ['/version', '/api', '/apis'];
/** Resource lists that anonymous users must not read; secrets are left out so no secret body is ever fetched. */
const RESOURCES = ['/api/v1/namespaces?limit=1', '/api/v1/pods?limit=1', '/api/v1/nodes?limit=1', '/api/v1/configmaps?limit=1'];

// A probe got either an HTTP status (and maybe a JSON kind) or an error, never neither.
const probeShape = s.union(
  s.object({ path: s.string({ max: 300 }), status: s.int(100, 599), kind: s.optional(s.string({ max: 200 })) }),
  s.object({ path: s.string({ max: 300 }), status: s.nullValue(), error: s.string({ max: 300 }) }),
);
const contract = s.object({
  apiServer: s.object({ host: s.string({ max: 1000 }), port: s.int(1, 65535), source: s.oneOf('env', 'dns') }),
  discovery: s.array(probeShape, { max: DISCOVERY.length }),
  resources: s.array(probeShape, { max: RESOURCES.length }),
});

interface AnonymousProbe {
  path: string;
  status: number | null;
  /** `kind` of a JSON answer (e.g. NamespaceList, Status); bodies are never kept. */
  kind?: string;
  error?: string;
}

interface AnonymousEvidence extends Evidence {
  apiServer: { host: string; port: number; source: string };
  discovery: AnonymousProbe[];
  resources: AnonymousProbe[];
}

export default defineCheck<AnonymousEvidence>({
  id: 'api-server-anonymous',
  boundary: 'api-server',
  title: 'API server serves anonymous resource reads',
  rationale: 'If system:anonymous (or system:unauthenticated) is bound to read roles, anything that reaches the API server, every pod included, can enumerate and possibly change the cluster without any credential.',
  method: 'Sends unauthenticated GETs (no token, TLS not verified) to discovery paths (/version, /api, /apis: public by default, recorded only) and to namespace, pod, node and configmap lists; a 200 on any list is broken, 401/403 on all holds. Only status codes and the response kind are kept.',
  remediation: 'Run the API server with --anonymous-auth=false (or an AuthenticationConfiguration allowing anonymous only for health endpoints) and remove RBAC bindings to system:anonymous and system:unauthenticated beyond system:public-info-viewer.',
  severity: 'critical',
  safety: 'passive',
  targets: ['kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'mitre-attack', id: 'T1078.001' },
    { framework: 'cis-kubernetes', id: '1.2.1' },
    { framework: 'nist-800-190', id: '4.3.2' },
  ],
  evidence: contract,
  async collect(ctx) {
    const apiServer = apiServerAddress();
    const timeoutMs = Math.max(800, ctx.timeoutMs - 700);
    const probe = async (path: string): Promise<AnonymousProbe> => {
      const r = await request({ scheme: 'https', host: apiServer.host, port: apiServer.port, path, timeoutMs });
      if (r.status === null) return { path, status: null, error: r.error.slice(0, 300) };
      const kind = (parseJson(r.body) as { kind?: unknown } | null)?.kind;
      return { path, status: r.status, ...(typeof kind === 'string' ? { kind: kind.slice(0, 200) } : {}) };
    };
    const [discovery, resources] = await Promise.all([Promise.all(DISCOVERY.map(probe)), Promise.all(RESOURCES.map(probe))]);
    return { apiServer, discovery, resources };
  },
  evaluate(e) {
    const resources = Array.isArray(e?.resources) ? e.resources : [];
    const open = resources.filter((r) => r?.status === 200);
    if (open.length > 0) return { status: 'broken', summary: `anonymous GET ${open.map((r) => `${r.path.split('?')[0]} -> 200${r.kind ? ` ${r.kind}` : ''}`).join(', ')}` };
    const unanswered = resources.filter((r) => r?.status !== 401 && r?.status !== 403);
    const unasked = RESOURCES.filter((p) => !resources.some((r) => r?.path === p));
    if (unasked.length > 0 || unanswered.length > 0) {
      const u = unanswered[0];
      return { status: 'inconclusive', summary: `anonymous resource reads not clearly refused (${u ? `${u.path.split('?')[0]}: ${u.status ?? u.error}` : `not asked: ${unasked.map((p) => p.split('?')[0]).join(', ')}`})` };
    }
    const codes = [...new Set(resources.map((r) => r.status))].join('/');
    const disc = Array.isArray(e.discovery) ? e.discovery.filter((d) => d?.status === 200).map((d) => d.path) : [];
    return { status: 'holds', summary: `anonymous resource lists refused (${codes})${disc.length ? `; public discovery as usual: ${disc.join(', ')}` : ''}` };
  },
});
