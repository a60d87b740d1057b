/** Advisory, active: can the probe create a new user namespace (kernel attack surface)? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readTrimmed } from '../lib/fs.js';
import { BUSYBOX, errnoFromText, execResultShape, runBusybox, type ExecResult } from '../lib/exec.js';
import { readSelfState } from '../lib/self.js';
import { readSandbox } from '../environment.js';

interface CreationEvidence extends Evidence {
  command: string[];
  result: ExecResult;
  /** Kernel knobs that allow or forbid unprivileged user namespaces. */
  sysctls: { maxUserNamespaces: string | null; unprivilegedUsernsClone: string | null; apparmorRestrict: string | null };
  /** Seccomp mode of the probe (2 = filter), to name the likely refuser. */
  seccompMode: number | null;
  /** The sandbox runtime detected (environment.ts): inside gVisor the namespace is the sentry's, not the host kernel's. */
  sandbox?: string | null;
}

const COMMAND = ['unshare', '-U', BUSYBOX, 'true'];

function judge(e: CreationEvidence): Verdict {
  const r = e?.result;
  if (!r || typeof r !== 'object') return { status: 'inconclusive', summary: 'no attempt recorded' };
  if (r.exitCode === 0 && !r.error && e.sandbox === 'gvisor') return { status: 'holds', summary: 'created a user namespace, but inside gVisor: the sentry implements it, no host kernel code behind capability checks is reached' };
  if (r.exitCode === 0 && !r.error) return { status: 'broken', summary: 'created a user namespace: the probe gains a full capability set over new namespaces, exposing kernel code otherwise reserved to root (max_user_namespaces=' + (e.sysctls?.maxUserNamespaces ?? '?') + ')' };
  if (r.timedOut) return { status: 'inconclusive', summary: 'unshare attempt timed out' };
  if (r.error) return { status: 'inconclusive', summary: `could not run ${BUSYBOX} (${r.error})` };
  const errno = errnoFromText(r.stderr ?? '');
  if (errno === 'EPERM' || errno === 'EACCES') {
    const who = e.seccompMode === 2 ? 'most likely the seccomp filter' : e.sysctls?.unprivilegedUsernsClone === '0' ? 'kernel.unprivileged_userns_clone=0' : 'an LSM or sysctl';
    return { status: 'holds', summary: `unshare(CLONE_NEWUSER) refused (${errno}): ${who} forbids new user namespaces` };
  }
  if (errno === 'ENOSPC' || errno === 'EUSERS') return { status: 'holds', summary: `unshare(CLONE_NEWUSER) refused (${errno}): user namespace limit reached (max_user_namespaces=${e.sysctls?.maxUserNamespaces ?? '?'})` };
  return { status: 'inconclusive', summary: `unshare failed without a permission error (exit ${r.exitCode ?? '?'}: ${(r.stderr ?? '').trim().slice(0, 100)})` };
}

export default defineCheck<CreationEvidence>({
  id: 'userns-creation',
  boundary: 'user-namespace',
  title: 'User namespace creation allowed (active attempt)',
  rationale: 'A process that can create a user namespace becomes root of it and reaches kernel code (netfilter, mount of FS_USERNS_MOUNT file systems, io_uring...) behind capability checks; many kernel privilege escalations start there.',
  method: 'Runs busybox unshare -U true (a new, empty user namespace that exits at once) and records the user-namespace sysctls.',
  remediation: 'Keep the runtime default seccomp profile (it refuses unshare/clone of user namespaces without SYS_ADMIN), or set user.max_user_namespaces=0 / an LSM restriction on nodes that do not need them.',
  severity: 'low',
  safety: 'active',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1068' },
    { framework: 'cis-docker-1.6', id: '5.22' },
    { framework: 'pod-security-standards', id: 'baseline/Seccomp' },
  ],
  evidence: s.object({
    command: s.array(s.string({ max: 200 }), { max: 10 }),
    result: execResultShape,
    sysctls: s.object({
      maxUserNamespaces: s.nullable(s.string({ max: 40 })),
      unprivilegedUsernsClone: s.nullable(s.string({ max: 40 })),
      apparmorRestrict: s.nullable(s.string({ max: 40 })),
    }),
    seccompMode: s.nullable(s.int(0, 2)),
    sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
  }),
  async collect(ctx) {
    const [maxUserNamespaces, unprivilegedUsernsClone, apparmorRestrict, self, sandbox] = await Promise.all([
      readTrimmed('/proc/sys/user/max_user_namespaces'),
      readTrimmed('/proc/sys/kernel/unprivileged_userns_clone'),
      readTrimmed('/proc/sys/kernel/apparmor_restrict_unprivileged_userns'),
      readSelfState(),
      readSandbox(),
    ]);
    const result = await runBusybox(COMMAND, Math.max(500, Math.min(2000, ctx.timeoutMs - 500)));
    return { command: [BUSYBOX, ...COMMAND], result, sysctls: { maxUserNamespaces, unprivilegedUsernsClone, apparmorRestrict }, seccompMode: self.seccompMode, sandbox };
  },
  evaluate: judge,
});
