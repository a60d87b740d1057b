/**
 * The probe's mounts that bring a host file system in, classified once per agent run and
 * shared by the host-filesystem checks. Reads only: mountinfo, directory listings, access(W_OK).
 */
import { promises as fs } from 'node:fs';
import { accessWritable, listDir, readText, statType } from './fs.js';
import { parseIdMap } from './proc.js';
import { readSelfState } from './self.js';
import { hostBindMounts, readMounts } from './mounts.js';
import type { MountInfo } from './proc.js';
import { isRuntimeShm } from './shm.js';
import { contentCategories, isOwnVolume, isRuntimeManaged, isUnder, ownPodUids, pathCategories } from './host-paths.js';
import { isStandardCharDevice, standardDeviceOf } from './std-devices.js';
import { engineFilesByContent, isGoferEngineFile, isSentryOwn } from './sentry.js';
import os from 'node:os';
import { readSandbox } from '../environment.js';

/** What a host mount is: the host's root, a sensitive path, a runtime's own file, the container's own volume, or another host path. */
export type HostMountKind = 'host-root' | 'sensitive' | 'runtime-managed' | 'volume' | 'other';

/** One mount that brings part of a host file system into the probe. */
export interface HostMount {
  mountPoint: string;
  /** Path inside the source file system (the host path when that file system is the host's root). */
  root: string;
  fsType: string;
  source: string;
  /** major:minor of the source file system. */
  device: string;
  /** `ro` at mount or superblock level. */
  readOnly: boolean;
  /** access(mountPoint, W_OK) for this process: never a write. */
  writable: boolean;
  writeError?: string;
  /** Propagation fields of mountinfo: shared:N, master:N, propagate_from:N, unbindable. */
  propagation: string[];
  kind: HostMountKind;
  /** etc, var-log, kubelet, docker, proc, host-root, ... */
  categories: string[];
  /** How the categories were found: path (mount root), content (directory listing), fstype. */
  matchedBy: string[];
  /** False when the mount point is a directory that could not be listed (content unknown). */
  listed: boolean;
  /** `nosuid` at mount level: without it a set-uid file planted here runs set-uid on the host too. */
  nosuid: boolean;
  /** Owner uid and permission bits of the mount point (stat) when the probe's uid was refused on a read-write mount; else null. */
  owner: { uid: number; mode: number } | null;
}

/** Evidence shape the host-filesystem checks share. */
export interface HostMountsEvidence {
  hostMounts: HostMount[];
  /** Number of mountinfo lines read, or null when /proc/self/mountinfo was unreadable. */
  mountsScanned: number | null;
  /**
   * What root in this container is, whatever the probe's uid: `hostRoot` when container uid 0 is
   * host uid 0 (no user namespace), `dacOverride` when CAP_DAC_OVERRIDE is in the bounding set; null when unknown.
   */
  containerRoot: { hostRoot: boolean | null; dacOverride: boolean | null };
  /** The sandbox runtime detected (environment.ts), e.g. gvisor: its sentry's own mounts are not the host's. */
  sandbox?: string | null;
  /** Inside gVisor: /etc/hostname is the UTS host name and /etc/hosts names it (the engine's files, whose source the gofer hides). */
  goferEngineFiles?: boolean | null;
  /** Mount points that bind the host's standard character devices (user namespaces: no mknod), confirmed by device number. */
  standardDevices?: string[];
}

/** tmpfs mount points a runtime creates for every container. */
const OWN_TMPFS = ['/dev', '/dev/shm', '/sys/fs/cgroup', '/run/secrets', '/var/run/secrets'];

/**
 * Kernel file systems no runtime mounts into a container (a privileged one gets a fresh sysfs
 * without them): seen in the probe, they were bound in from the host.
 */
const HOST_KERNEL_FS = new Set(['debugfs', 'tracefs', 'bpf', 'securityfs', 'configfs', 'pstore', 'efivarfs']);

/**
 * Which mounts to look at, and the category their file-system type alone implies. `sandbox`:
 * inside gVisor the sentry's own file systems are skipped; `standardDevice`: the mount binds a
 * standard character device (checked by device number), the runtime's, not the host's files.
 */
