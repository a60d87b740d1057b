/**
 * The standard character devices every OCI runtime gives a container (/dev/null, zero, full,
 * random, urandom, tty). In a user namespace mknod is impossible, so the engine binds the
 * host's own nodes instead: a bind of one of these, by name and by device number, is the
 * runtime's device, not a host file system brought in.
 */
import { promises as fs } from 'node:fs';
import type { MountInfo } from './proc.js';

/** Name -> [major, minor] of the devices the OCI runtime spec requires in every container. */
export const STANDARD_CHAR_DEVICES: Readonly<Record<string, readonly [number, number]>> = {
  null: [1, 3], zero: [1, 5], full: [1, 7], random: [1, 8], urandom: [1, 9], tty: [5, 0],
};

/** Paths runtimes mask by binding /dev/null over them (OCI maskedPaths for files). */
const MASKED_BY_NULL = /^\/(proc|sys)\//;

/**
 * The standard device a mount binds, judged from mountinfo alone: a devtmpfs (or tmpfs /dev)
 * file whose root is `/NAME`, mounted at `/dev/NAME`, or `/null` over a masked /proc or /sys file.
 */
export function standardDeviceOf(m: Pick<MountInfo, 'fsType' | 'root' | 'mountPoint'>): string | null {
  if (m.fsType !== 'devtmpfs' && m.fsType !== 'tmpfs') return null;
  const name = /^\/([a-z]+)$/.exec(m.root)?.[1];
  if (!name || !(name in STANDARD_CHAR_DEVICES)) return null;
  if (m.mountPoint === `/dev/${name}`) return name;
  return name === 'null' && MASKED_BY_NULL.test(m.mountPoint) ? name : null;
}

/** Major and minor of a Linux dev_t as Node reports it. */
export function splitDev(rdev: number): [number, number] {
  return [Math.floor(rdev / 256) & 0xfff, (rdev & 0xff) | (Math.floor(rdev / 4096) & 0xfff00)];
}

/** Whether `path` is a character device with the standard numbers of `name` (stat only). */
export async function isStandardCharDevice(path: string, name: string): Promise<boolean> {
  const want = STANDARD_CHAR_DEVICES[name];
  if (!want) return false;
  try {
    const st = await fs.stat(path);
    const [major, minor] = splitDev(st.rdev);
    return st.isCharacterDevice() && major === want[0] && minor === want[1];
  } catch {
    return false;
  }
}
