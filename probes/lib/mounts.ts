/** Reads and caches the probe's mount table. */
import { readText } from './fs.js';
import { parseMountInfo, type MountInfo } from './proc.js';

let cached: Promise<MountInfo[] | null> | undefined;

/** The probe's mounts from /proc/self/mountinfo, or null when unreadable. Read once per agent run. */
export function readMounts(): Promise<MountInfo[] | null> {
  cached ??= readText('/proc/self/mountinfo', 4 * 1024 * 1024).then((r) => (r.ok ? parseMountInfo(r.text) : null));
  return cached;
}

/** File systems a container runtime creates itself; anything else is a bind from the host or a volume. */
const CONTAINER_OWN_FS = new Set(['overlay', 'proc', 'tmpfs', 'devpts', 'mqueue', 'sysfs', 'cgroup', 'cgroup2', 'shm', 'devtmpfs', 'securityfs', 'pstore', 'bpf', 'debugfs', 'tracefs', 'fusectl', 'configfs', 'hugetlbfs', 'binfmt_misc', 'autofs', 'nsfs']);

/** Mounts that bring part of a host file system in (bind mounts of host paths), as opposed to the container's own. */
export function hostBindMounts(mounts: MountInfo[]): MountInfo[] {
  return mounts.filter((m) => !CONTAINER_OWN_FS.has(m.fsType));
}
