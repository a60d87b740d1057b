/** Is a seccomp filter confining the probe's syscalls? */
import { defineCheck, type Evidence } from '../model.js';
import { readText } from '../lib/fs.js';
import { parseStatus } from '../lib/proc.js';
import { readSandbox } from '../environment.js';
import * as s from '../lib/shape.js';

interface SeccompEvidence extends Evidence {
  /** `Seccomp:` of /proc/self/status: 0 disabled, 1 strict, 2 filter; null when absent or unreadable. */
  seccompMode: number | null;
  /** `Seccomp_filters:` (Linux 5.9+): how many filters are stacked on the probe. */
  seccompFilters: number | null;
  /** Sandbox runtime between container and host (gvisor, kata), which fakes or owns this field. */
  sandbox: string | null;
  error?: string;
}

const MODES: Record<number, string> = { 0: 'disabled', 1: 'strict', 2: 'filter' };

export default defineCheck<SeccompEvidence>({
  id: 'seccomp-mode',
  boundary: 'seccomp',
  title: 'Seccomp filter not applied',
  rationale: 'Without a seccomp filter every syscall of the kernel is reachable: keyctl, bpf, userfaultfd, unshare, mount and the long tail of rarely used syscalls where most container-escape kernel bugs live.',
  method: 'Reads the Seccomp: and Seccomp_filters: fields of /proc/self/status (2 = filter mode); under gVisor, which reports 0 whatever it enforces, the result is inconclusive.',
  remediation: 'Keep the runtime-default seccomp profile (seccompProfile: RuntimeDefault in Kubernetes; never --security-opt seccomp=unconfined or --privileged).',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1068' },
    { framework: 'cis-docker-1.6', id: '5.22' },
    { framework: 'cis-kubernetes', id: '5.7.2' },
    { framework: 'pod-security-standards', id: 'baseline/Seccomp' },
    { framework: 'pod-security-standards', id: 'restricted/Seccomp' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    seccompMode: s.nullable(s.int(0, 1000)),
    seccompFilters: s.nullable(s.int(0, 100000)),
    sandbox: s.nullable(s.string({ max: 40 })),
    error: s.optional(s.string({ max: 300 })),
  }),
  async collect() {
    const [status, sandbox] = await Promise.all([readText('/proc/self/status'), readSandbox()]);
    if (!status.ok) return { seccompMode: null, seccompFilters: null, sandbox, error: status.error };
    const f = parseStatus(status.text);
    const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : null);
    return { seccompMode: num(f.Seccomp), seccompFilters: num(f.Seccomp_filters), sandbox };
  },
  evaluate(e) {
    const mode = typeof e.seccompMode === 'number' ? e.seccompMode : null;
    const sandbox = typeof e.sandbox === 'string' && e.sandbox ? e.sandbox : null;
    const filters = typeof e.seccompFilters === 'number' ? `, ${e.seccompFilters} filter(s)` : '';
    if (mode === null) return { status: 'inconclusive', summary: `Seccomp field of /proc/self/status unreadable (${typeof e.error === 'string' ? e.error : 'field absent'})` };
    if (mode === 2) return { status: 'holds', summary: `seccomp filter mode (Seccomp: 2${filters}); what it refuses is judged by seccomp-filter-probe` };
    if (mode === 1) return { status: 'holds', summary: 'seccomp strict mode (Seccomp: 1): only read, write, exit and sigreturn allowed' };
    if (mode === 0 && sandbox) {
      return { status: 'inconclusive', summary: `Seccomp: 0 inside a ${sandbox} sandbox, which reports 0 whatever it filters; see seccomp-filter-probe` };
    }
    if (mode === 0) return { status: 'broken', summary: `no seccomp filter (Seccomp: 0${filters}): every syscall of the host kernel is reachable` };
    return { status: 'inconclusive', summary: `unknown seccomp mode ${mode} (${MODES[mode] ?? 'not 0, 1 or 2'})` };
  },
});
