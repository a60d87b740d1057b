/** Opt-in (network): can the probe reach the cloud instance metadata service at 169.254.169.254? */
import { defineCheck, type Evidence } from '../model.js';
import { parseHostPort, request } from '../lib/k8s-http.js';

/** The link-local metadata address of AWS, GCP, Azure, OpenStack and most clouds. */
export const METADATA_ADDRESS = { host: '169.254.169.254', port: 80 };
/** Test hook only: `host:port` of a stand-in metadata server (unit tests point it at loopback). */
export const METADATA_ADDRESS_ENV = 'ESCAPEKIT_METADATA_ADDR';

interface MetadataProbe {
  path: string;
  status: number | null;
  server?: string;
  error?: string;
}

interface MetadataEvidence extends Evidence {
  address: string;
  probes: MetadataProbe[];
}

/** Outcomes that mean nothing answered: no metadata service reachable from here. */
const NO_ANSWER = ['ETIMEDOUT', 'ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EADDRNOTAVAIL'];

export default defineCheck<MetadataEvidence>({
  id: 'cloud-metadata-reachable',
  boundary: 'cloud-metadata',
  title: 'Cloud instance metadata service reachable',
  rationale: 'The metadata service hands out the node\'s cloud credentials (instance role, service account tokens) and bootstrap data such as kubelet credentials: from a pod that is a path to the cloud account and to node identity.',
  method: 'Opt-in network check: GET http://169.254.169.254/ with a 1 s timeout (headers Metadata-Flavor: Google and Metadata: true so GCP and Azure answer too), then Azure\'s /metadata/instance when the root does not answer 2xx or 401. 2xx is broken; 401 (IMDSv2 token required) and other answers are inconclusive; no answer holds. Only status codes are kept.',
  remediation: 'Block 169.254.169.254 from pods (NetworkPolicy egress deny, GKE Workload Identity / metadata concealment, EKS IMDSv2 with hop limit 1, Azure Workload Identity) or from containers (host firewall).',
  severity: 'high',
  safety: 'passive',
  optIn: 'network',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1552.005' },
    { framework: 'nist-800-190', id: '4.4.2' },
  ],
  async collect() {
    const target = parseHostPort(process.env[METADATA_ADDRESS_ENV]) ?? METADATA_ADDRESS;
    const get = async (path: string): Promise<MetadataProbe> => {
      const r = await request({ scheme: 'http', host: target.host, port: target.port, path, timeoutMs: 1000, limit: 512, headers: { 'metadata-flavor': 'Google', metadata: 'true' } });
      return r.status === null ? { path, status: null, error: r.error } : { path, status: r.status, ...(r.headers.server ? { server: r.headers.server.slice(0, 80) } : {}) };
    };
    const root = await get('/');
    const probes = [root];
    if (root.status !== null && root.status !== 401 && (root.status < 200 || root.status > 299)) probes.push(await get('/metadata/instance?api-version=2021-02-01'));
    return { address: `${target.host}:${target.port}`, probes };
  },
  evaluate(e) {
    const probes = Array.isArray(e?.probes) ? e.probes : [];
    const ok = probes.find((p) => typeof p?.status === 'number' && p.status >= 200 && p.status <= 299);
    if (ok) return { status: 'broken', summary: `metadata service at ${e.address} answers ${ok.path} with ${ok.status}${ok.server ? ` (${ok.server})` : ''}` };
    const answered = probes.find((p) => typeof p?.status === 'number');
    if (answered?.status === 401) return { status: 'inconclusive', summary: `metadata service at ${e.address} reachable but token-protected (401, IMDSv2): credentials depend on the PUT hop limit` };
    if (answered) return { status: 'inconclusive', summary: `something at ${e.address} answers HTTP ${answered.status} on ${answered.path}` };
    const first = probes[0];
    if (first && NO_ANSWER.includes(first.error ?? '')) return { status: 'holds', summary: `no metadata service answers at ${e.address} (${first.error})` };
    return { status: 'inconclusive', summary: `metadata probe failed (${first?.error ?? 'no request made'})` };
  },
});
