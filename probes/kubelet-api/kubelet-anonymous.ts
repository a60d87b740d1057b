/** Does the node's kubelet answer anonymous requests (10250 with authn/authz off, read-only port 10255)? */
import { defineCheck, type Evidence } from '../model.js';
import { request } from '../lib/k8s-http.js';
import * as s from '../lib/shape.js';

interface PortProbe {
  port: number;
  scheme: 'http' | 'https';
  status: number | null;
  error?: string;
}

interface KubeletEvidence extends Evidence {
  /** The node IP the runner passed in ESCAPEKIT_NODE_IP (downward API status.hostIP). */
  nodeIp: string | null;
  probes: PortProbe[];
}

// A probe got either an HTTP status or an error, never neither.
const probeBase = { port: s.oneOf(10250, 10255), scheme: s.oneOf('http', 'https') };
const contract = s.object({
  nodeIp: s.nullable(s.string({ max: 253 })),
  probes: s.array(s.union(
    s.object({ ...probeBase, status: s.int(100, 599) }),
    s.object({ ...probeBase, status: s.nullValue(), error: s.string({ max: 300 }) }),
  ), { max: 2 }),
});

/** Connection outcomes that mean "nothing listens or the network refuses": the port is closed to the probe. */
const CLOSED = ['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH'];

export default defineCheck<KubeletEvidence>({
  id: 'kubelet-anonymous',
  boundary: 'kubelet-api',
  title: 'Kubelet API reachable without credentials',
  rationale: 'An anonymous kubelet API (10250 with anonymous auth and AlwaysAllow, or the read-only port 10255) lists every pod on the node with its environment, and on 10250 allows exec/run in any of them: node takeover from any pod.',
  method: 'From the pod, sends GET /pods without credentials to https://$ESCAPEKIT_NODE_IP:10250 (TLS not verified) and http://$ESCAPEKIT_NODE_IP:10255; 200 on either is broken, 401/403 on 10250 and a refused 10255 hold. Only status codes are kept, never the pod list.',
  remediation: 'Run the kubelet with authentication.anonymous.enabled: false, authorization.mode: Webhook and readOnlyPort: 0; restrict pod access to node ports with NetworkPolicy or host firewall rules.',
  severity: 'critical',
  safety: 'passive',
  targets: ['kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'mitre-attack', id: 'T1609' },
    { framework: 'cis-kubernetes', id: '4.2.1' },
    { framework: 'cis-kubernetes', id: '4.2.2' },
    { framework: 'cis-kubernetes', id: '4.2.4' },
    { framework: 'nist-800-190', id: '4.3.2' },
  ],
  evidence: contract,
  async collect(ctx) {
    const nodeIp = process.env.ESCAPEKIT_NODE_IP?.trim() || null;
    if (!nodeIp) return { nodeIp, probes: [] };
    const timeoutMs = Math.max(800, Math.min(2000, ctx.timeoutMs - 700));
    const one = async (port: number, scheme: 'http' | 'https'): Promise<PortProbe> => {
      // Tiny body limit: the answer's status is all we want; a pod list never reaches the evidence.
      const r = await request({ scheme, host: nodeIp, port, path: '/pods', timeoutMs, limit: 256 });
      return r.status === null ? { port, scheme, status: null, error: r.error.slice(0, 300) } : { port, scheme, status: r.status };
    };
    return { nodeIp, probes: await Promise.all([one(10250, 'https'), one(10255, 'http')]) };
  },
  evaluate(e) {
    if (!e?.nodeIp) return { status: 'inconclusive', summary: 'node IP unknown: the runner must set ESCAPEKIT_NODE_IP (status.hostIP)' };
    const probes = Array.isArray(e.probes) ? e.probes : [];
    const open = probes.filter((p) => p?.status === 200);
    if (open.length > 0) return { status: 'broken', summary: `anonymous GET /pods answered 200 on ${open.map((p) => `${p.scheme}://${e.nodeIp}:${p.port}`).join(' and ')}` };
    const secure = probes.find((p) => p?.port === 10250);
    const ro = probes.find((p) => p?.port === 10255);
    const refused = (p?: PortProbe) => p?.status === 401 || p?.status === 403 || CLOSED.includes(p?.error ?? '');
    if (!secure || !ro || !refused(secure) || !refused(ro)) {
      const bad = [secure, ro].find((p) => !p || !refused(p));
      return { status: 'inconclusive', summary: `kubelet answer unclear: ${bad ? `${bad.port}: ${bad.status ?? bad.error}` : 'port not probed'}` };
    }
    const show = (p: PortProbe) => `${p.port}: ${p.status ?? p.error}`;
    return { status: 'holds', summary: `kubelet at ${e.nodeIp} refuses anonymous /pods (${show(secure)}, ${show(ro)})` };
  },
});
