/** Device nodes: listing them with major:minor, naming host block devices, opening read-only without reading. */
import { promises as fs } from 'node:fs';
import { errorCode, listDir, readLink, readTrimmed } from './fs.js';

/** A character or block device node. */
export interface DeviceNode {
  path: string;
  type: 'block' | 'char';
  major: number;
  minor: number;
}

/** Entries of /dev every runtime creates (Docker, containerd, CRI-O) or links, plus Kubernetes' termination log. */
export const DEFAULT_DEV_ENTRIES: ReadonlySet<string> = new Set([
  'null', 'zero', 'full', 'random', 'urandom', 'tty', 'console', 'pts', 'ptmx', 'shm', 'mqueue', 'fd',
  'stdin', 'stdout', 'stderr', 'core', 'termination-log',
]);

/** Character devices that expose host memory or I/O ports: mem, kmem, port. */
export const MEMORY_DEVICES: ReadonlyMap<string, string> = new Map([['1:1', 'mem'], ['1:2', 'kmem'], ['1:4', 'port']]);

/**
 * Character devices that reach the host directly, by fixed major (and minor range): raw disk
 * commands, CPU model-specific registers, the host's consoles and input, the hibernation
 * image. Null for any other character device (fuse, kmsg, net/tun, GPUs...: findings only).
 */
export function hostReachingCharDevice(major: number, minor: number): string | null {
  if (major === 21) return 'SCSI generic: raw commands to a host disk';
  if (major === 202) return 'CPU model-specific registers (msr)';
  if (major === 4 && minor < 64) return 'a host virtual console (tty)';
  if (major === 7) return 'host virtual console contents (vcs)';
  if (major === 13) return 'host input devices';
  if (major === 29) return 'host framebuffer';
  if (major === 10 && minor === 223) return 'uinput: injects input events on the host';
  if (major === 10 && minor === 231) return 'snapshot: the hibernation image (host memory)';
  if (major === 10 && minor === 236) return 'device-mapper control: maps host disks into new block devices';
  if (major === 90) return 'raw flash (MTD) of the host';
  return null;
}

/** Where a character device's driver class comes from: its sysfs entry (/sys/dev/char/MAJ:MIN). */
export interface CharClass {
  /** Basename of /sys/dev/char/MAJ:MIN/subsystem (nvme, nvme-generic, bsg, misc, tty...), null when sysfs does not know the device. */
  subsystem: string | null;
  /** Basename of the device's sysfs directory (ng0n1, device-mapper, uinput...), null when unknown. */
  sysName: string | null;
}

/** Subsystems (driver classes) whose character devices reach host hardware directly, whatever their (often dynamic) major. */
const HOST_REACHING_SUBSYSTEMS: ReadonlyMap<string, string> = new Map([
  ['nvme', 'NVMe controller: admin and I/O passthrough to a host disk'],
  ['nvme-generic', 'NVMe generic namespace: raw I/O to a host disk'],
  ['bsg', 'block SCSI generic: raw commands to a host disk'],
  ['scsi_generic', 'SCSI generic: raw commands to a host disk'],
  ['mtd', 'raw flash (MTD) of the host'],
  ['ubi', 'raw flash volumes (UBI) of the host'],
  ['msr', 'CPU model-specific registers (msr)'],
  ['input', 'host input devices'],
  ['hidraw', 'raw HID devices of the host'],
  ['graphics', 'host framebuffer'],
  ['vc', 'host virtual console contents (vcs)'],
  ['vfio', 'VFIO: a host PCI device passed through'],
  ['dax', 'device DAX: host persistent memory'],
  ['nd', 'NVDIMM bus control'],
  ['watchdog', 'host watchdog: opening it arms a host reset'],
]);

/** misc devices (one major, one name each) that reach the host. */
const HOST_REACHING_MISC: ReadonlyMap<string, string> = new Map([
  ['device-mapper', 'device-mapper control: maps host disks into new block devices'],
  ['uinput', 'uinput: injects input events on the host'],
  ['snapshot', 'snapshot: the hibernation image (host memory)'],
  ['watchdog', 'host watchdog: opening it arms a host reset'],
]);

/**
 * Why a character device reaches the host, from its sysfs class when known and from the fixed
 * major table otherwise (both are consulted: either one is enough); `by` says which decided.
 */
export function hostReachingChar(major: number, minor: number, cls: CharClass | null): { reason: string; by: 'sysfs' | 'major' } | null {
  const sub = cls?.subsystem ?? null;
  const bySysfs = sub === 'misc' ? HOST_REACHING_MISC.get(cls?.sysName ?? '') : sub !== null ? HOST_REACHING_SUBSYSTEMS.get(sub) : undefined;
  if (bySysfs) return { reason: bySysfs, by: 'sysfs' };
  const byMajor = hostReachingCharDevice(major, minor);
  return byMajor ? { reason: byMajor, by: 'major' } : null;
}

