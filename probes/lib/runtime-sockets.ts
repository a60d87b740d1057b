/** Finding container-runtime API sockets inside the probe, and naming the runtime behind one. */
import { readLink, statType } from './fs.js';
import type { MountInfo } from './proc.js';
import { DEFAULT_WALK_LIMITS, walkForSockets, type WalkReport } from './socket-walk.js';
import { foreignRoot } from './foreign-root.js';

/**
 * Runtimes whose API socket is a host takeover. `grpc` = an unnamed HTTP/2 (gRPC) server;
 * `kubelet-pod-resources` and `kubelet-device-plugins` are the kubelet's own sockets (not a runtime);
 * `runtime-auxiliary` = a runtime's read-only side channel named by its path (containerd's pprof
 * debug socket, Docker's metrics socket); `unknown` = nothing identified it.
 */
export const RUNTIME_KINDS = ['docker', 'podman', 'containerd', 'containerd-ttrpc', 'containerd-shim', 'cri-o', 'cri-dockerd', 'kubelet-pod-resources', 'kubelet-device-plugins', 'runtime-auxiliary', 'grpc', 'unknown'] as const;
/** One of RUNTIME_KINDS. */
export type RuntimeKind = (typeof RUNTIME_KINDS)[number];

/**
 * Whether a socket may receive one read-only `GET /_ping`: only when its name identifies a Docker
 * or podman API (the harmlessness contract: no bytes to an unidentified socket).
 */
export function mayGetPing(named: RuntimeKind | null): boolean {
  return named === 'docker' || named === 'podman';
}

/** Socket paths runtimes use by default (also looked for under every directory mounted from the host). */
export const WELL_KNOWN_SOCKETS = [
  '/var/run/docker.sock', '/run/docker.sock', '/var/run/docker/containerd/containerd.sock',
  '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/run/k3s/containerd/containerd.sock',
  '/var/run/dockershim.sock', '/run/cri-dockerd.sock', '/var/run/cri-dockerd.sock',
  '/run/crio/crio.sock', '/var/run/crio/crio.sock', '/run/podman/podman.sock', '/var/run/podman/podman.sock',
  '/run/user/1000/podman/podman.sock', '/run/user/1000/docker.sock',
] as const;

/** Names a runtime from a socket's path (inside the container or on the host side of its bind mount). */
export function runtimeFromName(path: string | undefined): RuntimeKind | null {
  if (!path) return null;
  const base = path.split('/').pop() ?? '';
  if (/^docker(-\w+)?\.sock$/.test(base)) return 'docker';
  if (/^podman\.sock$/.test(base)) return 'podman';
  if (/^containerd\.sock\.ttrpc$/.test(base)) return 'containerd-ttrpc';
  if (/^containerd\.sock$/.test(base)) return 'containerd';
  if (/containerd\/s\/[0-9a-f]{64}$|containerd-shim\/.*\.sock$/.test(path)) return 'containerd-shim';
  if (/^crio\.sock$/.test(base)) return 'cri-o';
  if (/^(cri-dockerd|dockershim)\.sock$/.test(base)) return 'cri-dockerd';
  if (/(^|\/)pod-resources\/kubelet\.sock$/.test(path)) return 'kubelet-pod-resources';
  if (/(^|\/)device-plugins\/kubelet\.sock$/.test(path)) return 'kubelet-device-plugins';
  if (/^containerd-debug\.sock$/.test(base) || /(^|\/)docker\/metrics\.sock$/.test(path)) return 'runtime-auxiliary';
  return null;
}

