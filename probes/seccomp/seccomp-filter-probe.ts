/** Does the seccomp filter actually refuse syscalls the runtime-default profile refuses? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { BUSYBOX, errnoFromText, runBusybox } from '../lib/exec.js';
import { readSelfState } from '../lib/self.js';
import { readSandbox } from '../environment.js';
import * as s from '../lib/shape.js';

const attemptShape = s.object({
  command: s.string({ max: 300 }),
  exitCode: s.nullable(s.int(0, 255)),
  stderr: s.string({ max: 300 }),
  errno: s.nullable(s.oneOf('EPERM', 'EACCES', 'ENOSYS', 'EINVAL', 'ENOSPC', 'EUSERS')),
  error: s.optional(s.string({ max: 200 })),
});

/** One targeted syscall attempt and how it ended. */
export interface SyscallAttempt {
  command: string;
  exitCode: number | null;
  stderr: string;
  /** Errno busybox printed (EPERM/ENOSYS = a filter refused it). */
  errno: string | null;
  /** Spawn error (busybox missing, timeout). */
  error?: string;
}

interface FilterProbeEvidence extends Evidence {
  /** setns(2) into the probe's own user namespace: EINVAL when it reaches the kernel (nothing changes). */
  setns: SyscallAttempt;
  /**
   * personality(PER_LINUX | ADDR_NO_RANDOMIZE) in a throwaway child that then runs `true`: the
   * runtime-default profiles (Docker, containerd, CRI-O) refuse this value whatever the capabilities.
   */
  personality: SyscallAttempt;
  seccompMode: number | null;
  /** SYS_ADMIN in the bounding set: the runtime-default profile then allows setns itself. */
  sysAdminGranted: boolean | null;
  sandbox: string | null;
}

// Joining one's own user namespace: the kernel refuses it with EINVAL before any permission
// check, so nothing can change; a seccomp filter that blocks setns answers EPERM first.
const SETNS = ['nsenter', '--user=/proc/self/ns/user', BUSYBOX, 'true'];
// Disables address randomisation for one child that only runs `true`: nothing outside it changes.
const PERSONALITY = ['linux64', '-R', BUSYBOX, 'true'];

async function attempt(args: readonly string[]): Promise<SyscallAttempt> {
  const run = await runBusybox(args, 2000);
  const out: SyscallAttempt = { command: `busybox ${args.join(' ')}`, exitCode: run.exitCode, stderr: run.stderr.trim().slice(0, 300), errno: errnoFromText(run.stderr) };
  if (run.error) out.error = run.error;
  return out;
}

type Outcome = { kind: 'filtered' | 'reached'; errno: string } | { kind: 'unclear'; why: string };

/** setns: EPERM/ENOSYS = filtered, EINVAL = reached the kernel. */
function setnsOutcome(a: SyscallAttempt): Outcome {
  if (typeof a.error === 'string') return { kind: 'unclear', why: `busybox nsenter could not run (${a.error})` };
  if (a.exitCode === 0) return { kind: 'unclear', why: 'setns into the own user namespace unexpectedly succeeded' };
  if (!/setns/.test(a.stderr) || !['EINVAL', 'EPERM', 'ENOSYS'].includes(a.errno ?? '')) return { kind: 'unclear', why: `unexpected nsenter failure: ${a.stderr.split('\n')[0].slice(0, 120) || `exit ${a.exitCode}`}` };
  return a.errno === 'EINVAL' ? { kind: 'reached', errno: 'EINVAL' } : { kind: 'filtered', errno: a.errno! };
}

/** personality: exit 0 = reached the kernel (it never fails there), EPERM/ENOSYS from personality() = filtered. */
function personalityOutcome(a: SyscallAttempt): Outcome {
  if (typeof a.error === 'string') return { kind: 'unclear', why: `busybox linux64 could not run (${a.error})` };
  if (a.exitCode === 0) return { kind: 'reached', errno: 'none' };
  if (/personality/.test(a.stderr) && (a.errno === 'EPERM' || a.errno === 'ENOSYS')) return { kind: 'filtered', errno: a.errno };
  return { kind: 'unclear', why: `unexpected linux64 failure: ${a.stderr.split('\n')[0].slice(0, 120) || `exit ${a.exitCode}`}` };
}

