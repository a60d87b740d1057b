/** Does the Docker API answer unauthenticated on the container's default gateway (2375/2376)? */
import tls from 'node:tls';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readText } from '../lib/fs.js';
import { httpGet, type GetResult } from '../lib/net.js';
import { defaultGateways } from '../lib/netinfo.js';
import * as s from '../lib/shape.js';

interface Attempt {
  host: string;
  port: number;
  tls: boolean;
  statusLine?: string;
  /** First bytes of the body (a Docker /version answer is JSON with ApiVersion). */
  body?: string;
  error?: string;
}

interface TcpApiEvidence extends Evidence {
  routeError: string | null;
  gateways: string[];
  attempts: Attempt[];
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const PORTS = [2375, 2376] as const;
// An attempt either got an answer (status line and body) or an error, never neither.
const attemptBase = { host: s.string({ pattern: IPV4, max: 15 }), port: s.oneOf(...PORTS), tls: s.boolean() };
const contract = s.object({
  routeError: s.nullable(s.string({ max: 300 })),
  gateways: s.array(s.string({ pattern: IPV4, max: 15 }), { max: 2 }),
  attempts: s.array(s.union(
    s.object({ ...attemptBase, statusLine: s.string({ max: 200 }), body: s.string({ max: 300 }) }),
    s.object({ ...attemptBase, error: s.string({ max: 300 }) }),
  ), { max: 4 }),
});

/** GET over TLS without checking the server certificate and without a client certificate. */
function tlsGet(host: string, port: number, path: string, timeoutMs: number): Promise<GetResult> {
  return new Promise((resolve) => {
    let data = '';
    const socket = tls.connect({ host, port, rejectUnauthorized: false, timeout: timeoutMs });
    const done = (r: GetResult) => { socket.destroy(); resolve(r); };
    const parse = (): GetResult => (data ? { ok: true, statusLine: data.split('\r\n')[0], body: data.split('\r\n\r\n').slice(1).join('').slice(0, 1024) } : { ok: false, error: 'empty response' });
    socket.once('secureConnect', () => socket.write(`GET ${path} HTTP/1.0\r\nHost: ${host}\r\nUser-Agent: escapekit-probe\r\n\r\n`));
    socket.on('data', (c: Buffer) => { data += c.toString('latin1'); if (data.length > 4096) done(parse()); });
    socket.once('end', () => done(parse()));
    socket.once('timeout', () => done(data ? parse() : { ok: false, error: 'ETIMEDOUT' }));
    socket.once('error', (e: NodeJS.ErrnoException) => done(data ? parse() : { ok: false, error: e.code ?? e.message }));
  });
}

const isDockerVersion = (a: Attempt) => /^HTTP\/1\.[01] 200/.test(a.statusLine ?? '') && /"ApiVersion"\s*:/.test(a.body ?? '');

function judge(e: TcpApiEvidence): Verdict {
  if (!e || !Array.isArray(e.attempts) || !Array.isArray(e.gateways)) return { status: 'inconclusive', summary: 'no evidence' };
  const open = e.attempts.find(isDockerVersion);
  if (open) return { status: 'broken', summary: `Docker API answers GET /version without authentication on ${open.host}:${open.port}${open.tls ? ' (TLS, no client certificate)' : ''}` };
  if (e.routeError !== null) return { status: 'inconclusive', summary: `/proc/net/route unreadable (${e.routeError})` };
  if (e.gateways.length === 0) return { status: 'not-applicable', summary: 'no default gateway: the probe has no route to a host' };
  // Holds only when both ports of every gateway were asked and answered something other than Docker.
  const untried = e.gateways.flatMap((g) => PORTS.filter((port) => !e.attempts.some((a) => a.host === g && a.port === port)).map((port) => `${g}:${port}`));
  if (untried.length > 0) return { status: 'inconclusive', summary: `not asked: ${untried.join(', ')}` };
  const seen = e.attempts.map((a) => `${a.port}: ${a.statusLine ?? a.error ?? '?'}`).join(', ');
  return { status: 'holds', summary: `no Docker API on gateway ${e.gateways.join(', ')} (${seen})` };
}

export default defineCheck<TcpApiEvidence>({
  id: 'docker-tcp-api',
  boundary: 'runtime-socket',
  title: 'Docker TCP API reachable on the gateway',
  rationale: 'A Docker daemon listening on tcp://0.0.0.0:2375 (or 2376 without client-certificate verification) is a remote root shell on the host for anyone who reaches it, including every container on the bridge network.',
  method: 'Reads the default gateway from /proc/net/route and sends one time-bounded GET /version to ports 2375 (plain) and 2376 (TLS, no client certificate); nothing else is contacted.',
  remediation: 'Never expose the Docker API on TCP without TLS client verification (--tlsverify); bind it to a management interface that containers cannot reach, or use the unix socket only.',
  severity: 'critical',
  safety: 'passive',
  optIn: 'network',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.007' },
    { framework: 'cis-docker-1.6', id: '2.7' },
    { framework: 'nist-800-190', id: '4.3.1' },
  ],
  async collect(ctx) {
    const route = await readText('/proc/net/route', 64 * 1024);
    if (!route.ok) return { routeError: route.error, gateways: [], attempts: [] };
    const gateways = [...new Set(defaultGateways(route.text).map((g) => g.gateway))].slice(0, 2);
    const budget = Math.max(300, Math.min(1500, Math.floor(ctx.timeoutMs / 3)));
    const attempts = await Promise.all(gateways.flatMap((host) => [
      httpGet({ host, port: 2375 }, '/version', budget).then((r): Attempt => ({ host, port: 2375, tls: false, ...(r.ok ? { statusLine: r.statusLine.slice(0, 200), body: r.body.slice(0, 300) } : { error: r.error.slice(0, 300) }) })),
      tlsGet(host, 2376, '/version', budget).then((r): Attempt => ({ host, port: 2376, tls: true, ...(r.ok ? { statusLine: r.statusLine.slice(0, 200), body: r.body.slice(0, 300) } : { error: r.error.slice(0, 300) }) })),
    ]));
    return { routeError: null, gateways, attempts };
  },
  evidence: contract,
  evaluate: judge,
});
