/** Advisory: does the kernel release fall in the range of a known container-escape kernel CVE? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence } from '../model.js';
import { readTrimmed } from '../lib/fs.js';
import { KERNEL_CVE_HINTS, matchingHints, parseKernelRelease } from '../lib/kernel-version.js';

interface KernelVersionEvidence extends Evidence {
  kernelRelease: string | null;
  procVersion: string | null;
}

export default defineCheck<KernelVersionEvidence>({
  id: 'kernel-version-hints',
  boundary: 'kernel-interfaces',
  title: 'Kernel version in range of known escape CVEs (hint)',
  rationale: 'Containers share the host kernel: a kernel bug reachable from a container (Dirty Pipe, the cgroup v1 release_agent flaw, fs_context overflow, Dirty COW) is an escape no configuration closes.',
  method: `Compares the upstream version at the head of /proc/sys/kernel/osrelease with a small table of fixed releases (${KERNEL_CVE_HINTS.map((h) => h.cve).join(', ')}). Distribution kernels backport fixes without changing that number, so a match is reported as "possible", never as broken.`,
  remediation: 'Run a kernel carrying the fixes (check the distribution\'s advisory for backports), and keep kernel updates part of node image rotation.',
  severity: 'info',
  safety: 'passive',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1068' },
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'nist-800-190', id: '4.5.2' },
  ],
  evidence: s.object({
    kernelRelease: s.nullable(s.string({ max: 200 })),
    procVersion: s.nullable(s.string({ max: 300 })),
  }),
  async collect() {
    const [kernelRelease, procVersion] = await Promise.all([readTrimmed('/proc/sys/kernel/osrelease'), readTrimmed('/proc/version')]);
    return { kernelRelease, procVersion: procVersion?.slice(0, 300) ?? null };
  },
  evaluate(e) {
    // Advisory only: a match is 'inconclusive' ("possible"), never 'broken'; a release after every fix is 'holds'.
    const release = typeof e?.kernelRelease === 'string' ? e.kernelRelease : null;
    if (!release || !parseKernelRelease(release)) return { status: 'inconclusive', summary: `kernel release unreadable or unparsable (${release ?? 'none'})` };
    const hits = matchingHints(release);
    if (hits.length > 0) {
      return { status: 'inconclusive', summary: `possible: ${hits.map((h) => `${h.cve} (${h.name})`).join(', ')} on ${release}; verify the distribution's backports` };
    }
    return { status: 'holds', summary: `kernel ${release} is past the fixes of ${KERNEL_CVE_HINTS.length} tracked escape CVEs` };
  },
});
