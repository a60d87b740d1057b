/**
 * The active half of the cgroup release_agent check: mount an already existing cgroup v1
 * hierarchy inside a throwaway private mount namespace, see whether its release_agent opens for
 * writing (open O_WRONLY + close, never written), unmount. The namespace dies with the child.
 */
import { BUSYBOX, errnoFromText, runBusybox } from './exec.js';
import { statType } from './fs.js';

/** cgroup v1 hierarchies the probe belongs to, from /proc/self/cgroup (`3:cpu,cpuacct:/docker/...`). */
export function v1Hierarchies(selfCgroup: string): Array<{ controllers: string; path: string }> {
  const out: Array<{ controllers: string; path: string }> = [];
  for (const line of selfCgroup.split('\n')) {
    const m = /^(\d+):([^:]+):(.*)$/.exec(line.trim());
    if (m && m[1] !== '0' && m[2]) out.push({ controllers: m[2], path: m[3] });
  }
  return out;
}

/** Mount options that attach to an existing hierarchy (named ones need `none,name=`); never creates a new one. */
export function mountOptions(controllers: string): string {
  return controllers.startsWith('name=') ? `none,${controllers}` : controllers;
}

/** Picks the hierarchy to mount: rdma first (classic CVE-2022-0492 case), then a controller where the probe sits at the root, then any controller, then a named one. */
export function pickHierarchy(list: ReadonlyArray<{ controllers: string; path: string }>): { controllers: string; path: string } | null {
  const plain = list.filter((h) => !h.controllers.startsWith('name='));
  return plain.find((h) => h.controllers === 'rdma') ?? plain.find((h) => h.path === '/') ?? plain[0] ?? list[0] ?? null;
}

/** What happened in the private mount namespace. */
export interface ActiveAttempt {
  attempted: boolean;
  reason?: string;
  controllers?: string;
  mountDir?: string;
  /** writable / denied:<errno> / absent (mounted root is not the hierarchy root) / cgroup-mount-failed / mount-refused / error. */
  outcome?: string;
  detail?: string;
}

// Runs as `sh -c SCRIPT sh DIR OPTS NODE JS`; every mount is private to the fresh namespace and undone.
const SCRIPT = [
  'b=/bin/busybox; d="$1"; o="$2"',
  '$b mount -t tmpfs -o size=64k,mode=700 escapekit "$d" || { echo ek:mount-refused; exit 0; }',
  '$b mkdir "$d/c"',
  'if $b mount -t cgroup -o "$o" escapekit "$d/c"; then',
  '  if [ -e "$d/c/release_agent" ]; then "$3" -e "$4" "$d/c/release_agent"; else echo ek:absent; fi',
  '  $b umount "$d/c"',
  'else echo ek:cgroup-mount-failed; fi',
  '$b umount "$d"',
].join('\n');
const OPEN_JS = "const f=require('fs');try{f.closeSync(f.openSync(process.argv[1],f.constants.O_WRONLY|f.constants.O_NONBLOCK));console.log('ek:writable')}catch(e){console.log('ek:denied:'+e.code)}";

/** Mounts `controllers` in a private mount namespace (needs CAP_SYS_ADMIN) and tests release_agent for writing. */
export async function attemptReleaseAgent(controllers: string, timeoutMs: number): Promise<ActiveAttempt> {
  if ((await statType(BUSYBOX)) === null) return { attempted: false, reason: `${BUSYBOX} missing from the image` };
  let mountDir: string | undefined;
  for (const d of ['/tmp', '/mnt', '/run', '/var/tmp', '/dev/shm']) if ((await statType(d)) === 'dir') { mountDir = d; break; }
  if (!mountDir) return { attempted: false, reason: 'no directory to mount a private tmpfs on' };
  const opts = mountOptions(controllers);
  const r = await runBusybox(['unshare', '-m', '--propagation', 'private', BUSYBOX, 'sh', '-c', SCRIPT, 'sh', mountDir, opts, process.execPath, OPEN_JS], timeoutMs);
  const marker = /ek:([a-z-]+(?::[A-Z]+)?)/.exec(r.stdout)?.[1];
  const base = { attempted: true, controllers: opts, mountDir };
  if (marker) return { ...base, outcome: marker, ...(r.stderr.trim() ? { detail: r.stderr.trim().slice(0, 200) } : {}) };
  // No marker: unshare itself failed (EPERM without CAP_SYS_ADMIN, seccomp) or the run broke.
  const refused = r.exitCode !== 0 && /unshare/.test(r.stderr) && /not permitted|denied/i.test(r.stderr);
  return { ...base, outcome: refused ? 'mount-refused' : 'error', detail: (r.error ?? r.stderr.trim()).slice(0, 200) || `exit ${r.exitCode}` };
}

/** Result of trying to create a user namespace; `errno` is what busybox reported when refused. */
export interface UserNamespaceAttempt {
  attempted: boolean;
  created?: boolean;
  reason?: string;
  errno?: string | null;
  detail?: string;
}

/** Whether the probe can create a user + mount namespace (the CVE-2022-0492 precondition without CAP_SYS_ADMIN). */
export async function attemptUserNamespace(timeoutMs: number): Promise<UserNamespaceAttempt> {
  if ((await statType(BUSYBOX)) === null) return { attempted: false, reason: `${BUSYBOX} missing from the image` };
  const r = await runBusybox(['unshare', '-U', '-r', '-m', BUSYBOX, 'true'], timeoutMs);
  if (r.exitCode === 0) return { attempted: true, created: true };
  return { attempted: true, created: false, errno: r.error ?? errnoFromText(r.stderr), detail: (r.error ?? r.stderr.trim()).slice(0, 200) };
}
