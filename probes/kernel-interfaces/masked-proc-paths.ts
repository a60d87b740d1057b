/** Are the /proc and /sys paths that runtimes mask (kcore, keys, timer_list, firmware...) reachable unmasked? */
import { defineCheck, type Evidence } from '../model.js';
import { openableForRead, statType } from '../lib/fs.js';
import { effectiveMount, pathsInFs } from '../lib/kernel-files.js';
import { readMounts } from '../lib/mounts.js';
import { containerRootShape, mountBarrier, readContainerRoot, sysAdminObtainable, type ContainerRoot } from '../lib/container-root.js';
import * as s from '../lib/shape.js';
import { isSentryOwn } from '../lib/sentry.js';
import { readSandbox } from '../environment.js';

/** Paths Docker and containerd mask by default, as [file system, path inside it]. */
const MASKED: ReadonlyArray<readonly [string, string]> = [
  ['proc', '/kcore'], ['proc', '/keys'], ['proc', '/timer_list'], ['proc', '/timer_stats'], ['proc', '/sched_debug'],
  ['proc', '/latency_stats'], ['proc', '/acpi'], ['proc', '/scsi'], ['sysfs', '/firmware'],
];
const CANONICAL_ROOT: Record<string, string> = { proc: '/proc', sysfs: '/sys' };

interface MaskedPathProbe {
  path: string;
  /** lstat type, null when absent (the kernel lacks it). */
  type: string | null;
  /** File system serving the path: proc/sysfs means unmasked; tmpfs/devtmpfs is a mask. */
  servedBy: string | null;
  unmasked: boolean;
  /** open(O_RDONLY) then close, only for unmasked paths; nothing is read. */
  readable?: boolean;
  error?: string;
}

interface MaskedEvidence extends Evidence {
  mountsRead: boolean;
  paths: MaskedPathProbe[];
  /** Who root in this container is: with CAP_SYS_ADMIN and no user namespace it can unmount a mask. */
  container: ContainerRoot;
  /** The sandbox runtime detected (environment.ts): inside gVisor, proc and sysfs are the sentry's own. */
  sandbox?: string | null;
}