export function candidate(m: MountInfo, sandbox: string | null = null, standardDevice = false): { fsCategory: string | null; needsContent: boolean } | null {
  if (m.mountPoint === '/') return null;
  if (isSentryOwn(m, sandbox)) return null;
  if (standardDevice && standardDeviceOf(m)) return null;
  if (m.fsType === 'proc') return isUnder(m.mountPoint, '/proc') ? null : { fsCategory: 'proc', needsContent: false };
  if (m.fsType === 'sysfs') return isUnder(m.mountPoint, '/sys') ? null : { fsCategory: 'sys', needsContent: false };
  if (m.fsType === 'devtmpfs') return { fsCategory: 'dev', needsContent: false };
  if (HOST_KERNEL_FS.has(m.fsType)) return { fsCategory: `kernel-fs:${m.fsType}`, needsContent: false };
  // A /dev/shm that is not the runtime's private shm is a host tmpfs bound in (hostIPC, or a hostPath).
  if (m.fsType === 'tmpfs' && m.mountPoint === '/dev/shm' && !isRuntimeShm(m)) return { fsCategory: 'dev-shm', needsContent: false };
  // tmpfs is the container's own unless its listing shows a host /run.
  if (m.fsType === 'tmpfs') {
    if (OWN_TMPFS.some((p) => m.mountPoint === p || (p !== '/dev' && isUnder(m.mountPoint, p))) || isUnder(m.mountPoint, '/proc') || isUnder(m.mountPoint, '/sys')) return null;
    return { fsCategory: null, needsContent: true };
  }
  if (m.fsType === 'overlay') return { fsCategory: null, needsContent: false };
  // LXCFS virtualises /proc and /sys files (cpuinfo, meminfo, uptime) per container: not a host exposure.
  if (m.fsType === 'fuse.lxcfs' && (isUnder(m.mountPoint, '/proc') || isUnder(m.mountPoint, '/sys') || m.mountPoint === '/var/lib/lxcfs')) return null;
  return hostBindMounts([m]).length > 0 ? { fsCategory: null, needsContent: false } : null;
}

/** Classifies one mount; `names` is its directory listing (null when not a directory or unreadable). */
export function classify(m: MountInfo, names: string[] | null, isFile: boolean, podUids: ReadonlySet<string>, fsCategory: string | null, sandbox: string | null = null, goferEngineFiles = false): Pick<HostMount, 'kind' | 'categories' | 'matchedBy'> {
  if (isFile && (isRuntimeManaged(m) || (goferEngineFiles && isGoferEngineFile(m, isFile, sandbox)))) return { kind: 'runtime-managed', categories: [], matchedBy: ['path'] };
  let byContent = names ? contentCategories(names) : [];
  // Other containers' root file systems (submounts of a bound /var/lib/docker or /run/containerd) look like a root: say what they are.
  if (m.fsType === 'overlay' && /\/(merged|rootfs)$/.test(m.mountPoint) && byContent.includes('host-root')) byContent = [...byContent.filter((c) => c !== 'host-root'), 'container-rootfs'];
  const volume = isOwnVolume(m, podUids);
  const byPath = volume ? [] : pathCategories(m);
  const categories = [...new Set([...(fsCategory ? [fsCategory] : []), ...byContent, ...byPath])];
  const matchedBy = [fsCategory ? 'fstype' : '', byContent.length ? 'content' : '', byPath.length ? 'path' : ''].filter(Boolean);
  if (categories.includes('host-root')) return { kind: 'host-root', categories, matchedBy };
  if (categories.length > 0) return { kind: 'sensitive', categories, matchedBy };
  return { kind: volume ? 'volume' : 'other', categories, matchedBy };
}

let cached: Promise<HostMountsEvidence> | undefined;

/** Collects and classifies the probe's host mounts (once per agent run). */
export function collectHostMounts(): Promise<HostMountsEvidence> {
  cached ??= (async () => {
    const [mounts, containerRoot, sandbox] = await Promise.all([readMounts(), readContainerRoot(), readSandbox()]);
    if (!mounts) return { hostMounts: [], mountsScanned: null, containerRoot, sandbox };
    const podUids = ownPodUids(mounts);
    const goferEngineFiles = sandbox === 'gvisor' ? await readGoferEngineFiles() : null;
    // A bind named like a standard device counts as one only when its node has that device's numbers.
    const standardDevices = (await Promise.all(mounts.map(async (m) => {
      const name = standardDeviceOf(m);
      return name && (await isStandardCharDevice(m.mountPoint, name)) ? m.mountPoint : null;
    }))).filter((p): p is string => p !== null);
    // Mounts are examined together (a host / bind brings hundreds): order is kept, time is not summed.
    const examined = await Promise.all(mounts.map(async (m): Promise<HostMount | null> => {
      const c = candidate(m, sandbox, standardDevices.includes(m.mountPoint));
      if (!c) return null;
      const type = await statType(m.mountPoint);
      const names = type === 'dir' && c.fsCategory === null ? await listDir(m.mountPoint) : null;
      const cls = classify(m, names ? names.slice(0, 5000) : null, type === 'file', podUids, c.fsCategory, sandbox, goferEngineFiles === true);
      // A tmpfs that does not look like a host /run is the container's own scratch space.
      if (c.needsContent && cls.categories.length === 0) return null;
      const access = await accessWritable(m.mountPoint);
      const readOnly = m.options.includes('ro') || m.superOptions.includes('ro');
      // Ownership matters only where the probe's uid was refused on a read-write mount (what could root here do?).
      const owner = !readOnly && !access.writable && access.error !== 'EROFS' ? await statOwner(m.mountPoint) : null;
      return {
        mountPoint: m.mountPoint, root: m.root, fsType: m.fsType, source: m.source, device: m.device,
        readOnly, writable: access.writable, ...(access.error ? { writeError: access.error } : {}),
        propagation: m.optional, ...cls, listed: type !== 'dir' || c.fsCategory !== null || names !== null,
        nosuid: m.options.includes('nosuid'), owner,
      };
    }));
    const hostMounts = examined.filter((m): m is HostMount => m !== null);
    return { hostMounts, mountsScanned: mounts.length, containerRoot, sandbox, goferEngineFiles, standardDevices };
  })();
  return cached;
}

