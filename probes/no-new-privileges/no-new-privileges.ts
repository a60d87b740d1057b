/** Is the no_new_privs flag set on the probe (no privilege gain through setuid or file capabilities)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readText } from '../lib/fs.js';
import { parseStatus } from '../lib/proc.js';
import * as s from '../lib/shape.js';

interface NnpEvidence extends Evidence {
  /** The NoNewPrivs field of /proc/self/status ("0" or "1"), null when absent. */
  noNewPrivs: string | null;
  /** CapBnd, to say what a setuid binary could regain. */
  capBnd: string | null;
  error?: string;
}

function judge(e: NnpEvidence): Verdict {
  if (e?.noNewPrivs === '1') return { status: 'holds', summary: 'no_new_privs is set: execve of setuid or file-capability binaries cannot raise privileges' };
  if (e?.noNewPrivs === '0') {
    const bnd = typeof e.capBnd === 'string' && /^[0-9a-f]+$/i.test(e.capBnd) ? BigInt(`0x${e.capBnd}`) : null;
    // An empty bounding set stops capabilities, not the uid change: a setuid-root binary still makes any process of the container uid 0.
    if (bnd === 0n) return { status: 'broken', summary: 'no_new_privs is off (allowPrivilegeEscalation): a setuid-root binary still makes any process uid 0 (owner of the image\'s and root-owned mounted files); no capability can be regained, the bounding set is empty' };
    const regain = bnd === null ? '' : `; a setuid or file-capability binary can regain the bounding set ${e.capBnd}`;
    return { status: 'broken', summary: `no_new_privs is off (allowPrivilegeEscalation)${regain}` };
  }
  return { status: 'inconclusive', summary: `NoNewPrivs unreadable (${e?.error ?? 'field absent or malformed'})` };
}

export default defineCheck<NnpEvidence>({
  id: 'no-new-privileges',
  boundary: 'no-new-privileges',
  title: 'no_new_privs not set',
  rationale: 'Without no_new_privs a process in the container can gain privileges by executing a setuid-root or file-capability binary (up to the bounding set), which turns a non-root foothold into container root.',
  method: 'Reads the NoNewPrivs field of /proc/self/status (and CapBnd for what could be regained).',
  remediation: 'Set allowPrivilegeEscalation: false (Kubernetes) or --security-opt no-new-privileges (Docker, or "no-new-privileges": true in daemon.json).',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1548.001' },
    { framework: 'cis-docker-1.6', id: '5.26' },
    { framework: 'cis-kubernetes', id: '5.2.6' },
    { framework: 'pod-security-standards', id: 'restricted/Privilege Escalation' },
  ],
  evidence: s.object({
    noNewPrivs: s.nullable(s.oneOf('0', '1')),
    capBnd: s.nullable(s.string({ max: 16, pattern: /^[0-9a-f]{1,16}$/ })),
    error: s.optional(s.string({ max: 300 })),
  }),
  async collect() {
    const status = await readText('/proc/self/status');
    if (!status.ok) return { noNewPrivs: null, capBnd: null, error: status.error };
    const f = parseStatus(status.text);
    return { noNewPrivs: f.NoNewPrivs ?? null, capBnd: f.CapBnd ?? null };
  },
  evaluate: judge,
});
