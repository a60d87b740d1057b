/** Telling the runtime's private /dev/shm from a host tmpfs bound in its place. */
import type { MountInfo } from './proc.js';

/** The parts of a mount the test needs (evidence keeps these). */
export type ShmMount = Pick<MountInfo, 'fsType' | 'source'> & { options?: string[] };

/** Docker, containerd (CRI) and CRI-O mount a private shm tmpfs with source "shm" and nosuid,nodev,noexec. */
export function isRuntimeShm(m: ShmMount): boolean {
  return m.fsType === 'tmpfs' && m.source === 'shm' && Array.isArray(m.options) && ['nosuid', 'nodev', 'noexec'].every((o) => m.options!.includes(o));
}
