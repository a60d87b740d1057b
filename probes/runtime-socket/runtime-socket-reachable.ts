/** Is a container runtime API socket reachable from inside the probe? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readMounts } from '../lib/mounts.js';
import { findSockets, runtimeFromAnswer, runtimeFromName, type FoundSocket, type RuntimeKind } from '../lib/runtime-sockets.js';
import { identifySocket, type SocketIdentity } from '../lib/sockprobe.js';

/** One socket found and what it answered. */
interface SocketProbe extends FoundSocket, SocketIdentity {
  /** Runtime named by the socket's path, or by its answer when the name says nothing. */
  runtime: RuntimeKind;
}

interface SocketEvidence extends Evidence {
  sockets: SocketProbe[];
  mountsScanned: number | null;
  dirsScanned?: string[];
  /** Sockets found; only the first 40 are probed. */
  socketsFound?: number;
}

/** Runtimes whose socket hands out container creation (every kind but the unnamed ones). */
const RUNTIMES: readonly RuntimeKind[] = ['docker', 'podman', 'containerd', 'containerd-ttrpc', 'containerd-shim', 'cri-o', 'cri-dockerd'];
const fromHost = (s: SocketProbe) => s.found === 'mount' || s.found === 'mounted-dir' || s.found === 'host-pid-root';
const label = (s: SocketProbe) => `${s.runtime} socket ${s.path}${s.found === 'host-pid-root' ? ` (host ${s.hostPath}, through a host process's root)` : s.hostPath && s.hostPath !== s.path ? ` (host ${s.hostPath})` : ''}`;

function judge(e: SocketEvidence): Verdict {
  if (!e || !Array.isArray(e.sockets)) return { status: 'inconclusive', summary: 'no socket evidence' };
  const socks = e.sockets.filter((s) => s && typeof s.path === 'string');
  const KINDS: readonly string[] = [...RUNTIMES, 'kubelet-pod-resources', 'kubelet-device-plugins', 'grpc', 'unknown'];
  if (socks.length !== e.sockets.length || socks.some((s) => !KINDS.includes(s.runtime) || typeof s.connected !== 'boolean')) {
    return { status: 'inconclusive', summary: 'malformed socket evidence' };
  }
  const runtime = socks.filter((s) => RUNTIMES.includes(s.runtime));
  const open = runtime.find((s) => s.connected === true);
  if (open) {
    const answer = open.http ? `; GET /_ping: ${open.http.statusLine}${open.http.headers?.server ? `, ${open.http.headers.server}` : ''}` : open.http2 ? '; speaks HTTP/2 (gRPC)' : '';
    return { status: 'broken', summary: `${label(open)} accepts connections${answer}` };
  }
  const denied = runtime.find((s) => fromHost(s) && (s.error === 'EACCES' || s.error === 'EPERM'));
  if (denied) return { status: 'broken', summary: `${label(denied)} is mounted from the host; connect gave ${denied.error} for this uid, but root or the socket's group in the container can use it` };
  const stale = runtime.find((s) => s.connected !== true);
  if (stale) return { status: 'inconclusive', summary: `${label(stale)} present but connect failed (${stale.error ?? 'unknown error'})` };
  // The kubelet's device-plugin registration: a fake plugin could have the kubelet add host mounts and devices to pods asking for its resource.
  const registration = socks.find((s) => s.runtime === 'kubelet-device-plugins' && s.connected === true && fromHost(s));
  if (registration) return { status: 'inconclusive', summary: `kubelet device-plugin registration socket ${registration.path} accepts connections: not a runtime API, but a plugin registered there decides mounts and devices of pods that request its resource` };
  const unnamed = socks.find((s) => s.connected === true && fromHost(s) && (s.runtime === 'grpc' || s.found === 'mount'));
  if (unnamed) return { status: 'inconclusive', summary: `host socket ${unnamed.path} is mounted and accepts connections; ${unnamed.runtime === 'grpc' ? 'it speaks gRPC (containerd/CRI-O?)' : 'its protocol was not identified'}` };
  if (typeof e.mountsScanned !== 'number') return { status: 'inconclusive', summary: 'mount table unreadable; sockets at unusual paths could not be ruled out' };
  const others = socks.length ? `; ${socks.length} other socket(s) found, none a runtime API` : '';
  return { status: 'holds', summary: `no runtime socket at well-known paths or among ${e.mountsScanned} mounts${others}` };
}

export default defineCheck<SocketEvidence>({
  id: 'runtime-socket-reachable',
  boundary: 'runtime-socket',
  title: 'Container runtime API socket reachable',
  rationale: 'Whoever can talk to the Docker, containerd, CRI-O or podman API can start a privileged container with the host root mounted: a full host takeover in one request. A read-only bind mount does not help: connect(2) ignores it.',
  method: 'Finds sockets at well-known paths, at every bind-mount point (any path, e.g. /tmp/x/d.sock), under mounted host directories, and under /proc/<pid>/root of a host process when a shared PID namespace and ptrace-read access make the host\'s root reachable there; names the runtime from the container and host paths, connects, listens for a gRPC greeting, and sends at most one read-only GET /_ping to Docker-like sockets.',
  remediation: 'Never mount a runtime socket or its directory into a workload (read-only does not protect). Use a dedicated, authorised API proxy if a tool really needs the runtime.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.007' },
    { framework: 'cis-docker-1.6', id: '5.32' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'EXPLOIT_CONTAINERD_SOCK' },
  ],
  async collect() {
    const mounts = await readMounts();
    const { sockets: found, dirsScanned } = await findSockets(mounts ?? []);
    // Runtime-named sockets first, then *.sock files: the 40 probed are the ones that matter.
    const rank = (f: FoundSocket) => (runtimeFromName(f.hostPath) ?? runtimeFromName(f.path) ? 0 : /\.sock$/.test(f.path) ? 1 : 2);
    const ordered = [...found].sort((a, b) => rank(a) - rank(b));
    const sockets = await Promise.all(ordered.slice(0, 40).map(async (f): Promise<SocketProbe> => {
      const named = runtimeFromName(f.hostPath) ?? runtimeFromName(f.path);
      // GET /_ping only where a Docker-style HTTP API may listen: named Docker/podman sockets and unnamed
      // `*.sock` files; never journald, D-Bus or syslog sockets (no .sock suffix), never gRPC servers (they greet first).
      const mayGet = named === 'docker' || named === 'podman' || (named === null && /\.sock$/.test(f.path));
      const id = await identifySocket({ path: f.path }, { getPath: mayGet ? '/_ping' : undefined, greetMs: 250, timeoutMs: 1500 });
      return { ...f, ...id, runtime: named ?? runtimeFromAnswer(id) ?? 'unknown' };
    }));
    return { sockets, mountsScanned: mounts?.length ?? null, dirsScanned, socketsFound: found.length };
  },
  evaluate: judge,
});
