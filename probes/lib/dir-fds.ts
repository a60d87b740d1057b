/**
 * Directory file descriptors the probe holds (inherited from the runtime or not) and whether
 * each lies outside its root: a leaked host directory fd lets a process chdir/openat past the
 * container's root (runc CVE-2024-21626). Only stat()s; never opens through them.
 */
import { promises as fs, readdirSync, statSync } from 'node:fs';
import { listDir, readLink } from './fs.js';
import { identity } from './foreign-root.js';

/** One directory fd of the probe. */
export interface DirFd {
  fd: number;
  /** readlink /proc/self/fd/N (the kernel's path for it; for a dentry outside the root, a host path). */
  link: string | null;
  /** true: climbing `..` from it never met the probe's root; false: it lies below that root; null: the walk failed. */
  outside: boolean | null;
}

/**
 * Directory fds open when this module loaded, before any check ran: an fd a runtime leaked was
 * inherited and is among them, while the directories checks open while they run (readdir of a
 * foreign root, say) are not. Taken at load, in the agent before its checks start.
 */
const DIR_FDS_AT_LOAD: ReadonlySet<number> = (() => {
  try {
    return new Set(readdirSync('/proc/self/fd').filter((n) => /^\d+$/.test(n) && statSync(`/proc/self/fd/${n}`, { throwIfNoEntry: false })?.isDirectory()).map(Number));
  } catch {
    return new Set<number>();
  }
})();

/** How far up `..` is followed before giving up. */
const MAX_DEPTH = 64;

/**
 * Climbs `..` from `dir` (a path through /proc/self/fd/N) comparing each step with `rootId`:
 * meeting it means inside; reaching a directory that is its own parent without meeting it
 * means outside (the kernel stops `..` at the process root, so that top is not our root).
 */
export async function outsideRoot(dir: string, rootId: string): Promise<boolean | null> {
  let path = dir;
  let previous: string | null = null;
  for (let depth = 0; depth < MAX_DEPTH; depth++) {
    const id = await identity(path);
    if (id === null) return null;
    if (id === rootId) return false;
    if (id === previous) return true;
    previous = id;
    path = `${path}/..`;
  }
  return null;
}

/** Lists /proc/self/fd and judges every directory among them that was open at load against the probe's root. */
export async function readDirFds(atLoad: ReadonlySet<number> = DIR_FDS_AT_LOAD): Promise<{ ownRoot: string | null; fdsSeen: number | null; dirFds: DirFd[] }> {
  const ownRoot = await identity('/');
  const names = await listDir('/proc/self/fd');
  const dirFds: DirFd[] = [];
  if (ownRoot === null || names === null) return { ownRoot, fdsSeen: names?.length ?? null, dirFds };
  for (const name of names.filter((n) => /^\d+$/.test(n) && atLoad.has(Number(n)))) {
    const path = `/proc/self/fd/${name}`;
    const st = await fs.stat(path).catch(() => null);
    if (!st?.isDirectory()) continue;
    dirFds.push({ fd: Number(name), link: await readLink(path), outside: await outsideRoot(path, ownRoot) });
  }
  return { ownRoot, fdsSeen: names.length, dirFds: dirFds.slice(0, 64) };
}
