/** Active: can the probe really mount (SYS_ADMIN usable past seccomp and LSM)? Tried in a fresh private mount namespace. */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readTrimmed } from '../lib/fs.js';
import { BUSYBOX, errnoFromText, execResultShape, runBusybox, type ExecResult } from '../lib/exec.js';
import { readSelfState } from '../lib/self.js';
import { readUserNamespaced } from '../lib/self.js';

interface MountEvidence extends Evidence {
  command: string[];
  result: ExecResult;
  sysAdminEffective: boolean | null;
  seccompMode: number | null;
  /** AppArmor/SELinux label of the probe, when the kernel has an LSM that reports one. */
  lsmLabel: string | null;
  /** Runs in a user namespace (uid_map not the identity): only FS_USERNS_MOUNT file systems can be mounted. */
  userNamespace?: boolean | null;
}

/** Marker printed between a successful mount and its unmount. */
const MOUNTED = 'escapekit-mounted';
/** unshare(CLONE_NEWNS) with private propagation: nothing mounted inside can reach the container's or host's mounts. */
const COMMAND = ['unshare', '-m', '--propagation', 'private', BUSYBOX, 'sh', '-c',
  `${BUSYBOX} mount -t tmpfs -o size=64k escapekit /mnt || exit 10; echo ${MOUNTED}; ${BUSYBOX} umount /mnt || exit 11`];

/** Names what stopped a blocked attempt, from the capability sets, seccomp mode and LSM label. */
function blocker(e: MountEvidence): string {
  if (e.sysAdminEffective === false) return 'CAP_SYS_ADMIN is not effective';
  const lsm = e.lsmLabel && !/^(unconfined|kernel)\b/.test(e.lsmLabel) ? e.lsmLabel : null;
  if (e.sysAdminEffective === true && e.seccompMode === 2) return `CAP_SYS_ADMIN is effective: blocked by the seccomp filter${lsm ? ` or the LSM profile ${lsm}` : ''}`;
  if (e.sysAdminEffective === true && lsm) return `CAP_SYS_ADMIN is effective and seccomp is off: blocked by the LSM profile ${lsm}`;
  return 'cause unknown';
}

function judge(e: MountEvidence): Verdict {
  const r = e?.result;
  if (!r || typeof r !== 'object') return { status: 'inconclusive', summary: 'no attempt recorded' };
  if (typeof r.stdout === 'string' && r.stdout.includes(MOUNTED)) {
    const userns = e.userNamespace === true ? '; inside a user namespace, so only user-namespace-mountable file systems (no host block device, no cgroup v1)' : '';
    return { status: 'broken', summary: `mounted a tmpfs in a private mount namespace: mount(2) with CAP_SYS_ADMIN really works (seccomp mode ${e.seccompMode ?? '?'})${userns}${r.exitCode === 11 ? '; umount failed, the namespace died with the attempt' : ''}` };
  }
  if (r.timedOut) return { status: 'inconclusive', summary: 'mount attempt timed out' };
  if (r.error) return { status: 'inconclusive', summary: `could not run ${BUSYBOX} (${r.error})` };
  const errno = errnoFromText(r.stderr ?? '');
  const stage = /^unshare:/m.test(r.stderr ?? '') ? 'unshare(CLONE_NEWNS)' : 'mount(2)';
  // A refusal is only proof when the attempt really ended in failure (an exit code, no signal).
  const failed = typeof r.exitCode === 'number' && r.exitCode !== 0 && r.signal === null;
  if (failed && (errno === 'EPERM' || errno === 'EACCES')) return { status: 'holds', summary: `${stage} refused (${errno}): ${blocker(e)}` };
  return { status: 'inconclusive', summary: `mount attempt failed without a permission error (exit ${r.exitCode ?? '?'}: ${(r.stderr ?? '').trim().split('\n')[0].slice(0, 100)})` };
}

export default defineCheck<MountEvidence>({
  id: 'mount-attempt',
  boundary: 'capabilities',
  title: 'mount(2) usable (active attempt)',
  rationale: 'Being able to mount is the first step of the classic SYS_ADMIN escapes: mounting a host block device, or a cgroup v1 hierarchy to set release_agent (CE_PRIV_MOUNT, CVE-2022-0492). The capability list alone cannot tell whether seccomp or an LSM still blocks it.',
  method: 'Runs busybox unshare -m --propagation private and, inside that fresh namespace only, mounts a 64 KiB tmpfs on /mnt and unmounts it; a refusal is attributed to the missing capability, seccomp or the LSM from the probe\'s own state.',
  remediation: 'Remove SYS_ADMIN (and privileged); keep the runtime\'s default seccomp and AppArmor/SELinux profiles, which refuse mount(2).',
  severity: 'critical',
  safety: 'active',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
  async collect(ctx) {
    const [state, apparmor, generic, userNamespace] = await Promise.all([
      readSelfState(),
      readTrimmed('/proc/self/attr/apparmor/current'),
      readTrimmed('/proc/self/attr/current'),
      readUserNamespaced(),
    ]);
    const result = await runBusybox(COMMAND, Math.max(500, Math.min(3000, ctx.timeoutMs - 500)));
    return {
      command: [BUSYBOX, ...COMMAND],
      result,
      sysAdminEffective: state.effective ? state.effective.includes('SYS_ADMIN') : null,
      seccompMode: state.seccompMode,
      lsmLabel: (apparmor ?? generic)?.replace(/\0/g, '') || null,
      userNamespace,
    };
  },
  evidence: s.object({
    command: s.array(s.string({ max: 400 }), { max: 16 }),
    result: execResultShape,
    sysAdminEffective: s.nullable(s.boolean()),
    seccompMode: s.nullable(s.int(0, 2)),
    lsmLabel: s.nullable(s.string({ max: 400 })),
    userNamespace: s.nullable(s.boolean()),
  }),
  evaluate: judge,
});
