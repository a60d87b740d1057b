/** Device nodes: listing them with major:minor, naming host block devices, opening read-only without reading. */
import { promises as fs } from 'node:fs';
import { errorCode, listDir, readTrimmed } from './fs.js';

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
  return null;
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