/** Reads a character device's sysfs class (/sys/dev/char/MAJ:MIN -> subsystem link); nulls when sysfs does not list it. */
export async function readCharClass(major: number, minor: number): Promise<CharClass> {
  const base = `/sys/dev/char/${major}:${minor}`;
  const [subsystem, device] = await Promise.all([readLink(`${base}/subsystem`), readLink(base)]);
  const last = (link: string | null) => (link ? link.replace(/\/+$/, '').split('/').pop() || null : null);
  return { subsystem: last(subsystem), sysName: last(device) };
}

/** Splits a dev_t as glibc's major()/minor() do. */
export function splitDevT(rdev: number | bigint): { major: number; minor: number } {
  const d = BigInt(rdev);
  const major = Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & 0xfffff000n));
  const minor = Number((d & 0xffn) | ((d >> 12n) & 0xffffff00n));
  return { major, minor };
}

/** Name prefix of the nodes mknod-attempt creates (and deletes) on the probe's own tmpfs. */
export const PROBE_NODE_PREFIX = '.escapekit-mknod-';

/** Lists device nodes under `dir` (depth levels, no symlinks followed; pts, shm, mqueue skipped). */
export async function listDeviceNodes(dir: string, depth = 2, limit = 2000): Promise<{ nodes: DeviceNode[]; error?: string }> {
  const nodes: DeviceNode[] = [];
  const walk = async (path: string, level: number): Promise<void> => {
    for (const name of (await listDir(path)) ?? []) {
      if (nodes.length >= limit) return;
      if (name.startsWith(PROBE_NODE_PREFIX)) continue; // mknod-attempt's own short-lived node, running concurrently
      const p = `${path.replace(/\/$/, '')}/${name}`;
      const s = await fs.lstat(p, { bigint: true }).catch(() => null);
      if (!s) continue;
      if (s.isBlockDevice() || s.isCharacterDevice()) nodes.push({ path: p, type: s.isBlockDevice() ? 'block' : 'char', ...splitDevT(s.rdev) });
      else if (s.isDirectory() && level < depth && !(level === 0 && ['pts', 'shm', 'mqueue'].includes(name))) await walk(p, level + 1);
    }
  };
  try {
    await fs.readdir(dir);
  } catch (error) {
    return { nodes, error: errorCode(error) };
  }
  await walk(dir, 0);
  return { nodes };
}

/** A block device the host kernel knows, from /sys/dev/block (name from its uevent). */
export interface HostBlockDevice {
  major: number;
  minor: number;
  name: string | null;
}

/** Block devices the kernel lists in /sys/dev/block (sysfs is readable, even read-only, in containers). */
export async function hostBlockDevices(): Promise<HostBlockDevice[]> {
  const out: HostBlockDevice[] = [];
  for (const entry of ((await listDir('/sys/dev/block')) ?? []).filter((e) => /^\d+:\d+$/.test(e))) {
    const [major, minor] = entry.split(':').map(Number);
    const uevent = await readTrimmed(`/sys/dev/block/${entry}/uevent`);
    out.push({ major, minor, name: /^DEVNAME=(.+)$/m.exec(uevent ?? '')?.[1] ?? null });
  }
  return out;
}

/** Virtual block devices (loop, ram, zram, nbd) rank after real disks when picking a target. */
export function isVirtualBlock(name: string | null, major: number): boolean {
  return major === 7 || major === 1 || /^(loop|ram|zram|nbd)\d/.test(name ?? '');
}

/**
 * Picks the host disk to aim at: a device of a host file system seen in mountinfo (the disk under
 * /etc/hosts or a bind mount) when the kernel lists it as a block device, else the first real disk
 * in /sys/dev/block, else 8:0 (sda).
 */
export function pickHostDisk(mountDevices: readonly string[], known: readonly HostBlockDevice[]): { major: number; minor: number; name: string | null; from: string } {
  const byId = new Map(known.map((d) => [`${d.major}:${d.minor}`, d]));
  for (const dev of mountDevices) {
    const d = byId.get(dev);
    if (d && !isVirtualBlock(d.name, d.major)) return { ...d, from: 'mountinfo' };
  }
  const real = known.find((d) => !isVirtualBlock(d.name, d.major));
  if (real) return { ...real, from: '/sys/dev/block' };
  return { major: 8, minor: 0, name: 'sda', from: 'default' };
}

