/** Does the probe run as root (uid 0 / gid 0) inside the container? */
import * as s from '../lib/shape.js';
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

/** The ids of a status line, or null unless every field is a non-negative integer. */
const ids = (line: unknown): number[] | null => {
  if (typeof line !== 'string') return null;
  const parts = line.trim().split(/\s+/).filter(Boolean);
  const nums = parts.map(Number);
  return nums.every((n) => Number.isInteger(n) && n >= 0 && n <= 4294967295) ? nums : null;
};

function judge(e: RootEvidence): Verdict {
  const uid = ids(e?.uid);
  const gid = ids(e?.gid);
  // Real, effective, saved and filesystem ids: all four must be there; "Groups:" may be empty but must be present.
  if (!uid || !gid || uid.length !== 4 || gid.length !== 4) return { status: 'inconclusive', summary: `Uid/Gid unreadable or malformed (${typeof e?.error === 'string' ? e.error : 'no status'})` };
  const groups = ids(e.groups);
  const mapped = /^\s*0\s+0\s+4294967295\s*$/.test(typeof e.uidMap === 'string' ? e.uidMap : '') ? ' (no user namespace: host root)' : typeof e.uidMap === 'string' ? ' (inside a user namespace)' : '';
  if (uid.includes(0)) return { status: 'broken', summary: `runs as uid 0 (real/effective/saved/fs: ${uid.join('/')})${mapped}` };
  if (gid.includes(0) || groups?.includes(0)) return { status: 'broken', summary: `runs as uid ${uid[0]} but with group 0 (gid ${gid.join('/')}, groups ${groups?.join(',') || 'none'}): root-group files are reachable` };
  if (!groups) return { status: 'inconclusive', summary: `runs as uid ${uid[0]}, gid ${gid[0]}; supplementary groups unreadable, so group 0 cannot be ruled out` };
  return { status: 'holds', summary: `runs as uid ${uid[0]}, gid ${gid[0]}${groups.length ? `, groups ${groups.join(',')}` : ', no supplementary groups'}` };
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
  evidence: s.object({
    uid: s.nullable(s.string({ max: 200 })),
    gid: s.nullable(s.string({ max: 200 })),
    groups: s.nullable(s.string({ max: 64 * 1024 })),
    uidMap: s.nullable(s.string({ max: 340 * 40 })),
    // Only when /proc/self/status could not be read.
    error: s.optional(s.string({ max: 400 })),
  }),
  async collect() {
    const [status, map] = await Promise.all([readText('/proc/self/status'), readText('/proc/self/uid_map')]);
    if (!status.ok) return { uid: null, gid: null, groups: null, uidMap: map.ok ? map.text : null, error: status.error };
    const f = parseStatus(status.text);
    return { uid: f.Uid ?? null, gid: f.Gid ?? null, groups: f.Groups ?? null, uidMap: map.ok ? map.text.trim() : null };
  },
  evaluate: judge,
});
