/**
 * A bounded, breadth-first walk for sockets under directories mounted from the host. It says
 * how far it got: a walk stopped by its entry, depth or time budget, or by a directory it
 * could not list, has not ruled anything out below that point.
 */
import { promises as fs } from 'node:fs';
import { statType } from './fs.js';

/** Directories listed at once. */
const WALK_CONCURRENCY = 8;

/** Entries of a directory with the type readdir reports (undefined: the file system gave none), or null. */
async function listTyped(dir: string): Promise<Array<{ name: string; type: 'socket' | 'dir' | 'other' | undefined }> | null> {
  try {
    const entries = await fs.readdir(dir, { withFileTypes: true });
    return entries.map((d) => ({ name: d.name, type: d.isSocket() ? 'socket' : d.isDirectory() ? 'dir' : d.isFile() || d.isSymbolicLink() || d.isFIFO() || d.isCharacterDevice() || d.isBlockDevice() ? 'other' : undefined }));
  } catch {
    return null;
  }
}

/** Limits of one walk (shared by every mounted directory of the probe). */
export interface WalkLimits {
  entries: number;
  depth: number;
  timeMs: number;
}

/** What the walk covered, for the evidence. */
export interface WalkReport {
  /** True only when every directory below every walked mount was listed in full. */
  complete: boolean;
  entriesSeen: number;
  limits: WalkLimits;
  /** Why it is incomplete: `entries`, `depth`, `time`, `unreadable`. */
  stoppedBy: Array<'entries' | 'depth' | 'time' | 'unreadable'>;
  /** Directories not (fully) listed, the first 10. */
  notListed: string[];
}

/** A socket the walk met, with the host-side path when the mount's root is known. */
export interface WalkedSocket {
  path: string;
  hostPath?: string;
}

export const DEFAULT_WALK_LIMITS: WalkLimits = { entries: 20000, depth: 10, timeMs: 1200 };

/**
 * Walks each root breadth first (shallow sockets first), never entering `skip` paths
 * (pseudo file systems, other mount points walked on their own) nor following symlinks.
 */
export async function walkForSockets(roots: ReadonlyArray<{ dir: string; hostRoot?: string }>, skip: ReadonlySet<string>, limits = DEFAULT_WALK_LIMITS): Promise<{ sockets: WalkedSocket[]; report: WalkReport }> {
  const started = Date.now();
  const stopped = new Set<WalkReport['stoppedBy'][number]>();
  const notListed: string[] = [];
  const sockets: WalkedSocket[] = [];
  let seen = 0;
  const miss = (dir: string, why: WalkReport['stoppedBy'][number]) => {
    stopped.add(why);
    if (notListed.length < 10) notListed.push(dir);
  };
  let level = roots.map((r) => ({ dir: r.dir, hostPath: r.hostRoot, depth: 1 }));
  const visit = async ({ dir, hostPath, depth }: (typeof level)[number], next: typeof level): Promise<void> => {
    if (Date.now() - started > limits.timeMs) return miss(dir, 'time');
    if (seen >= limits.entries) return miss(dir, 'entries');
    const all = await listTyped(dir);
    if (all === null) return miss(dir, 'unreadable');
    const entries = all.slice(0, Math.max(0, limits.entries - seen));
    seen += entries.length;
    if (entries.length < all.length) miss(dir, 'entries');
    for (const entry of entries) {
      const p = `${dir.replace(/\/$/, '')}/${entry.name}`;
      const hp = hostPath !== undefined ? `${hostPath.replace(/\/$/, '')}/${entry.name}` : undefined;
      // d_type from readdir; lstat only where the file system does not report it.
      const type = entry.type ?? (Date.now() - started > limits.timeMs ? miss(p, 'time') : await statType(p));
      if (type === 'socket') sockets.push({ path: p, ...(hp !== undefined ? { hostPath: hp } : {}) });
      else if (type === 'dir' && !skip.has(p)) {
        if (depth >= limits.depth) miss(p, 'depth');
        else next.push({ dir: p, hostPath: hp, depth: depth + 1 });
      }
    }
  };
  while (level.length > 0) {
    const next: typeof level = [];
    // One level at a time, a few directories at once: the budgets are checked before each listing.
    for (let i = 0; i < level.length; i += WALK_CONCURRENCY) await Promise.all(level.slice(i, i + WALK_CONCURRENCY).map((d) => visit(d, next)));
    level = next;
  }
  return { sockets, report: { complete: stopped.size === 0, entriesSeen: seen, limits, stoppedBy: [...stopped].sort(), notListed } };
}