/** Names a runtime from what its socket answered: Docker/podman API headers or an HTTP/2 greeting. */
export function runtimeFromAnswer(a: { http2?: boolean; http?: { headers: Record<string, string>; statusLine: string } }): RuntimeKind | null {
  if (a.http2) return 'grpc';
  const h = a.http?.headers ?? {};
  if (/libpod/i.test(h.server ?? '') || h['libpod-api-version']) return 'podman';
  if (/^Docker\//i.test(h.server ?? '') || h['api-version']) return 'docker';
  return null;
}

/** A socket found inside the probe and how it was found. */
export interface FoundSocket {
  path: string;
  /**
   * `mount`: the socket itself is a bind mount; `mounted-dir`: inside a mounted directory; `well-known`: at a default path;
   * `host-pid-root`: through /proc/<pid>/root of a host process (a shared host PID namespace, and ptrace-read access).
   */
  found: 'mount' | 'mounted-dir' | 'well-known' | 'host-pid-root';
  /** Path of the socket inside the host file system it comes from (mountinfo root), when known. */
  hostPath?: string;
}

/** File systems the runtime creates for the container: never scanned for sockets. */
const PSEUDO_FS = new Set(['proc', 'sysfs', 'devpts', 'mqueue', 'cgroup', 'cgroup2', 'securityfs', 'debugfs', 'tracefs', 'bpf', 'pstore', 'configfs', 'fusectl', 'binfmt_misc', 'nsfs', 'hugetlbfs', 'autofs']);

/** Mount points that are the container's own and hold no host sockets. */
const OWN_MOUNTS = /^\/(proc|sys|dev(\/pts|\/mqueue)?|etc\/(hosts|hostname|resolv\.conf))(\/|$)/;

/** Finds sockets at bind-mount points, under mounted directories (bounded walk, reported) and at well-known paths. */
export async function findSockets(mounts: readonly MountInfo[], limits = DEFAULT_WALK_LIMITS): Promise<{ sockets: FoundSocket[]; dirsScanned: string[]; walk: WalkReport }> {
  const found = new Map<string, FoundSocket>();
  const roots: Array<{ dir: string; hostRoot: string }> = [];
  const candidates = mounts.filter((m) => !PSEUDO_FS.has(m.fsType));
  // Every stat at once: the collect step has a few seconds on a loaded node.
  const types = await Promise.all(candidates.map((m) => statType(m.mountPoint)));
  candidates.forEach((m, i) => {
    // A socket bind-mounted anywhere counts, even under /dev or /etc; only directories are filtered before walking.
    if (types[i] === 'socket') found.set(m.mountPoint, { path: m.mountPoint, found: 'mount', hostPath: m.root });
    else if (types[i] === 'dir' && m.mountPoint !== '/' && !OWN_MOUNTS.test(m.mountPoint) && !roots.some((r) => r.dir === m.mountPoint)) roots.push({ dir: m.mountPoint, hostRoot: m.root });
  });
  // Well-known sockets below a mounted host root (/host/run/...) or a mounted /run (/hostrun/docker.sock), whatever the walk reaches.
  const wellKnownBelow = roots.flatMap((r) => WELL_KNOWN_SOCKETS.flatMap((w) => [...new Set([w, w.replace(/^\/(var\/)?run/, '')])].map((rel) => ({ p: `${r.dir.replace(/\/$/, '')}${rel}`, hostPath: `${r.hostRoot.replace(/\/$/, '')}${rel}` }))));
  // Never walk into procfs, sysfs and the like mounted below a host directory (e.g. /host/proc), nor twice into a nested mount.
  const skip = new Set([...mounts.filter((m) => PSEUDO_FS.has(m.fsType)).map((m) => m.mountPoint), ...roots.map((r) => r.dir)]);
  const [belowTypes, walked] = await Promise.all([Promise.all(wellKnownBelow.map((c) => statType(c.p))), walkForSockets(roots, skip, limits)]);
  wellKnownBelow.forEach((c, i) => { if (belowTypes[i] === 'socket' && !found.has(c.p)) found.set(c.p, { path: c.p, found: 'mounted-dir', hostPath: c.hostPath }); });
  for (const s of walked.sockets) if (!found.has(s.path)) found.set(s.path, { path: s.path, found: 'mounted-dir', ...(s.hostPath !== undefined ? { hostPath: s.hostPath } : {}) });
  const [wellKnown, foreign] = await Promise.all([Promise.all(WELL_KNOWN_SOCKETS.map((p) => statType(p))), socketsThroughForeignRoot()]);
  WELL_KNOWN_SOCKETS.forEach((p, i) => { if (wellKnown[i] === 'socket' && !found.has(p)) found.set(p, { path: p, found: 'well-known' }); });
  for (const s of foreign) if (!found.has(s.path)) found.set(s.path, s);
  return { sockets: [...found.values()], dirsScanned: roots.map((r) => r.dir), walk: walked.report };
}

/**
 * Well-known sockets in another process's root (the host's, through a shared PID namespace).
 * Absolute symlinks there resolve against the probe's own root, so the paths use /run rather
 * than /var/run and a final symlink is followed by hand.
 */
async function socketsThroughForeignRoot(): Promise<FoundSocket[]> {
  const root = await foreignRoot();
  if (root === null) return [];
  const candidates = [...new Set(WELL_KNOWN_SOCKETS.map((w) => w.replace(/^\/var\/run\//, '/run/')))];
  const found: FoundSocket[] = [];
  for (const w of candidates) {
    let rel = w;
    if ((await statType(`${root}${rel}`)) === 'link') {
      const target = await readLink(`${root}${rel}`);
      if (!target?.startsWith('/')) continue;
      rel = target;
    }
    if ((await statType(`${root}${rel}`)) === 'socket') found.push({ path: `${root}${rel}`, found: 'host-pid-root', hostPath: rel });
  }
  return found;
}
