/**
 * The mknod attempt: create a block device node for a host disk on the runtime's own /dev,
 * open it read-only without reading, delete it. Or, when /dev is not clearly the runtime's, do
 * the same inside a fresh private mount namespace on a throwaway tmpfs (needs CAP_SYS_ADMIN).
 * Never on a path that may be shared with the host.
 */
import { promises as fs } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { BUSYBOX, errnoFromText, runBusybox } from './exec.js';
import { errorCode, openableForRead } from './fs.js';
import { PROBE_NODE_PREFIX } from './devnodes.js';
import type { MountInfo } from './proc.js';
import { isSentryOwn } from './sentry.js';

/** One device node attempt. */
export interface MknodAttempt {
  major: number;
  minor: number;
  name: string | null;
  /** null when mknod succeeded, else its errno (or busybox's message). */
  mknodError: string | null;
  /** Only when mknod succeeded: null = opened, else the errno of open(O_RDONLY). */
  openError?: string | null;
  /** The node was deleted again (or never created). */
  removed: boolean;
}

/**
 * The runtime's own /dev, where a device node may be created and opened for a moment: the
 * topmost mount at /dev is a tmpfs of its own (root /), writable, without nodev, with the options
 * every OCI runtime gives it (mode=755, size=65536k), in no peer group with another namespace, and
 * holding no block device (a /dev full of host disks is the host's, e.g. a kind node's /dev bound
 * in, or a privileged one, where no mknod is needed). Never /tmp or any other path: those can be
 * bound from the host. Null when /dev is not clearly the runtime's. Inside gVisor (`sandbox`) a
 * tmpfs /dev is the sentry's memory, whatever its options: never the host's.
 */
export function pickOwnTmpfs(mounts: readonly MountInfo[], devHasBlockNodes: boolean, sandbox: string | null = null): '/dev' | null {
  const top = mounts.filter((m) => m.mountPoint === '/dev').at(-1);
  if (!top || top.fsType !== 'tmpfs' || top.root !== '/' || devHasBlockNodes) return null;
  if (top.options.includes('nodev') || top.options.includes('ro') || top.superOptions.includes('ro')) return null;
  if (isSentryOwn(top, sandbox)) return '/dev';
  if (top.optional.some((p) => /^(shared|master):/.test(p))) return null;
  return top.superOptions.includes('mode=755') && top.superOptions.includes('size=65536k') ? '/dev' : null;
}

/** Creates the node in `dir`, opens it read-only, deletes it. */
export async function mknodOnTmpfs(dir: string, dev: { major: number; minor: number; name: string | null }): Promise<MknodAttempt> {
  const path = `${dir}/${PROBE_NODE_PREFIX}${process.pid}-${randomBytes(4).toString('hex')}`;
  const made = await runBusybox(['mknod', '-m', '0600', path, 'b', String(dev.major), String(dev.minor)], 1500);
  const attempt: MknodAttempt = { ...dev, mknodError: null, removed: true };
  try {
    if (made.exitCode !== 0) {
      attempt.mknodError = made.error ?? errnoOf(made.stderr) ?? (made.stderr.trim().slice(0, 120) || `exit ${made.exitCode}`);
      return attempt;
    }
    const opened = await openableForRead(path);
    attempt.openError = opened.readable ? null : (opened.error ?? 'unknown');
    return attempt;
  } finally {
    // Remove whatever exists at our unique path; ENOENT means nothing was created.
    const gone = await fs.unlink(path).then(() => true, (e: unknown) => errorCode(e) === 'ENOENT');
    attempt.removed = gone;
  }
}

/** The errno busybox printed, including the device-lookup errors errnoFromText does not name. */
export function errnoOf(stderr: string): string | null {
  const known = errnoFromText(stderr);
  if (known) return known;
  const table: Array<[RegExp, string]> = [[/No such device or address/i, 'ENXIO'], [/No such device\b/i, 'ENODEV'], [/No medium found/i, 'ENOMEDIUM'],
    [/Device or resource busy/i, 'EBUSY'], [/File exists/i, 'EEXIST'], [/Read-only file system/i, 'EROFS'], [/No such file or directory/i, 'ENOENT']];
  return table.find(([re]) => re.test(stderr))?.[1] ?? null;
}

/** Exit codes of the namespace script, one per step that failed. */
const STEP = { 90: 'mount', 91: 'mknod', 92: 'open' } as const;

/**
 * The same attempt in `unshare -m` on a throwaway tmpfs mounted over `dir` in that namespace
 * only: nothing is visible outside it and everything vanishes with it.
 */
export async function mknodInPrivateNamespace(dir: string, dev: { major: number; minor: number; name: string | null }): Promise<MknodAttempt & { step?: string }> {
  const script = `${BUSYBOX} mount -t tmpfs -o size=16k,mode=700 escapekit "$1" || exit 90; `
    + `${BUSYBOX} mknod -m 0600 "$1/n" b "$2" "$3" || exit 91; ${BUSYBOX} dd if="$1/n" count=0 || exit 92; exit 0`;
  const run = await runBusybox(['unshare', '-m', '--propagation', 'private', BUSYBOX, 'sh', '-c', script, 'sh', dir, String(dev.major), String(dev.minor)], 2000);
  const base: MknodAttempt = { ...dev, mknodError: null, removed: true };
  const errno = run.error ?? errnoOf(run.stderr) ?? (run.stderr.trim().slice(0, 120) || `exit ${run.exitCode}`);
  if (run.exitCode === 0) return { ...base, openError: null };
  const step = run.exitCode !== null && run.exitCode in STEP ? STEP[run.exitCode as keyof typeof STEP] : 'unshare';
  if (step === 'open') return { ...base, openError: errno, step };
  // Only mknod's own refusal is evidence; a failed unshare or mount says nothing about devices.
  return { ...base, mknodError: step === 'mknod' ? errno : `${step} ${errno}`, step };
}
