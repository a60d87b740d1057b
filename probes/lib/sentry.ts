/**
 * What gVisor's sentry serves itself. Inside a gVisor sandbox the kernel the probe talks to is
 * the sentry, a user-space kernel: its proc, sysfs, tmpfs, devpts and mqueue file systems live
 * in the sentry's memory and never reach the host kernel. Host files come in only through the
 * gofer, as 9p (or directfs) mounts: those stay the host's files.
 */
import type { MountInfo } from './proc.js';

/** File systems the sentry implements in its own memory. */
const SENTRY_OWN_FS = new Set(['proc', 'sysfs', 'tmpfs', 'devpts', 'mqueue']);

/** Whether a mount is the gVisor sentry's own (sandbox detected and a sentry file system type, not a gofer mount). */
export function isSentryOwn(m: Pick<MountInfo, 'fsType'>, sandbox: string | null | undefined): boolean {
  return sandbox === 'gvisor' && SENTRY_OWN_FS.has(m.fsType);
}

/** Docker's per-container files: gVisor's gofer hides their source path (root `/`, 9p). */
const ENGINE_FILE_POINTS = /^\/etc\/(hostname|hosts|resolv\.conf)$/;

/**
 * A single-file gofer mount at /etc/hostname, /etc/hosts or /etc/resolv.conf inside gVisor:
 * the engine's per-container file (the source path, which proves it outside a sandbox, is hidden;
 * callers require engineFilesByContent as well).
 */
export function isGoferEngineFile(m: Pick<MountInfo, 'fsType' | 'root' | 'mountPoint'>, isFile: boolean, sandbox: string | null | undefined): boolean {
  return sandbox === 'gvisor' && isFile && m.fsType === '9p' && m.root === '/' && ENGINE_FILE_POINTS.test(m.mountPoint);
}

/**
 * Content evidence that the gofer's /etc/hostname and /etc/hosts are the engine's files for this
 * container: /etc/hostname holds exactly the UTS host name the engine gave it, and /etc/hosts names
 * it. A host's own files would name the host. The engine binds resolv.conf with the same pair.
 */
export function engineFilesByContent(utsHostname: string, hostnameFile: string | null, hostsFile: string | null): boolean {
  const name = utsHostname.trim();
  if (!name || hostnameFile === null || hostsFile === null) return false;
  const names = hostsFile.split('\n').filter((l) => !l.trim().startsWith('#')).flatMap((l) => l.trim().split(/\s+/).slice(1));
  return hostnameFile.trim() === name && names.includes(name);
}
