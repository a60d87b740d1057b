/** Namespace identity: inode numbers of /proc/self/ns/* against the kernel's initial namespaces. */

/** Namespace kinds under /proc/<pid>/ns. */
export type NsKind = 'ipc' | 'uts' | 'user' | 'pid' | 'cgroup' | 'time' | 'net' | 'mnt';

/**
 * Fixed inode numbers of the initial namespaces (include/uapi/linux/nsfs.h). ipc, uts, user
 * and pid are fixed since Linux 3.8, cgroup since 4.6, time since 5.6, net and mnt since 6.18;
 * before that the initial net/mnt namespaces got a dynamic inode like any other.
 */
export const INITIAL_NS_INODES: Readonly<Record<NsKind, number>> = {
  ipc: 0xefffffff, uts: 0xeffffffe, user: 0xeffffffd, pid: 0xeffffffc,
  cgroup: 0xeffffffb, time: 0xeffffffa, net: 0xeffffff9, mnt: 0xeffffff8,
};

/** First inode the kernel hands out dynamically (PROC_DYNAMIC_FIRST); fixed initial inodes lie just below. */
export const PROC_DYNAMIC_FIRST = 0xf0000000;

/** Kinds whose initial inode became fixed only later (Linux 6.18); the others had it from their first release (or 3.8). */
const FIXED_SINCE: Partial<Record<NsKind, [number, number]>> = { net: [6, 18], mnt: [6, 18] };

/** Extracts the inode from a namespace link such as `net:[4026531833]`; null when malformed. */
export function nsInode(link: unknown): number | null {
  if (typeof link !== 'string') return null;
  const m = /^[a-z_]+:\[(\d+)\]$/.exec(link.trim());
  return m ? Number(m[1]) : null;
}

/** Parses `6.18.44-fc` into [6, 18]; null when unparseable. */
export function kernelVersion(release: unknown): [number, number] | null {
  if (typeof release !== 'string') return null;
  const m = /^(\d+)\.(\d+)/.exec(release.trim());
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * Whether an inode is the initial (host) namespace of its kind: true, false, or null when the
 * inode cannot tell (a dynamic inode on a kernel that numbered the initial namespace dynamically too).
 */
export function isInitialNamespace(kind: NsKind, inode: number | null, kernelRelease?: unknown): boolean | null {
  if (inode === null || !Number.isFinite(inode)) return null;
  if (inode === INITIAL_NS_INODES[kind]) return true;
  // A fixed inode of another kind, or any other value below the dynamic range: not a namespace inode we understand.
  if (inode < PROC_DYNAMIC_FIRST) return null;
  const since = FIXED_SINCE[kind];
  if (!since) return false;
  const version = kernelVersion(kernelRelease);
  if (!version) return null;
  const fixed = version[0] > since[0] || (version[0] === since[0] && version[1] >= since[1]);
  return fixed ? false : null;
}

