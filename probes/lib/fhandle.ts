/**
 * The open_by_handle_at attempt (CAP_DAC_READ_SEARCH, "Shocker"): which file to hand the image's
 * static helper, and what its one line of output says. The helper opens a file-system root
 * read-only, lists names and closes; it never writes.
 */
import { runCommand } from './exec.js';
import { hostBindMounts } from './mounts.js';
import type { MountInfo } from './proc.js';

/** Where the probe image ships the helper (src/image/inputs.ts FHANDLE_PATH_IN_IMAGE). */
export const FHANDLE_HELPER = '/bin/ek-fhandle';

/** Errno numbers the helper prints, by name (x86-64 and arm64 share these). */
const ERRNO: Readonly<Record<number, string>> = {
  0: 'OK', 1: 'EPERM', 2: 'ENOENT', 5: 'EIO', 9: 'EBADF', 13: 'EACCES', 14: 'EFAULT', 20: 'ENOTDIR', 22: 'EINVAL',
  38: 'ENOSYS', 40: 'ELOOP', 95: 'EOPNOTSUPP', 116: 'ESTALE',
};

const errnoName = (n: number) => ERRNO[n] ?? `errno ${n}`;

/** One attempt, parsed from the helper's output. */
export interface HandleAttempt {
  /** The file in the probe whose file system was tried (a bind from the host). */
  path: string;
  /** Its file system type and device (major:minor) from mountinfo. */
  fsType: string;
  device: string;
  /** Open of the mount_fd itself failed: its errno; then nothing else was tried. */
  mountFdError: string | null;
  /** name_to_handle_at of the file: OK or errno (Docker's default seccomp profile refuses it). */
  nameToHandle: string | null;
  /** Handle type the kernel reported for the file (1 = ext2/3/4 FILEID_INO32_GEN), null when unknown. */
  handleType: number | null;
  /** open_by_handle_at of the root handle: OK or errno. */
  open: string | null;
  /** Inode of what opened, and up to 64 names of that directory. */
  ino: number | null;
  names: string[] | null;
  /** The helper did not run to its end (ENOENT: not in the image, ETIMEDOUT, a signal). */
  runError: string | null;
}

/** Parses `name_to_handle=0 type=1 bytes=8 open=0 ino=2 names=etc/usr`, or `mount_fd=13`. */
export function parseHelperLine(line: string): Pick<HandleAttempt, 'mountFdError' | 'nameToHandle' | 'handleType' | 'open' | 'ino' | 'names'> | null {
  const fields = new Map<string, string>();
  const namesAt = line.indexOf(' names=');
  const head = namesAt >= 0 ? line.slice(0, namesAt) : line;
  for (const part of head.trim().split(/\s+/)) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq), part.slice(eq + 1));
  }
  const num = (k: string) => (fields.has(k) && /^-?\d+$/.test(fields.get(k)!) ? Number(fields.get(k)) : null);
  if (num('mount_fd') !== null) return { mountFdError: errnoName(num('mount_fd')!), nameToHandle: null, handleType: null, open: null, ino: null, names: null };
  if (num('open') === null) return null;
  const type = num('type');
  return {
    mountFdError: null,
    nameToHandle: num('name_to_handle') === null ? null : errnoName(num('name_to_handle')!),
    handleType: type === null || type < 0 ? null : type,
    open: errnoName(num('open')!),
    ino: num('ino'),
    names: namesAt >= 0 ? line.slice(namesAt + ' names='.length).trim().split('/').filter(Boolean).slice(0, 64) : null,
  };
}

/**
 * Files to try, one per host file system (block-device backed, major other than 0): the files
 * the runtime binds into every container first (/etc/hosts, /etc/resolv.conf...), then other binds.
 */
export function handleCandidates(mounts: readonly MountInfo[], max = 2): MountInfo[] {
  const blockBacked = hostBindMounts([...mounts]).filter((m) => !m.device.startsWith('0:'));
  const preferred = ['/etc/hosts', '/etc/resolv.conf', '/etc/hostname', '/dev/termination-log'];
  const ordered = [...blockBacked.filter((m) => preferred.includes(m.mountPoint)), ...blockBacked.filter((m) => !preferred.includes(m.mountPoint))];
  const byDevice = new Map<string, MountInfo>();
  for (const m of ordered) if (!byDevice.has(m.device)) byDevice.set(m.device, m);
  return [...byDevice.values()].slice(0, max);
}

/** Runs the helper on one file; never throws. */
export async function tryHandle(m: MountInfo): Promise<HandleAttempt> {
  const base = { path: m.mountPoint, fsType: m.fsType, device: m.device };
  const run = await runCommand(FHANDLE_HELPER, [m.mountPoint], 3000);
  const parsed = run.exitCode === 0 ? parseHelperLine(run.stdout.split('\n')[0] ?? '') : null;
  if (!parsed) {
    const runError = run.error ?? (run.signal ? `signal ${run.signal}` : run.exitCode !== 0 ? `exit ${run.exitCode}` : 'unparseable output');
    return { ...base, mountFdError: null, nameToHandle: null, handleType: null, open: null, ino: null, names: null, runError };
  }
  return { ...base, ...parsed, runError: null };
}
