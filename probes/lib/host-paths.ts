/**
 * Pure classification of mounts that bring a host file system into the probe: which host
 * path a mount root is, which files the runtime itself bind-mounts, and what a directory's
 * listing says it is (for hosts where /var or /home is a file system of its own).
 */
import type { MountInfo } from './proc.js';

/** Sensitive host paths and the category they report as (CIS Docker 5.6, PSS HostPath Volumes). */
export const SENSITIVE_HOST_PATHS: ReadonlyArray<readonly [string, string]> = [
  ['/etc', 'etc'], ['/root', 'root-home'], ['/home', 'home'], ['/var/lib/kubelet', 'kubelet'],
  ['/var/lib/docker', 'docker'], ['/var/lib/containerd', 'containerd'], ['/run/containerd', 'containerd'],
  ['/var/run/containerd', 'containerd'], ['/var/lib/etcd', 'etcd'], ['/var/log', 'var-log'],
  ['/proc', 'proc'], ['/sys', 'sys'], ['/dev', 'dev'], ['/boot', 'boot'], ['/run', 'run'], ['/var/run', 'run'],
];

/** True when `path` is `base` or lies below it (path-segment boundary). */
export function isUnder(path: string, base: string): boolean {
  return base === '/' ? path.startsWith('/') : path === base || path.startsWith(`${base}/`);
}

/** Candidate spellings of a mount root: btrfs roots carry the subvolume (`/@/etc`, `/@home/x`). */
function rootSpellings(m: Pick<MountInfo, 'root' | 'fsType'>): string[] {
  const spellings = [m.root];
  if (m.fsType === 'btrfs' && /^\/@[^/]*/.test(m.root)) {
    const sub = /^\/@([^/]*)(.*)$/.exec(m.root)!;
    spellings.push(sub[2] || '/');
    if (sub[1]) spellings.push(`/${sub[1]}${sub[2]}`); // @home -> /home
  }
  return spellings;
}

/** Categories a mount root names by path: a sensitive path, anything below it, or a directory above one. */
export function pathCategories(m: Pick<MountInfo, 'root' | 'fsType'>): string[] {
  const found = new Set<string>();
  for (const root of rootSpellings(m)) {
    if (root.split('/').includes('.ssh')) found.add('ssh');
    if (root === '/') continue; // the root of *some* file system: only its content can say which
    for (const [path, category] of SENSITIVE_HOST_PATHS) {
      if (isUnder(root, path) || isUnder(path, root)) found.add(category);
    }
  }
  return [...found];
}

/** Categories a directory's listing betrays, whatever path it was mounted from. */
export function contentCategories(names: readonly string[]): string[] {
  const has = new Set(names);
  const count = (list: string[]) => list.filter((n) => has.has(n)).length;
  const found: string[] = [];
  if (has.has('etc') && (has.has('usr') || has.has('bin')) && count(['proc', 'sys', 'dev', 'var', 'boot', 'root', 'home', 'run', 'tmp', 'lib', 'sbin']) >= 3) found.push('host-root');
  if (has.has('passwd') && count(['shadow', 'group', 'os-release', 'hostname', 'fstab']) >= 1) found.push('etc');
  if (count(['journal', 'wtmp', 'btmp', 'lastlog', 'syslog', 'messages', 'kern.log', 'auth.log', 'dpkg.log', 'pods', 'containers', 'apt', 'faillog', 'cloud-init.log']) >= 2) found.push('var-log');
  if (has.has('log') && has.has('lib') && count(['cache', 'spool', 'tmp', 'backups', 'mail']) >= 1) found.push('var-log', 'var');
  if (has.has('pods') && count(['plugins', 'plugins_registry', 'pod-resources', 'device-plugins', 'pki', 'config.yaml', 'kubeconfig', 'cpu_manager_state']) >= 1) found.push('kubelet');
  // A directory holding kubelet or runtime state (/var/lib, or a custom root like /var/lib/k8s).
  if (has.has('kubelet') && count(['containerd', 'docker', 'etcd', 'cni', 'crio', 'dpkg', 'apt', 'pki']) >= 1) found.push('kubelet');
  if (has.has('containers') && count(['overlay2', 'image', 'volumes', 'buildkit', 'swarm']) >= 1) found.push('docker');
  if (count(['io.containerd.runtime.v2.task', 'io.containerd.content.v1.content', 'io.containerd.snapshotter.v1.overlayfs', 'containerd.sock']) >= 1) found.push('containerd');
  if (count(['authorized_keys', 'id_rsa', 'id_ed25519', 'id_ecdsa', 'ssh_host_ed25519_key', 'ssh_host_rsa_key']) >= 1) found.push('ssh');
  if (names.some((n) => /^(vmlinuz|initrd\.img|initramfs-)/.test(n)) || (has.has('grub') && names.some((n) => n.startsWith('config-')))) found.push('boot');
  // /run: runtime state only a tmpfs /run holds (lock, utmp, sockets), not a config tree like /etc.
  if (!has.has('passwd') && count(['lock', 'utmp', 'docker.sock', 'netns', 'user']) >= 1
    && count(['systemd', 'lock', 'user', 'utmp', 'udev', 'containerd', 'docker', 'docker.sock', 'dbus', 'mount', 'netns', 'crio', 'k3s', 'sudo', 'runc']) >= 3) found.push('run');
  if (count(['.bashrc', '.profile', '.ssh', '.bash_history', '.config', '.kube', '.docker']) >= 2) found.push('home');
  return [...new Set(found)];
}

