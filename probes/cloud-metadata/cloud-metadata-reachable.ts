/** Opt-in (network): can the probe reach a cloud instance metadata service (every known address)? */
import { defineCheck, type Evidence } from '../model.js';
import { request } from '../lib/k8s-http.js';
import * as s from '../lib/shape.js';

/** One metadata endpoint: the service's address and the read-only paths that answer there. */
export interface MetadataEndpoint {
  id: string;
  host: string;
  port: number;
  paths: readonly string[];
}

/** The known metadata services. Only GETs, one after another per endpoint, status codes kept. */
export const METADATA_ENDPOINTS: readonly MetadataEndpoint[] = [
  // AWS, GCP, Azure, OpenStack, DigitalOcean, Oracle share the link-local address; each answers one of these paths.
  { id: 'link-local', host: '169.254.169.254', port: 80, paths: ['/', '/latest/meta-data/', '/computeMetadata/v1/instance/attributes/kube-env', '/metadata/instance?api-version=2021-02-01'] },
  { id: 'aws-ipv6', host: 'fd00:ec2::254', port: 80, paths: ['/latest/meta-data/'] },
  { id: 'alibaba', host: '100.100.100.200', port: 80, paths: ['/latest/meta-data/'] },
];

/**
 * Test hook only: `169.254.169.254=127.0.0.1:1234,100.100.100.200=127.0.0.1:5678` maps known
 * addresses to loopback stand-ins; when set, unmapped endpoints are not contacted at all.
 */
export const METADATA_ADDRESS_ENV = 'ESCAPEKIT_METADATA_ADDRS';

interface MetadataProbe {
  endpoint: string;
  address: string;
  path: string;
  status: number | null;
  server?: string;
  error?: string;
}

interface MetadataEvidence extends Evidence {
  probes: MetadataProbe[];
}

/** Outcomes that mean nothing answered: no metadata service reachable from here. */
const NO_ANSWER = ['ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EADDRNOTAVAIL'];

/** Where each endpoint is really contacted (the test hook's loopback stand-ins, or the real address). */
function targets(env: NodeJS.ProcessEnv): Array<MetadataEndpoint & { contact: { host: string; port: number } }> {
  const raw = env[METADATA_ADDRESS_ENV];
  if (raw === undefined) return METADATA_ENDPOINTS.map((e) => ({ ...e, contact: { host: e.host, port: e.port } }));
  const map = new Map(raw.split(',').map((pair) => pair.split('=')).filter((p) => p.length === 2).map(([from, to]) => {
    const m = /^\[?([^\]]+)\]?:(\d+)$/.exec(to.trim());
    return [from.trim().replace(/^\[|\]$/g, ''), m ? { host: m[1], port: Number(m[2]) } : null] as const;
  }));
  return METADATA_ENDPOINTS.flatMap((e) => { const c = map.get(e.host); return c ? [{ ...e, contact: c }] : []; });
}

export default defineCheck<MetadataEvidence>({
  id: 'cloud-metadata-reachable',
  boundary: 'cloud-metadata',
  title: 'Cloud instance metadata service reachable',
  rationale: 'The metadata service hands out the node\'s cloud credentials (instance role, service account tokens) and bootstrap data such as kubelet credentials (GCP kube-env): from a pod that is a path to the cloud account and to node identity.',
  method: 'Opt-in network check: read-only GETs with a 1 s timeout each to every known metadata address - 169.254.169.254 (/, AWS /latest/meta-data/, GCP /computeMetadata/v1/instance/attributes/kube-env, Azure /metadata/instance), AWS IPv6 [fd00:ec2::254] and Alibaba 100.100.100.200 - with Metadata-Flavor: Google and Metadata: true so GCP and Azure answer. Only status codes are kept. 2xx is broken; 401/403 (IMDSv2 token required) and other answers are inconclusive; holds only when no address answers.',
  remediation: 'Block the metadata addresses from pods (NetworkPolicy egress deny, GKE Workload Identity / metadata concealment, EKS IMDSv2 with hop limit 1, Azure Workload Identity) or from containers (host firewall), including the IPv6 and provider-specific addresses.',
  severity: 'high',
  safety: 'passive',
  optIn: 'network',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1552.005' },
    { framework: 'nist-800-190', id: '4.4.2' },
  ],
  evidence: s.object({
    probes: s.array(s.object({
      endpoint: s.string({ max: 40 }),
      address: s.string({ max: 300 }),
      path: s.string({ max: 300 }),
      status: s.nullable(s.int(100, 599)),
      server: s.optional(s.string({ max: 80 })),
      error: s.optional(s.string({ max: 300 })),
    }), { min: 1, max: 50 }),
  }),
  async collect() {
    const probes = await Promise.all(targets(process.env).map(async (e): Promise<MetadataProbe[]> => {
      const address = e.host.includes(':') ? `[${e.host}]:${e.port}` : `${e.host}:${e.port}`;
      const out: MetadataProbe[] = [];
      // Paths one after another: once nothing answers at the address, the rest are not tried.
      for (const path of e.paths) {
        const r = await request({ scheme: 'http', host: e.contact.host, port: e.contact.port, path, timeoutMs: 1000, limit: 512, headers: { 'metadata-flavor': 'Google', metadata: 'true' } });
        out.push(r.status === null ? { endpoint: e.id, address, path, status: null, error: r.error } : { endpoint: e.id, address, path, status: r.status, ...(r.headers.server ? { server: r.headers.server.slice(0, 80) } : {}) });
        if (r.status === null || (r.status >= 200 && r.status <= 299)) break;
      }
      return out;
    }));
    return { probes: probes.flat() };
  },
  evaluate(e) {
    const ok = e.probes.find((p) => p.status !== null && p.status >= 200 && p.status <= 299);
    if (ok) return { status: 'broken', summary: `metadata service at ${ok.address} answers ${ok.path} with ${ok.status}${ok.server ? ` (${ok.server})` : ''}` };
    const answered = e.probes.find((p) => p.status !== null);
    if (answered?.status === 401 || answered?.status === 403) return { status: 'inconclusive', summary: `metadata service at ${answered.address} reachable but token-protected (${answered.status}, IMDSv2-style): credentials depend on the PUT hop limit` };
    if (answered) return { status: 'inconclusive', summary: `something at ${answered.address} answers HTTP ${answered.status} on ${answered.path}` };
    const odd = e.probes.find((p) => !NO_ANSWER.includes(p.error ?? ''));
    if (odd) return { status: 'inconclusive', summary: `metadata probe of ${odd.address} failed (${odd.error ?? 'no status'})` };
    const addresses = [...new Set(e.probes.map((p) => p.address))];
    return { status: 'holds', summary: `no metadata service answers at ${addresses.join(', ')} (${[...new Set(e.probes.map((p) => p.error))].join(', ')})` };
  },
});
