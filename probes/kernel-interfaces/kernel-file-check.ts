/**
 * Shared shape of the "host kernel interface file writable?" checks (core_pattern, sysrq-trigger,
 * uevent_helper, modprobe, binfmt_misc register, global sysctls, sysfs attributes). Each target
 * is looked for at its usual path and under every mount of its file system (a host /proc bound
 * at /host/proc counts), then opened O_WRONLY and closed: never written.
 */
import { defineCheck, type Check, type CheckMeta, type Evidence, type Verdict } from '../model.js';
import { DENIED_ERRORS, pathsInFs, probeWrite, untested, writeProbeShape, type WriteProbe } from '../lib/kernel-files.js';
import * as s from '../lib/shape.js';
import { readMounts } from '../lib/mounts.js';
import { isSentryOwn } from '../lib/sentry.js';
import { readSandbox } from '../environment.js';
import { containerRootShape, mountBarrier, readContainerRoot, rootCouldOpen, sysAdminObtainable, type ContainerRoot } from '../lib/container-root.js';

/** Evidence of a kernel-file check. */
export interface KernelFileEvidence extends Evidence {
  fsType: string;
  targets: string[];
  /** Whether /proc/self/mountinfo could be read (other mounts of the file system ruled out). */
  mountsRead: boolean;
  /** Mounts of `fsType` seen in the mount table. */
  fsMounts: number;
  probes: WriteProbe[];
  /** Who root in this container is: a refusal to a non-root probe is judged for root. */
  container: ContainerRoot;
  /** The sandbox runtime detected (environment.ts): inside gVisor, proc and sysfs are the sentry's own. */
  sandbox?: string | null;
}

/** What a kernel-file check needs beyond its metadata. */
export interface KernelFileSpec {
  /** File system holding the interface: proc, sysfs, binfmt_misc. */
  fsType: string;
  /** Paths inside that file system, e.g. `/sys/kernel/core_pattern` for procfs. */
  targets: readonly string[];
  /** Usual absolute paths, tried even when the mount table is unreadable. */
  canonical: readonly string[];
  /** Human name of the interface for summaries. */
  label: string;
  /** Verdict when the file system is mounted but the kernel has no such file (default not-applicable). */
  absentStatus?: 'not-applicable' | 'inconclusive';
  /** Verdict when no mount of the file system exists in the probe's view (default holds). */
  unmountedSummary?: string;
}

/** Collects write probes for every place the targets are visible, and who root in the container is. */
export async function collectKernelFiles(spec: KernelFileSpec): Promise<KernelFileEvidence> {
  const [mounts, container, sandbox] = await Promise.all([readMounts(), readContainerRoot(), readSandbox()]);
  const paths = new Set<string>(spec.canonical);
  for (const rel of spec.targets) for (const p of pathsInFs(mounts ?? [], spec.fsType, rel)) paths.add(p);
  const probes = await Promise.all([...paths].map((p) => probeWrite(p, mounts, spec.fsType)));
  return {
    fsType: spec.fsType,
    targets: [...spec.targets],
    mountsRead: mounts !== null,
    fsMounts: mounts ? mounts.filter((m) => m.fsType === spec.fsType).length : 0,
    probes,
    container,
    sandbox,
  };
}

const isProbe = (p: unknown): p is WriteProbe => typeof p === 'object' && p !== null && typeof (p as WriteProbe).path === 'string';

/**
 * Judges kernel-file evidence for the container, not the probe's uid: any open(O_WRONLY) success
 * is broken; a refusal holds only when root in the same container would be refused too (read-only
 * mount without CAP_SYS_ADMIN to remount it, or a file host root does not own). Masks and an
 * unmounted file system hold only when root cannot undo them (no CAP_SYS_ADMIN over the host).
 */
