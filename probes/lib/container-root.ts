/**
 * What root in the probe's container could do, as opposed to what the probe's own uid can do.
 * A non-root probe refused a kernel file proves nothing about root in the same container
 * (`docker exec`, a setuid binary): these facts let evaluate steps judge the container.
 */
import { parseIdMap, isIdentityIdMap } from './proc.js';
import { readText } from './fs.js';
import { readSelfState } from './self.js';
import * as s from './shape.js';

/** The container's identity as far as host kernel files care. */
export interface ContainerRoot {
  /** Effective uid of the probe process; null when /proc/self/status is unreadable. */
  euid: number | null;
  /** Whether /proc/self/uid_map could be read and parsed. */
  uidMapRead: boolean;
  /** The container uid that is host uid 0 (0 without a user namespace); null when no container uid maps to it. */
  hostRootUid: number | null;
  /** uid_map is the identity map 0 0 4294967295: no user namespace, so mount flags are not locked. */
  initialUserNamespace: boolean | null;
  /** CAP_SYS_ADMIN in the probe's effective set, and in the bounding set (what root in the container gets). */
  sysAdminEffective: boolean | null;
  sysAdminBounding: boolean | null;
}

/** Evidence contract of ContainerRoot. */
export const containerRootShape = s.object({
  euid: s.nullable(s.int(0, 4294967295)),
  uidMapRead: s.boolean(),
  hostRootUid: s.nullable(s.int(0, 4294967295)),
  initialUserNamespace: s.nullable(s.boolean()),
  sysAdminEffective: s.nullable(s.boolean()),
  sysAdminBounding: s.nullable(s.boolean()),
});

/** The container id (uid_map or gid_map rows) mapped to host (parent namespace) id 0, or null when none is. */
export function hostRootIn(rows: ReadonlyArray<{ inside: number; outside: number; count: number }>): number | null {
  const row = rows.find((r) => r.outside <= 0 && 0 < r.outside + r.count);
  return row ? row.inside - row.outside : null;
}

let cached: Promise<ContainerRoot> | undefined;

/** The probe's uid, uid_map and CAP_SYS_ADMIN state, read once per agent run (the agent never changes them). */
export function readContainerRoot(): Promise<ContainerRoot> {
  cached ??= readContainerRootNow();
  return cached;
}

async function readContainerRootNow(): Promise<ContainerRoot> {
  const [self, map] = await Promise.all([readSelfState(), readText('/proc/self/uid_map')]);
  const rows = map.ok ? parseIdMap(map.text) : [];
  const euid = self.uid === null ? null : Number(self.uid.trim().split(/\s+/)[1]);
  return {
    euid: euid !== null && Number.isInteger(euid) ? euid : null,
    uidMapRead: rows.length > 0,
    hostRootUid: rows.length > 0 ? hostRootIn(rows) : null,
    initialUserNamespace: rows.length > 0 ? isIdentityIdMap(rows) : null,
    sysAdminEffective: self.effective?.includes('SYS_ADMIN') ?? null,
    sysAdminBounding: self.bounding?.includes('SYS_ADMIN') ?? null,
  };
}

/** Whether root in the container holds CAP_SYS_ADMIN over the initial user namespace (now or by exec/setuid); null when unknown. */
export function sysAdminObtainable(c: ContainerRoot | undefined): boolean | null {
  if (!c || typeof c !== 'object') return null;
  if (c.initialUserNamespace === false) return false;
  if (c.sysAdminEffective === true || c.sysAdminBounding === true) return c.initialUserNamespace === true ? true : null;
  return c.sysAdminEffective === false && c.sysAdminBounding === false ? false : null;
}

/** Why root in the container cannot mount, unmount or remount (for summaries), given sysAdminObtainable() === false. */
export function mountBarrier(c: ContainerRoot | undefined): string {
  return c?.initialUserNamespace === false ? 'a user namespace (mounts locked, host-wide files refused)' : 'no CAP_SYS_ADMIN';
}

/** The file facts a root-could-write judgement needs (from a write probe). */
export interface OwnedFile {
  path: string;
  mountReadOnly: boolean | null;
  /** Permission bits (st_mode & 0o7777), owner and group as seen inside the container. */
  mode?: number | null;
  uid?: number | null;
  gid?: number | null;
  open?: { writable: boolean; error?: string };
}

/** What root in the container could do with a file the probe was refused. */
export type RootCould = { could: 'yes' | 'no' | 'unknown'; why: string };

const octal = (mode: number) => `0${(mode & 0o7777).toString(8)}`;

/**
 * Judges a refused open(O_WRONLY) for the container rather than the probe's uid: a read-only
 * mount stops root unless CAP_SYS_ADMIN (initial user namespace) can remount it; on a read-write
 * mount, a file owned by host root with the owner write bit opens for root in the container
 * whenever some container uid is host root and the probe was not running as it.
 */
export function rootCouldOpen(f: OwnedFile, c: ContainerRoot | undefined): RootCould {
  const sysAdmin = sysAdminObtainable(c);
  if (f.mountReadOnly === true || f.open?.error === 'EROFS') {
    if (sysAdmin === false) return { could: 'no', why: `read-only mount, ${mountBarrier(c)} against remounting it` };
    if (sysAdmin === true) return { could: 'unknown', why: `${f.path} sits on a read-only mount, but root with CAP_SYS_ADMIN (bounding set, no user namespace) can remount it read-write` };
    return { could: 'unknown', why: `${f.path} sits on a read-only mount; whether root in the container could remount it (CAP_SYS_ADMIN, user namespace) is unknown` };
  }
  if (f.mountReadOnly !== false) return { could: 'unknown', why: `mount flags of ${f.path} unknown` };
  if (!c || typeof c !== 'object' || typeof c.euid !== 'number' || c.uidMapRead !== true) return { could: 'unknown', why: `${f.path} refused this probe on a read-write mount, and its uid or uid_map is unknown` };
  const hostRoot = typeof c.hostRootUid === 'number' ? c.hostRootUid : null;
  // Without a user namespace host root is container uid 0; "no container uid is host root" needs a user namespace.
  if (c.initialUserNamespace === true ? hostRoot !== 0 : c.initialUserNamespace !== false) return { could: 'unknown', why: `uid_map facts disagree or are missing for ${f.path}` };
  if (hostRoot !== null && c.euid === hostRoot) return { could: 'no', why: 'refused to host root itself' };
  if (typeof f.mode !== 'number' || typeof f.uid !== 'number') return { could: 'unknown', why: `${f.path} refused this probe (uid ${c.euid}) on a read-write mount; its owner and mode are unknown, so what root in the container could do is not known` };
  if (hostRoot !== null && f.uid === hostRoot && (f.mode & 0o200) !== 0) {
    return { could: 'yes', why: `${f.path} is owned by host root (uid ${hostRoot} in the container), mode ${octal(f.mode)}, on a read-write mount: root in this container (exec, a setuid binary) opens it for writing; only this probe's uid ${c.euid} was refused (${f.open?.error ?? 'denied'})` };
  }
  if ((f.mode & 0o022) !== 0) return { could: 'unknown', why: `${f.path} is group/world writable (mode ${octal(f.mode)}) yet refused this probe: the deciding rule is unknown` };
  return { could: 'no', why: hostRoot === null ? 'no container uid is host root' : `owner uid ${f.uid} is not host root or lacks the write bit` };
}
