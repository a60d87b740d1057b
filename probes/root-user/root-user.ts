/** Does the probe run as root (uid 0 / gid 0) inside the container? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readText } from '../lib/fs.js';
import { parseStatus } from '../lib/proc.js';

interface RootEvidence extends Evidence {
  /** Uid/Gid lines of /proc/self/status: real, effective, saved, filesystem. */
  uid: string | null;
  gid: string | null;
  groups: string | null;
  /** /proc/self/uid_map, to say what uid 0 is on the host. */
  uidMap: string | null;
  error?: string;
}

const ids = (line: string | null | undefined) => (typeof line === 'string' ? line.trim().split(/\s+/).map(Number) : []);

function judge(e: RootEvidence): Verdict {
  const uid = ids(e?.uid);
  const gid = ids(e?.gid);
  if (uid.length < 2 || gid.length < 2 || [...uid, ...gid].some((n) => !Number.isInteger(n))) return { status: 'inconclusive', summary: `Uid/Gid unreadable (${e?.error ?? 'no status'})` };
  const groups = ids(e.groups).filter(Number.isInteger);
  const mapped = /^\s*0\s+0\s+4294967295\s*$/.test(e.uidMap ?? '') ? ' (no user namespace: host root)' : e.uidMap ? ' (inside a user namespace)' : '';
  if (uid.slice(0, 3).includes(0)) return { status: 'broken', summary: `runs as uid 0 (real/effective/saved: ${uid.slice(0, 3).join('/')})${mapped}` };
  if (gid.slice(0, 3).includes(0) || groups.includes(0)) return { status: 'broken', summary: `runs as uid ${uid[0]} but with group 0 (gid ${gid.slice(0, 3).join('/')}, groups ${groups.join(',') || 'none'}): root-group files are reachable` };
  return { status: 'holds', summary: `runs as uid ${uid[0]}, gid ${gid[0]}${groups.length ? `, groups ${groups.join(',')}` : ''}` };
}

export default defineCheck<RootEvidence>({
  id: 'root-user',
  boundary: 'root-user',
  title: 'Container runs as root',
  rationale: 'Root in the container owns every root-owned file a mount exposes, keeps the runtime default capabilities, and turns any namespace or kernel weakness into a host-root compromise; the restricted profile requires a non-root user.',
  method: 'Reads the real, effective, saved and filesystem uids and gids and the supplementary groups of the probe from /proc/self/status, and uid_map to say whether uid 0 is host root.',
  remediation: 'Run as a non-root user: USER in the image, runAsNonRoot: true and runAsUser/runAsGroup != 0 (Kubernetes), --user 1000:1000 (Docker).',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '4.1' },
    { framework: 'cis-kubernetes', id: '5.2.7' },
    { framework: 'pod-security-standards', id: 'restricted/Running as Non-root' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  async collect() {
    const [status, map] = await Promise.all([readText('/proc/self/status'), readText('/proc/self/uid_map')]);
    if (!status.ok) return { uid: null, gid: null, groups: null, uidMap: map.ok ? map.text : null, error: status.error };
    const f = parseStatus(status.text);
    return { uid: f.Uid ?? null, gid: f.Gid ?? null, groups: f.Groups ?? null, uidMap: map.ok ? map.text.trim() : null };
  },
  evaluate: judge,
});
