/**
 * Other processes' root directories reached through `/proc/<pid>/root`: with a shared host PID
 * namespace and ptrace-read access (CAP_SYS_PTRACE, or the same uid with a capability subset),
 * the kernel lets the probe into the host's file system without any mount. Reads only.
 */
import { promises as fs } from 'node:fs';
import { listDir, readLink, readTrimmed } from './fs.js';

/** How many visible processes are tried for a root other than the probe's. */
export const MAX_ROOTS_TRIED = 256;
/** How many distinct foreign roots are described. */
export const MAX_ROOTS_KEPT = 4;

/** Inode identity (`dev:ino`) of a path, following links, or null. */
export async function identity(path: string): Promise<string | null> {
  try {
    const s = await fs.stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return null;
  }
}

/** One root directory reached through another process. */
export interface ForeignRoot {
  pid: number;
  /** /proc/<pid>/comm of that process. */
  comm: string | null;
  /** readlink /proc/<pid>/ns/mnt and ns/pid (null when refused). */
  mntNs: string | null;
  pidNs: string | null;
  /** `dev:ino` of that root. */
  rootId: string;
  /** First-level names of the root directory (at most 64), null when it could not be listed. */
  names: string[] | null;
  /** Names found below var/lib and run that only a node running containers holds (docker, containerd, kubelet...). */
  runtimeState: string[];
}

/** What the probe saw while looking for foreign roots. */
export interface ForeignRootScan {
  /** `dev:ino` of the probe's own root, null when / could not be stat'ed. */
  ownRoot: string | null;
  /** Numeric entries of /proc (visible processes), null when /proc could not be listed. */
  pidsVisible: number | null;
  pidsTried: number;
  /** Processes whose /proc/<pid>/root the kernel refused (EACCES/EPERM: no ptrace-read access). */
  refused: number;
  roots: ForeignRoot[];
}

const RUNTIME_STATE = ['var/lib/docker', 'var/lib/containerd', 'var/lib/kubelet', 'var/lib/containers', 'run/containerd', 'run/docker.sock', 'run/crio'];

/** Reasons stat of /proc/<pid>/root fails because ptrace-read access was denied. */
const REFUSALS = new Set(['EACCES', 'EPERM']);

async function describe(pid: number, rootId: string): Promise<ForeignRoot> {
  const base = `/proc/${pid}`;
  const [comm, mntNs, pidNs, names] = await Promise.all([readTrimmed(`${base}/comm`), readLink(`${base}/ns/mnt`), readLink(`${base}/ns/pid`), listDir(`${base}/root/`)]);
  const runtimeState: string[] = [];
  for (const rel of RUNTIME_STATE) if ((await identity(`${base}/root/${rel}`)) !== null) runtimeState.push(rel);
  return { pid, comm, mntNs, pidNs, rootId, names: names ? names.sort().slice(0, 64) : null, runtimeState };
}

/** Scans visible processes (lowest pids first) for roots other than the probe's; cached per agent run. */
export function scanForeignRoots(): Promise<ForeignRootScan> {
  cached ??= scanNow();
  return cached;
}

let cached: Promise<ForeignRootScan> | undefined;

async function scanNow(): Promise<ForeignRootScan> {
  const ownRoot = await identity('/');
  const entries = await listDir('/proc');
  const pids = (entries ?? []).filter((e) => /^\d+$/.test(e)).map(Number).sort((a, b) => a - b);
  const scan: ForeignRootScan = { ownRoot, pidsVisible: entries ? pids.length : null, pidsTried: 0, refused: 0, roots: [] };
  if (ownRoot === null) return scan;
  const seen = new Set<string>([ownRoot]);
  for (const pid of pids.slice(0, MAX_ROOTS_TRIED)) {
    if (pid === process.pid) continue;
    scan.pidsTried++;
    let rootId: string;
    try {
      const s = await fs.stat(`/proc/${pid}/root/`);
      rootId = `${s.dev}:${s.ino}`;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? '';
      if (REFUSALS.has(code)) scan.refused++;
      continue;
    }
    if (seen.has(rootId)) continue;
    seen.add(rootId);
    scan.roots.push(await describe(pid, rootId));
    if (scan.roots.length >= MAX_ROOTS_KEPT) break;
  }
  return scan;
}

/** `/proc/<pid>/root` of the first reachable root that is not the probe's, or null. */
export async function foreignRoot(): Promise<string | null> {
  const scan = await scanForeignRoots();
  const first = scan.roots[0];
  return first ? `/proc/${first.pid}/root` : null;
}