function judge(e: FilterProbeEvidence): Verdict {
  const setns = setnsOutcome(e.setns);
  const pers = personalityOutcome(e.personality);
  const sandbox = e.sandbox ? e.sandbox : null;
  const reached = [pers.kind === 'reached' ? 'personality(ADDR_NO_RANDOMIZE)' : '', setns.kind === 'reached' && e.sysAdminGranted === false ? 'setns(2)' : ''].filter(Boolean);
  if (reached.length > 0) {
    if (sandbox) return { status: 'inconclusive', summary: `${reached.join(' and ')} reached the ${sandbox} kernel unfiltered; the sandbox may ignore the OCI seccomp profile but filters host syscalls itself` };
    const mode = e.seccompMode === 0 ? 'no filter is installed (Seccomp: 0)' : e.seccompMode === 2 ? 'the installed filter (Seccomp: 2) is weaker than runtime-default' : `seccomp mode ${e.seccompMode ?? 'unknown'}`;
    return { status: 'broken', summary: `${reached.join(' and ')} reached the kernel although every runtime-default profile refuses it${reached.length === 1 && reached[0].startsWith('setns') ? ' without SYS_ADMIN' : ''}: ${mode}` };
  }
  if (pers.kind === 'unclear') return { status: 'inconclusive', summary: pers.why };
  if (setns.kind === 'unclear') return { status: 'inconclusive', summary: setns.why };
  // personality was refused by a filter; setns either refused too or legitimately allowed by SYS_ADMIN.
  if (pers.kind !== 'filtered') return { status: 'inconclusive', summary: 'personality attempt not judged' };
  if (setns.kind === 'filtered') return { status: 'holds', summary: `seccomp filter refused personality(ADDR_NO_RANDOMIZE) with ${pers.errno} and setns(2) with ${setns.errno}, as the runtime-default profile does` };
  if (e.sysAdminGranted !== true) return { status: 'inconclusive', summary: 'setns(2) reached the kernel and the bounding set is unreadable: cannot tell whether SYS_ADMIN allows it' };
  return { status: 'holds', summary: `seccomp filter refused personality(ADDR_NO_RANDOMIZE) with ${pers.errno}, as runtime-default does for every capability set (setns reached the kernel: SYS_ADMIN relaxes the default profile for it)` };
}

export default defineCheck<FilterProbeEvidence>({
  id: 'seccomp-filter-probe',
  boundary: 'seccomp',
  title: 'Seccomp filter lets a runtime-default-blocked syscall through',
  rationale: 'A filter can be installed yet allow everything (a permissive custom profile, an inherited outer filter): then setns, unshare, mount, keyctl and bpf reach the kernel, the syscalls most escape exploits start with. Seccomp: 2 alone proves nothing.',
  method: 'Two harmless targeted syscalls from busybox children: personality(PER_LINUX|ADDR_NO_RANDOMIZE) in a child that only runs true (every runtime-default profile refuses that value with EPERM whatever the capabilities), and setns(2) into the probe\'s own user namespace (the kernel answers EINVAL, nothing changes; the default profiles answer EPERM unless SYS_ADMIN is granted). Either reaching the kernel where runtime-default refuses it is broken.',
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
  evidence: s.object({
    setns: attemptShape,
    personality: attemptShape,
    seccompMode: s.nullable(s.int(0, 1000)),
    sysAdminGranted: s.nullable(s.boolean()),
    sandbox: s.nullable(s.string({ max: 40 })),
  }),
  async collect() {
    const [setns, personality, self, sandbox] = await Promise.all([attempt(SETNS), attempt(PERSONALITY), readSelfState(), readSandbox()]);
    return { setns, personality, seccompMode: self.seccompMode, sysAdminGranted: self.bounding ? self.bounding.includes('SYS_ADMIN') : null, sandbox };
  },
  evaluate: judge,
});