/** Whether /etc/hostname and /etc/hosts read as the engine's files for this container (content only). */
async function readGoferEngineFiles(): Promise<boolean> {
  const [hostname, hosts] = await Promise.all([readText('/etc/hostname', 4096), readText('/etc/hosts', 64 * 1024)]);
  return engineFilesByContent(os.hostname(), hostname.ok ? hostname.text : null, hosts.ok ? hosts.text : null);
}

/** Owner uid and mode of a path (following links), or null. */
async function statOwner(path: string): Promise<{ uid: number; mode: number } | null> {
  try {
    const st = await fs.stat(path);
    return { uid: st.uid, mode: st.mode & 0o7777 };
  } catch {
    return null;
  }
}

/** Whether container uid 0 is host uid 0, and whether root here would hold CAP_DAC_OVERRIDE (bounding set). */
async function readContainerRoot(): Promise<HostMountsEvidence['containerRoot']> {
  const [map, self] = await Promise.all([readText('/proc/self/uid_map'), readSelfState()]);
  const row = map.ok ? parseIdMap(map.text).find((r) => r.inside <= 0 && r.inside + r.count > 0) : undefined;
  return {
    hostRoot: map.ok ? (row ? row.outside - row.inside === 0 : false) : null,
    dacOverride: self.bounding?.includes('DAC_OVERRIDE') ?? null,
  };
}

/** What root in the same container could write on a mount the probe's uid cannot: `yes`, `no`, or `unknown`. */
export function rootCouldWrite(m: HostMount, root: HostMountsEvidence['containerRoot'] | undefined): 'yes' | 'no' | 'unknown' {
  if (m.readOnly || m.writeError === 'EROFS') return 'no';
  if (!m.owner || !root || root.hostRoot === null) return 'unknown';
  if ((m.owner.mode & 0o002) !== 0) return 'yes';
  if (!root.hostRoot) return 'unknown';
  return root.dacOverride === true || (m.owner.uid === 0 && (m.owner.mode & 0o200) !== 0) ? 'yes' : 'unknown';
}

/** Defensive reader for evaluate steps: the well-formed host mounts in untrusted evidence, or null. */
export function hostMountsOf(e: unknown): HostMount[] | null {
  const list = (e as { hostMounts?: unknown } | null)?.hostMounts;
  if (!Array.isArray(list)) return null;
  const ok = (m: Record<string, unknown>) => typeof m.mountPoint === 'string' && typeof m.root === 'string' && typeof m.kind === 'string' && typeof m.readOnly === 'boolean'
    && typeof m.writable === 'boolean' && Array.isArray(m.categories) && Array.isArray(m.propagation);
  return list.every((m) => m && typeof m === 'object' && ok(m as Record<string, unknown>)) ? (list as HostMount[]) : null;
}

/** Several mounts for a summary line: one per mount point, at most `max`. */
export function describeMounts(mounts: readonly HostMount[], max = 4): string {
  const unique = [...new Map(mounts.map((m) => [m.mountPoint, m])).values()];
  return `${unique.slice(0, max).map(describeMount).join(', ')}${unique.length > max ? ` and ${unique.length - max} more` : ''}`;
}

/** `/host (etc, rw)`: one mount for a summary line. */
export function describeMount(m: HostMount): string {
  const what = m.categories.length ? m.categories.join('+') : m.root;
  return `${m.mountPoint} (${what}, ${m.readOnly ? 'ro' : m.writable ? 'rw' : 'rw mount, not writable by probe'})`;
}
