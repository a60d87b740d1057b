/** Does the seccomp filter actually refuse a syscall the runtime-default profile refuses? */
import { defineCheck, type Evidence } from '../model.js';
import { BUSYBOX, errnoFromText, runBusybox } from '../lib/exec.js';
import { readSelfState } from '../lib/self.js';
import { readSandbox } from '../environment.js';

interface FilterProbeEvidence extends Evidence {
  /** The attempt: setns(2) into the namespace the probe is already in. */
  command: string;
  exitCode: number | null;
  stderr: string;
  /** Spawn error (busybox missing, timeout). */
  error?: string;
  /** Errno busybox printed: EINVAL = the kernel saw the call, EPERM/ENOSYS = a filter refused it. */
  errno: string | null;
  seccompMode: number | null;
  /** SYS_ADMIN in the bounding set: the runtime-default profile then allows setns itself. */
  sysAdminGranted: boolean | null;
  sandbox: string | null;
}

// Joining one's own user namespace: the kernel refuses it with EINVAL before any permission
// check, so nothing can change; a seccomp filter that blocks setns answers EPERM first.
const ARGS = ['nsenter', '--user=/proc/self/ns/user', BUSYBOX, 'true'];

export default defineCheck<FilterProbeEvidence>({
  id: 'seccomp-filter-probe',
  boundary: 'seccomp',
  title: 'Seccomp filter lets a runtime-default-blocked syscall through',
  rationale: 'A filter can be installed yet allow everything (a permissive custom profile, an inherited outer filter): then setns, unshare, mount, keyctl and bpf reach the kernel, the syscalls most escape exploits start with.',
  method: 'Runs busybox nsenter into the probe\'s own user namespace: setns(2) then fails with EINVAL when it reaches the kernel (nothing changes) and with EPERM when a filter blocks it, as the Docker and containerd default profiles do without SYS_ADMIN.',
  remediation: 'Use the runtime-default seccomp profile (RuntimeDefault) or a custom profile at least as strict; do not grant SYS_ADMIN, which relaxes the default profile.',
  severity: 'high',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1068' },
    { framework: 'cis-docker-1.6', id: '5.22' },
    { framework: 'pod-security-standards', id: 'baseline/Seccomp' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  async collect() {
    const [run, self, sandbox] = await Promise.all([runBusybox(ARGS, 2000), readSelfState(), readSandbox()]);
    const out: FilterProbeEvidence = {
      command: `busybox ${ARGS.join(' ')}`,
      exitCode: run.exitCode,
      stderr: run.stderr.trim().slice(0, 300),
      errno: errnoFromText(run.stderr),
      seccompMode: self.seccompMode,
      sysAdminGranted: self.bounding ? self.bounding.includes('SYS_ADMIN') : null,
      sandbox,
    };
    if (run.error) out.error = run.error;
    return out;
  },
  evaluate(e) {
    const errno = typeof e.errno === 'string' ? e.errno : null;
    const setns = /setns/.test(typeof e.stderr === 'string' ? e.stderr : '');
    if (typeof e.error === 'string') return { status: 'inconclusive', summary: `busybox nsenter could not run (${e.error})` };
    if (e.exitCode === 0) return { status: 'inconclusive', summary: 'setns into the own user namespace unexpectedly succeeded; cannot interpret' };
    if (!setns || (errno !== 'EINVAL' && errno !== 'EPERM' && errno !== 'ENOSYS')) {
      return { status: 'inconclusive', summary: `unexpected nsenter failure: ${String(e.stderr).split('\n')[0].slice(0, 120) || `exit ${e.exitCode}`}` };
    }
    if (errno === 'EPERM' || errno === 'ENOSYS') return { status: 'holds', summary: `seccomp filter refused setns(2) with ${errno}, as the runtime-default profile does` };
    // EINVAL: setns reached the kernel.
    if (typeof e.sandbox === 'string' && e.sandbox) return { status: 'inconclusive', summary: `setns reached the ${e.sandbox} kernel unfiltered; the sandbox may ignore the OCI seccomp profile but filters host syscalls itself` };
    if (e.seccompMode === 0) return { status: 'broken', summary: 'setns(2) reached the kernel unfiltered and no filter is installed (Seccomp: 0)' };
    if (e.sysAdminGranted === true) return { status: 'not-applicable', summary: 'setns reached the kernel, but SYS_ADMIN is granted and the runtime-default profile then allows setns: this probe cannot tell' };
    if (e.seccompMode === 2) return { status: 'inconclusive', summary: 'a seccomp filter is installed (Seccomp: 2) but lets setns(2) through: a custom or inherited profile weaker than runtime-default' };
    return { status: 'inconclusive', summary: `setns(2) reached the kernel; seccomp mode ${e.seccompMode ?? 'unknown'}` };
  },
});
