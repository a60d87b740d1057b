/**
 * Where a kernel interface file (core_pattern, uevent_helper, release_agent...) is reachable in
 * the probe's view, and whether it can be opened for writing. Nothing here ever writes.
 */
import path from 'node:path';
import { promises as fs } from 'node:fs';
import { accessWritable, openableForWrite, statType } from './fs.js';
import type { MountInfo } from './proc.js';
import * as s from './shape.js';

/** The mount that serves `target`: deepest mount point containing it, the last one listed on ties (topmost). */
export function effectiveMount(mounts: readonly MountInfo[], target: string): MountInfo | null {
  let best: MountInfo | null = null;
  for (const m of mounts) {
    const mp = m.mountPoint;
    const contains = mp === '/' || target === mp || target.startsWith(`${mp.replace(/\/$/, '')}/`);
    if (contains && (!best || mp.length >= best.mountPoint.length)) best = m;
  }
  return best;
}

/**
 * Paths at which `relPath` (a path inside a file system of type `fsType`, e.g. `/sys/kernel/core_pattern`
 * inside procfs) is visible, one per mount of that type whose mounted subtree contains it.
 */
export function pathsInFs(mounts: readonly MountInfo[], fsType: string, relPath: string): string[] {
  const out = new Set<string>();
  for (const m of mounts) {
    if (m.fsType !== fsType) continue;
    const root = m.root === '/' ? '' : m.root.replace(/\/$/, '');
    if (relPath !== root && !relPath.startsWith(`${root}/`)) continue;
    out.add(path.posix.join(m.mountPoint, relPath.slice(root.length)));
  }
  return [...out];
}

/** What the probe found about one candidate path. */
export interface WriteProbe {
  path: string;
  /** File type from lstat, null when absent. */
  type: string | null;
  /** Whether the parent directory exists (tells "kernel lacks it" from "not mounted here"). */
  parentExists: boolean;
  /** File system type and mount point of the mount serving the path; null when the mount table is unknown. */
  fsType: string | null;
  mountPoint: string | null;
  /** Mount-level read-only flag of that mount. */
  mountReadOnly: boolean | null;
  /** Permission bits (st_mode & 0o7777), owner and group as seen in the container; null when not examined (absent, masked, autofs). */
  mode: number | null;
  uid: number | null;
  gid: number | null;
  /** open(O_WRONLY) then close: the deciding test. Absent when skipped. */
  open?: { writable: boolean; error?: string };
  /** access(W_OK): the kernel's opinion without opening. */
  access?: { writable: boolean; error?: string };
  /** Why the path was not tested (autofs would be triggered, masked by another file system...). */
  skipped?: string;
}

/**
 * Probes `target` for write access without writing. `expectFs` is the file system the real
 * interface lives on: a path served by anything else (a /dev/null or tmpfs mask) is reported
 * as masked and not opened; a path under autofs is never touched (that would trigger a mount).
 */
export async function probeWrite(target: string, mounts: readonly MountInfo[] | null, expectFs: string): Promise<WriteProbe> {
  const m = mounts ? effectiveMount(mounts, target) : null;
  const base = { path: target, fsType: m?.fsType ?? null, mountPoint: m?.mountPoint ?? null, mountReadOnly: m ? m.options.includes('ro') || m.superOptions.includes('ro') : null, mode: null, uid: null, gid: null };
  if (m?.fsType === 'autofs') return { ...base, type: null, parentExists: false, skipped: 'autofs mount point (not triggered)' };
  const [type, parentType] = await Promise.all([statType(target), statType(path.posix.dirname(target))]);
  const probe: WriteProbe = { ...base, type, parentExists: parentType === 'dir' };
  if (type === null) return probe;
  if ((m && m.fsType !== expectFs) || type !== 'file') {
    probe.skipped = `masked: served by ${m?.fsType ?? 'unknown fs'} as ${type}, not a ${expectFs} file`;
    return probe;
  }
  [probe.open, probe.access, [probe.mode, probe.uid, probe.gid]] = await Promise.all([openableForWrite(target), accessWritable(target), ownership(target)]);
  return probe;
}

/** Errors that mean "the kernel said no to writing": the interface holds for this path. */
export const DENIED_ERRORS: readonly string[] = ['EROFS', 'EACCES', 'EPERM'];

/** Mode bits, uid and gid of a path (lstat), nulls when it cannot be examined. */
async function ownership(target: string): Promise<[number | null, number | null, number | null]> {
  try {
    const s = await fs.lstat(target);
    return [s.mode & 0o7777, s.uid, s.gid];
  } catch {
    return [null, null, null];
  }
}

const attempt = s.object({ writable: s.boolean(), error: s.optional(s.string({ max: 200 })) });

/** Evidence contract of one write probe. */
export const writeProbeShape = s.object({
  path: s.string({ max: 4096 }),
  type: s.nullable(s.oneOf('file', 'dir', 'socket', 'char', 'block', 'link', 'other')),
  parentExists: s.boolean(),
  fsType: s.nullable(s.string({ max: 100 })),
  mountPoint: s.nullable(s.string({ max: 4096 })),
  mountReadOnly: s.nullable(s.boolean()),
  mode: s.nullable(s.int(0, 0o7777)),
  uid: s.nullable(s.int(0, 4294967295)),
  gid: s.nullable(s.int(0, 4294967295)),
  // Absent when the path was not opened (absent, masked, autofs): then `skipped` or type null says why.
  open: s.optional(attempt),
  access: s.optional(attempt),
  skipped: s.optional(s.string({ max: 400 })),
});

/** A probe of an existing path that was neither opened nor skipped: evidence that proves nothing. */
export function untested(p: WriteProbe): boolean {
  return p.type !== null && p.open === undefined && p.skipped === undefined;
}