export default defineCheck<MaskedEvidence>({
  id: 'masked-proc-paths',
  boundary: 'kernel-interfaces',
  title: 'Masked /proc and /sys paths exposed',
  rationale: 'Runtimes hide /proc/kcore (kernel memory), /proc/keys, /proc/timer_list and /proc/sched_debug (kernel addresses, host task names), /proc/acpi, /proc/scsi and /sys/firmware; unmasked, they leak host kernel state used to defeat KASLR and plan escapes. Pod Security Standards baseline forbids procMount: Unmasked.',
  method: 'For each path normally masked, in /proc, /sys and any other procfs/sysfs mount, looks at which file system serves it in mountinfo (proc/sysfs = unmasked, tmpfs or /dev/null = masked) and opens unmasked ones O_RDONLY without reading.',
  remediation: 'Keep the runtime\'s default masked paths: no privileged containers, no procMount: Unmasked, no --security-opt systempaths=unconfined, no host /proc or /sys mounts.',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1082' },
    { framework: 'cis-docker-1.6', id: '5.5' },
    { framework: 'cis-kubernetes', id: '5.2.2' },
    { framework: 'pod-security-standards', id: 'baseline//proc Mount Type' },
    { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    mountsRead: s.boolean(),
    paths: s.array(s.object({
      path: s.string({ max: 4096 }),
      type: s.nullable(s.string({ max: 40 })),
      servedBy: s.nullable(s.string({ max: 100 })),
      unmasked: s.boolean(),
      readable: s.optional(s.boolean()),
      error: s.optional(s.string({ max: 400 })),
    // Every normally masked path is a candidate at its usual place, so fewer is not the collect step's output.
    }), { min: MASKED.length, max: 1000 }),
    container: containerRootShape,
    sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
  }),
  async collect() {
    const [mounts, container, sandbox] = await Promise.all([readMounts(), readContainerRoot(), readSandbox()]);
    const candidates = new Map<string, string>();
    for (const [fsType, rel] of MASKED) {
      candidates.set(`${CANONICAL_ROOT[fsType]}${rel}`, fsType);
      for (const p of pathsInFs(mounts ?? [], fsType, rel)) candidates.set(p, fsType);
    }
    const paths = await Promise.all([...candidates].map(async ([path, fsType]): Promise<MaskedPathProbe> => {
      const m = mounts ? effectiveMount(mounts, path) : null;
      const type = m?.fsType === 'autofs' ? null : await statType(path);
      const unmasked = type !== null && m?.fsType === fsType;
      const probe: MaskedPathProbe = { path, type, servedBy: m?.fsType ?? null, unmasked };
      if (unmasked) {
        const r = await openableForRead(path);
        probe.readable = r.readable;
        if (r.error) probe.error = r.error;
      }
      return probe;
    }));
    return { mountsRead: mounts !== null, paths, container, sandbox };
  },
  evaluate(e) {
    const paths = Array.isArray(e?.paths) ? e.paths.filter((p) => typeof p?.path === 'string') : [];
    // Inside gVisor the sentry's own proc and sysfs hold only its virtual state, never the host kernel's.
    const sandbox = typeof e?.sandbox === 'string' ? e.sandbox : null;
    const bySentry = paths.filter((p) => p.unmasked === true && typeof p.servedBy === 'string' && isSentryOwn({ fsType: p.servedBy }, sandbox));
    const unmasked = paths.filter((p) => p.unmasked === true && !bySentry.includes(p));
    if (unmasked.length > 0) {
      const list = unmasked.map((p) => `${p.path}${p.readable ? ' (readable)' : ''}`).join(', ');
      return { status: 'broken', summary: `unmasked: ${list}` };
    }
    if (e?.mountsRead !== true) return { status: 'inconclusive', summary: 'mount table unreadable: cannot tell masked paths from real ones' };
    if (bySentry.length > 0) return { status: 'holds', summary: `unmasked but served by gVisor's own ${[...new Set(bySentry.map((p) => p.servedBy))].join('/')} (the sentry's, not the host kernel's): ${bySentry.map((p) => p.path).join(', ')}` };
    const present = paths.filter((p) => p.type !== null && p.type !== undefined);
    if (present.some((p) => typeof p.servedBy !== 'string')) return { status: 'inconclusive', summary: 'a masked path has no serving mount in the mount table' };
    const contradiction = present.find((p) => p.servedBy === 'proc' || p.servedBy === 'sysfs');
    if (contradiction) return { status: 'inconclusive', summary: `${contradiction.path} is served by ${contradiction.servedBy} yet not reported unmasked` };
    if (paths.length < MASKED.length) return { status: 'inconclusive', summary: `only ${paths.length} of the ${MASKED.length} normally masked paths examined` };
    const sysAdmin = sysAdminObtainable(e.container);
    // Root with CAP_SYS_ADMIN over the host's user namespace unmounts a mask (or mounts a fresh procfs) in one call.
    if (present.length > 0 && sandbox === 'gvisor') return { status: 'holds', summary: `${present.length} path(s) masked; inside gVisor any mount root makes is the sentry's own, not the host kernel's` };
    if (present.length > 0 && sysAdmin !== false) return { status: 'inconclusive', summary: `${present.length} path(s) masked, but ${sysAdmin ? 'root with CAP_SYS_ADMIN (no user namespace) can unmount the masks' : 'whether root in the container could unmount the masks (CAP_SYS_ADMIN, user namespace) is unknown'}` };
    if (present.length === 0) return { status: 'holds', summary: `none of the ${paths.length} normally masked paths exists in the probe's view` };
    return { status: 'holds', summary: `${present.length} path(s) masked (${[...new Set(present.map((p) => p.servedBy))].join('/')}), ${paths.length - present.length} absent on this kernel; ${mountBarrier(e.container)} against unmounting the masks` };
  },
});