export function judgeKernelFiles(e: KernelFileEvidence, spec: Pick<KernelFileSpec, 'label' | 'absentStatus' | 'unmountedSummary'>): Verdict {
  const all = Array.isArray(e?.probes) ? e.probes.filter(isProbe) : [];
  // Inside gVisor a proc or sysfs file is the sentry's: opening it for writing never reaches the host kernel.
  const sandbox = typeof e?.sandbox === 'string' ? e.sandbox : null;
  const gvisor = sandbox === 'gvisor';
  const bySentry = all.filter((p) => p.open?.writable === true && typeof p.fsType === 'string' && isSentryOwn({ fsType: p.fsType }, sandbox));
  const probes = all.filter((p) => !bySentry.includes(p));
  const writable = probes.filter((p) => p.open?.writable === true);
  if (writable.length > 0) {
    const p = writable[0];
    const where = p.mountPoint ? ` (${p.fsType} mount at ${p.mountPoint}, ${p.mountReadOnly ? 'ro' : 'rw'})` : '';
    const more = writable.length > 1 ? ` and ${writable.length - 1} more` : '';
    return { status: 'broken', summary: `${spec.label}: ${p.path} opens for writing${where}${more}` };
  }
  if (e?.mountsRead !== true) return { status: 'inconclusive', summary: `${spec.label}: mount table unreadable; other mounts exposing it cannot be ruled out` };
  const idle = probes.find(untested);
  if (idle) return { status: 'inconclusive', summary: `${spec.label}: ${idle.path} exists but was neither opened nor skipped` };
  const tested = probes.filter((p) => p.open !== undefined);
  const odd = tested.find((p) => !DENIED_ERRORS.includes(p.open?.error ?? ''));
  if (odd) return { status: 'inconclusive', summary: `${spec.label}: open(O_WRONLY) on ${odd.path} failed with ${odd.open?.error ?? 'no error code'}` };
  const container = e.container && typeof e.container === 'object' ? e.container : undefined;
  const forRoot = tested.map((p) => rootCouldOpen(p, container));
  const yes = forRoot.find((r) => r.could === 'yes');
  if (yes) return { status: 'broken', summary: `${spec.label}: ${yes.why}` };
  const unknown = forRoot.find((r) => r.could === 'unknown');
  if (unknown) return { status: 'inconclusive', summary: `${spec.label}: ${unknown.why}` };
  if (bySentry.length > 0) {
    return { status: 'holds', summary: `${spec.label}: ${bySentry.map((p) => p.path).join(', ')} ${bySentry.length > 1 ? 'open' : 'opens'} for writing, but in gVisor's own ${bySentry[0].fsType} (the sentry's, not the host kernel's)${tested.length ? `; ${tested.length} other path(s) refuse writing` : ''}` };
  }
  const masked = probes.filter((p) => p.skipped);
  const sysAdmin = sysAdminObtainable(container);
  // Inside gVisor whatever root mounts or unmounts is the sentry's own file system, never the host kernel's.
  const inSentry = "inside gVisor any mount root makes is the sentry's own";
  if (masked.length > 0 && gvisor && tested.length === 0) return { status: 'holds', summary: `${spec.label}: masked at ${masked.map((p) => p.path).join(', ')}; ${inSentry}` };
  if (masked.length > 0 && sysAdmin !== false) {
    return { status: 'inconclusive', summary: `${spec.label}: masked at ${masked[0].path}, but ${sysAdmin ? 'root with CAP_SYS_ADMIN (no user namespace) can unmount the mask' : 'whether root in the container can unmount the mask (CAP_SYS_ADMIN) is unknown'}` };
  }
  if (tested.length > 0) {
    const reasons = [...new Set(tested.map((p) => p.open?.error))].join('/');
    const others = tested.length > 1 ? ` and ${tested.length - 1} more path(s)` : '';
    const whys = [...new Set(forRoot.map((r) => r.why))].join('; ');
    return { status: 'holds', summary: `${spec.label}: ${tested[0].path}${others} ${tested.length > 1 ? 'refuse' : 'refuses'} writing (${reasons}) and would refuse root in the container too (${whys})${masked.length ? `, ${masked.length} masked` : ''}` };
  }
  if (masked.length > 0) return { status: 'holds', summary: `${spec.label}: masked at ${masked.map((p) => p.path).join(', ')}; ${mountBarrier(container)} against unmounting the mask` };
  if (typeof e.fsMounts === 'number' && e.fsMounts === 0) {
    const none = spec.unmountedSummary ?? `${spec.label}: no ${String(e.fsType)} file system mounted in the probe's view`;
    if (gvisor) return { status: 'holds', summary: `${none}; ${inSentry}` };
    if (sysAdmin === true) return { status: 'inconclusive', summary: `${none}, but root with CAP_SYS_ADMIN (no user namespace) can mount one` };
    if (sysAdmin === null) return { status: 'inconclusive', summary: `${none}; whether root in the container could mount one (CAP_SYS_ADMIN, user namespace) is unknown` };
    return { status: 'holds', summary: `${none}, and ${mountBarrier(container)} against mounting one` };
  }
  if (probes.length > 0 && probes.every((p) => p.type === null && typeof p.fsType === 'string' && isSentryOwn({ fsType: p.fsType }, sandbox))) {
    return { status: 'holds', summary: `${spec.label}: not present in gVisor's own ${probes[0].fsType} (the sentry's, not the host kernel's): ${probes.map((p) => p.path).join(', ')} absent` };
  }
  if (probes.some((p) => p.type === null && p.parentExists === true)) {
    return { status: spec.absentStatus ?? 'not-applicable', summary: `${spec.label}: not present on this kernel (${probes.map((p) => p.path).join(', ')} absent)` };
  }
  return { status: 'inconclusive', summary: `${spec.label}: no candidate path could be examined` };
}

/** Evidence contract shared by every kernel-file check. */
export const kernelFileShape: s.Shape<KernelFileEvidence> = s.object({
  fsType: s.string({ max: 40 }),
  targets: s.array(s.string({ max: 4096 }), { max: 32 }),
  mountsRead: s.boolean(),
  fsMounts: s.int(0, 100_000),
  probes: s.array(writeProbeShape, { max: 1000 }),
  container: containerRootShape,
  sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
});

/** Builds a kernel-file check from its metadata and spec. */
export function kernelFileCheck(spec: KernelFileSpec, meta: Omit<CheckMeta, 'boundary' | 'safety' | 'targets'> & Partial<Pick<CheckMeta, 'targets'>>): Check {
  return defineCheck<KernelFileEvidence>({
    boundary: 'kernel-interfaces',
    safety: 'passive',
    targets: ['docker', 'kubernetes'],
    ...meta,
    collect: () => collectKernelFiles(spec),
    evidence: kernelFileShape,
    evaluate: (e) => judgeKernelFiles(e, spec),
  });
}
