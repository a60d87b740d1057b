/**
 * Whose PID namespace is this? The probe's own ancestry answers positively: in a namespace of
 * its own (or its pod's), the chain of parents ends at a process whose parent is outside the
 * namespace (PPid 0) and every link lives in the container's mount namespace; in the host's or
 * a node's namespace, the runtime that started the container (its shim, the node's init) is
 * visible in the chain, in another mount namespace.
 */
import { readLink, readText } from './fs.js';
import { parseStatus } from './proc.js';
import * as s from './shape.js';

/** One link of the chain: a process, its parent and its mount namespace (null: unreadable). */
export interface AncestorLink {
  pid: number;
  ppid: number | null;
  comm: string | null;
  mountNamespace: string | null;
}

/** Deepest chain followed; a container's tree is a few levels deep. */
export const MAX_ANCESTRY = 32;

/** Evidence contract of the chain: the probe first, then its parent, and so on. */
export const ancestryShape: s.Shape<AncestorLink[]> = s.array(s.object({
  pid: s.int(1, 4194304),
  ppid: s.nullable(s.int(0, 4194304)),
  comm: s.nullable(s.string({ max: 64 })),
  mountNamespace: s.nullable(s.string({ max: 100, pattern: /^mnt:\[\d+\]$/ })),
}), { max: MAX_ANCESTRY });

async function readLinkOf(pid: number, root: string): Promise<AncestorLink> {
  const [status, mnt] = await Promise.all([readText(`${root}/${pid}/status`, 4096), readLink(`${root}/${pid}/ns/mnt`)]);
  const fields = status.ok ? parseStatus(status.text) : {};
  const ppid = Number(fields.PPid ?? NaN);
  return {
    pid,
    ppid: Number.isInteger(ppid) && ppid >= 0 ? ppid : null,
    comm: typeof fields.Name === 'string' ? fields.Name.slice(0, 64) : null,
    mountNamespace: mnt && /^mnt:\[\d+\]$/.test(mnt) ? mnt : null,
  };
}

/** One chain per procfs root and agent run (two host-pid checks ask). */
const cachedChains = new Map<string, Promise<AncestorLink[]>>();

/** The probe's chain of parents as /proc shows it; empty when /proc/self does not resolve. */
export function readAncestry(root = '/proc'): Promise<AncestorLink[]> {
  if (!cachedChains.has(root)) cachedChains.set(root, followParents(root));
  return cachedChains.get(root)!;
}

async function followParents(root: string): Promise<AncestorLink[]> {
  const self = Number(await readLink(`${root}/self`));
  if (!Number.isInteger(self) || self < 1) return [];
  const chain: AncestorLink[] = [];
  for (let pid: number | null = self; pid && chain.length < MAX_ANCESTRY && !chain.some((l) => l.pid === pid);) {
    const link: AncestorLink = await readLinkOf(pid, root);
    chain.push(link);
    pid = link.ppid;
  }
  return chain;
}

/** What the chain proves about the PID namespace. */
export type PidNamespaceOwner =
  | { owner: 'own'; reason: string }
  | { owner: 'runtime'; reason: string }
  | { owner: 'unknown'; reason: string };

const name = (l: AncestorLink) => `${l.comm ?? '?'}(${l.pid})`;

/**
 * Judges the chain. `runtime` when an ancestor lives in another mount namespace (the runtime or
 * the node's init, visible: the namespace is theirs); `own` only for a complete chain (it ends at
 * PPid 0) whose every link shares the probe's mount namespace; anything else `unknown`.
 */
export function pidNamespaceOwner(chain: unknown): PidNamespaceOwner {
  if (!Array.isArray(chain) || chain.length === 0) return { owner: 'unknown', reason: 'the probe\'s own process is not in /proc' };
  const links = chain as AncestorLink[];
  const own = links[0]?.mountNamespace;
  const foreign = typeof own === 'string' ? links.slice(1).find((l) => typeof l?.mountNamespace === 'string' && l.mountNamespace !== own) : undefined;
  if (foreign) return { owner: 'runtime', reason: `an ancestor of the probe in another mount namespace is visible: ${name(foreign)}, ${foreign.mountNamespace} (the probe's is ${own})` };
  const last = links[links.length - 1];
  // A link counts as read only when its status gave both name and parent.
  const unread = links.find((l) => typeof l?.ppid !== 'number' || typeof l?.comm !== 'string');
  if (unread) return { owner: 'unknown', reason: `the status of ${name(unread)} in the probe's chain of parents is unreadable` };
  if (last.ppid !== 0) return { owner: 'unknown', reason: `the chain of parents stops at ${name(last)} before PPid 0` };
  if (links.length > 1 && typeof own !== 'string') return { owner: 'unknown', reason: 'the probe\'s mount namespace is unreadable: its ancestors cannot be told from the runtime' };
  const unknown = links.slice(1).find((l) => typeof l?.mountNamespace !== 'string');
  if (unknown) return { owner: 'unknown', reason: `the mount namespace of ancestor ${name(unknown)} is unreadable: it may be the runtime` };
  const top = name(last);
  return { owner: 'own', reason: links.length === 1 ? `the probe ${top} has PPid 0: its parent is outside this PID namespace` : `the probe's ancestors up to ${top} (PPid 0: its parent is outside) all share its mount namespace` };
}