/** Files a runtime bind-mounts into every container from its own state directory (not a host exposure). */
const RUNTIME_MANAGED: ReadonlyArray<{ root: RegExp; mountPoint?: RegExp }> = [
  // Docker (any data-root): /var/lib/docker/containers/<id>/{hostname,hosts,resolv.conf}
  { root: /\/containers\/[0-9a-f]{64}\/(hostname|hosts|resolv\.conf)$/, mountPoint: /^\/etc\/(hostname|hosts|resolv\.conf)$/ },
  // kubelet: /var/lib/kubelet/pods/<uid>/etc-hosts and the termination-message file.
  { root: /\/pods\/[0-9a-f-]{36}\/etc-hosts$/, mountPoint: /^\/etc\/hosts$/ },
  { root: /\/pods\/[0-9a-f-]{36}\/containers\/[^/]+\/[0-9a-f]+$/ },
  // containerd CRI sandbox files.
  { root: /\/io\.containerd\.grpc\.v1\.cri\/sandboxes\/[0-9a-f]{64}\/(hostname|hosts|resolv\.conf)$/, mountPoint: /^\/etc\/(hostname|hosts|resolv\.conf)$/ },
  // CRI-O and podman userdata files.
  { root: /\/overlay-containers\/[0-9a-f]{64}\/userdata\/(hostname|hosts|resolv\.conf|\.containerenv)$/, mountPoint: /^\/(etc\/(hostname|hosts|resolv\.conf)|run\/\.containerenv)$/ },
];

/** Whether a (file) mount is one of the runtime's own per-container files. */
export function isRuntimeManaged(m: Pick<MountInfo, 'root' | 'mountPoint'>): boolean {
  return RUNTIME_MANAGED.some((r) => r.root.test(m.root) && (!r.mountPoint || r.mountPoint.test(m.mountPoint)));
}

/** Pod UIDs named by the kubelet-managed files: the probe's own pod. */
export function ownPodUids(mounts: ReadonlyArray<Pick<MountInfo, 'root' | 'mountPoint'>>): Set<string> {
  const uids = new Set<string>();
  for (const m of mounts) {
    const uid = /\/pods\/([0-9a-f-]{36})\/(etc-hosts|containers\/)/.exec(m.root)?.[1];
    if (uid && isRuntimeManaged(m)) uids.add(uid);
  }
  return uids;
}

/** Whether a mount is the container's own storage: a Docker volume, or a volume of its own pod (emptyDir, configMap...). */
export function isOwnVolume(m: Pick<MountInfo, 'root'>, podUids: ReadonlySet<string>): boolean {
  if (/\/volumes\/[^/]+\/_data(\/|$)/.test(m.root)) return true;
  const pod = /\/pods\/([0-9a-f-]{36})\/volumes\/kubernetes\.io~[^/]+\/[^/]+/.exec(m.root);
  return Boolean(pod && (podUids.size === 0 || podUids.has(pod[1])));
}
