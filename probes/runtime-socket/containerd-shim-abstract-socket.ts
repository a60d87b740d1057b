/** Are containerd-shim abstract sockets (CVE-2020-15257) visible and connectable? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readText } from '../lib/fs.js';
import { tryConnect } from '../lib/net.js';
import { parseNetUnix } from '../lib/netinfo.js';

interface ShimSocket {
  /** Name as /proc/net/unix prints it (`@` = abstract). */
  name: string;
  connected: boolean;
  error?: string;
}

interface ShimEvidence extends Evidence {
  netUnixError: string | null;
  boundSockets: number | null;
  abstractSockets: number | null;
  shimSockets: ShimSocket[];
}

/** Abstract names containerd-shim used before 1.3.9/1.4.3 (`@/containerd-shim/<ns>/<id>/shim.sock`). */
const SHIM_NAME = /^@\/containerd-shim\//;

/**
 * Addresses to try for a name as /proc/net/unix prints it, where every NUL byte shows as `@`:
 * the leading NUL that makes it abstract, then trailing `@` read as NUL padding, then stripped.
 * Each is only connected to and closed at once.
 */
export function abstractAddresses(name: string): string[] {
  const body = name.slice(1);
  const trimmed = body.replace(/@+$/, '');
  const padded = trimmed + '\0'.repeat(body.length - trimmed.length);
  return [...new Set([`\0${body}`, `\0${padded}`, `\0${trimmed}`])];
}

function judge(e: ShimEvidence): Verdict {
  if (!e || !Array.isArray(e.shimSockets)) return { status: 'inconclusive', summary: 'no evidence' };
  const open = e.shimSockets.find((s) => s?.connected === true);
  if (open) return { status: 'broken', summary: `containerd-shim abstract socket ${open.name.replace(/@+$/, '')} accepts connections (CVE-2020-15257: shim API reachable from the host network namespace)` };
  if (e.shimSockets.length > 0) return { status: 'inconclusive', summary: `${e.shimSockets.length} containerd-shim abstract socket(s) visible (host network namespace) but connect failed (${e.shimSockets[0]?.error ?? '?'})` };
  if (e.netUnixError !== null || typeof e.boundSockets !== 'number' || typeof e.abstractSockets !== 'number') return { status: 'inconclusive', summary: `/proc/net/unix unreadable (${e.netUnixError ?? 'no socket counts'})` };
  if (e.abstractSockets > e.boundSockets) return { status: 'inconclusive', summary: `inconsistent /proc/net/unix counts (${e.abstractSockets} abstract of ${e.boundSockets} bound)` };
  return { status: 'holds', summary: `no containerd-shim abstract socket among ${e.boundSockets} bound unix sockets (${e.abstractSockets} abstract)` };
}

export default defineCheck<ShimEvidence>({
  id: 'containerd-shim-abstract-socket',
  boundary: 'runtime-socket',
  title: 'containerd-shim abstract socket reachable (CVE-2020-15257)',
  rationale: 'Abstract unix sockets belong to the network namespace, not the file system: a container sharing the host network namespace can connect to containerd-shim\'s abstract API socket (containerd < 1.3.9 / 1.4.3) and start processes as root on the host.',
  method: 'Lists bound sockets in /proc/net/unix, picks abstract names under @/containerd-shim/, and only connects to them and closes (nothing is sent).',
  remediation: 'Do not share the host network namespace (hostNetwork / --net=host); upgrade containerd to a release that uses file-based shim sockets (>= 1.3.9 / 1.4.3).',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.007' },
    { framework: 'cis-docker-1.6', id: '5.10' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'kubehound', id: 'EXPLOIT_CONTAINERD_SOCK' },
  ],
  async collect() {
    const text = await readText('/proc/net/unix', 4 * 1024 * 1024);
    if (!text.ok) return { netUnixError: text.error, boundSockets: null, abstractSockets: null, shimSockets: [] };
    const entries = parseNetUnix(text.text);
    const names = [...new Set(entries.filter((s) => SHIM_NAME.test(s.path)).map((s) => s.path))].slice(0, 20);
    const shimSockets = await Promise.all(names.map(async (name): Promise<ShimSocket> => {
      let error = 'ENOENT';
      for (const address of abstractAddresses(name)) {
        const r = await tryConnect({ path: address }, 800);
        if (r.connected) return { name, connected: true };
        error = r.error;
      }
      return { name, connected: false, error };
    }));
    return { netUnixError: null, boundSockets: entries.length, abstractSockets: entries.filter((s) => s.abstract).length, shimSockets };
  },
  evidence: s.object({
    netUnixError: s.nullable(s.string({ max: 400 })),
    boundSockets: s.nullable(s.int(0, 10_000_000)),
    abstractSockets: s.nullable(s.int(0, 10_000_000)),
    shimSockets: s.array(s.object({
      name: s.string({ max: 200, pattern: SHIM_NAME }),
      connected: s.boolean(),
      error: s.optional(s.string({ max: 400 })),
    }), { max: 20 }),
  }),
  evaluate: judge,
});
