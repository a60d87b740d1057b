/** Is a container runtime API socket reachable from inside the probe? */
import { promises as fs } from 'node:fs';
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readMounts } from '../lib/mounts.js';
import { readText } from '../lib/fs.js';
import { parseStatus } from '../lib/proc.js';
import { readSelfState, readUserNamespaced } from '../lib/self.js';
import { findSockets, mayGetPing, runtimeFromAnswer, runtimeFromName, RUNTIME_KINDS, type FoundSocket, type RuntimeKind } from '../lib/runtime-sockets.js';
import { identifySocket, type SocketIdentity } from '../lib/sockprobe.js';
import { judgeDenial, type ProberFacts, type SocketStat } from '../lib/socket-access.js';
import { DEFAULT_WALK_LIMITS, type WalkReport } from '../lib/socket-walk.js';
import * as s from '../lib/shape.js';

const path = s.string({ max: 4096 });
const caps = s.nullable(s.array(s.string({ max: 40 }), { max: 64 }));
const contract = s.object({
  sockets: s.array(s.object({
    path,
    found: s.oneOf('mount', 'mounted-dir', 'well-known', 'host-pid-root'),
    hostPath: s.optional(path),
    connected: s.boolean(),
    error: s.optional(s.string({ max: 200 })),
    greetingHex: s.optional(s.string({ max: 48, pattern: /^[0-9a-f]*$/ })),
    http2: s.optional(s.boolean()),
    http: s.optional(s.object({ statusLine: s.string({ max: 200 }), headers: s.record(s.string({ max: 200 }), { max: 20 }), body: s.string({ max: 1024 }) })),
    runtime: s.oneOf(...RUNTIME_KINDS),
    stat: s.nullable(s.object({ mode: s.int(0, 0o7777), uid: s.int(0, 4294967295), gid: s.int(0, 4294967295) })),
  }), { max: 40 }),
  // A container has at least its root mount: 0 would be a table that was not read.
  mountsScanned: s.nullable(s.int(1, 100000)),
  dirsScanned: s.array(path, { max: 10000 }),
  socketsFound: s.int(0, 10000000),
  walk: s.object({
    complete: s.boolean(),
    entriesSeen: s.int(0, 10000000),
    limits: s.object({ entries: s.int(1, 10000000), depth: s.int(1, 1000), timeMs: s.int(1, 600000) }),
    stoppedBy: s.array(s.oneOf('entries', 'depth', 'time', 'unreadable'), { max: 4 }),
    notListed: s.array(path, { max: 10 }),
  }),
  prober: s.object({
    uid: s.nullable(s.int(0, 4294967295)),
    gids: s.nullable(s.array(s.int(0, 4294967295), { max: 1024 })),
    effective: caps,
    bounding: caps,
    userNamespaced: s.nullable(s.boolean()),
    lsmLabel: s.nullable(s.string({ max: 200 })),
  }),
});

/** One socket found and what it answered. */
interface SocketProbe extends FoundSocket, SocketIdentity {
  /** Runtime named by the socket's path, or by its answer (passive HTTP/2 greeting, or the GET a named Docker/podman socket got). */
  runtime: RuntimeKind;
  /** Owner, group and mode of the socket file (to explain a refused connect). */
  stat: SocketStat | null;
}

interface SocketEvidence extends Evidence {
  sockets: SocketProbe[];
  mountsScanned: number | null;
  dirsScanned: string[];
  /** Sockets found; only the first MAX_PROBED are probed. */
  socketsFound: number;
  /** How far the walk of mounted host directories got: an incomplete walk rules nothing out. */
  walk: WalkReport;
  prober: ProberFacts;
}

/** How many sockets are connected to (runtime-named first). */
const MAX_PROBED = 40;
/** Kinds that are container runtime APIs: a host takeover for whoever talks to them. */
const RUNTIMES: readonly RuntimeKind[] = ['docker', 'podman', 'containerd', 'containerd-ttrpc', 'containerd-shim', 'cri-o', 'cri-dockerd'];
/** Connect errors that show nothing listens for a stream client: a stale file, a datagram socket. */
const NOT_LISTENING = ['ECONNREFUSED', 'EPROTOTYPE', 'ENOENT', 'ENOTSOCK'];
const fromHost = (s: SocketProbe) => s.found === 'mount' || s.found === 'mounted-dir' || s.found === 'host-pid-root';
const label = (s: SocketProbe) => `${s.runtime} socket ${s.path}${s.found === 'host-pid-root' ? ` (host ${s.hostPath ?? 'path unknown'}, through a host process's root)` : s.hostPath && s.hostPath !== s.path ? ` (host ${s.hostPath})` : ''}`;

function judge(e: SocketEvidence): Verdict {
  const socks = e.sockets.filter((s) => s && typeof s.path === 'string');
  if (socks.length !== e.sockets.length || socks.some((s) => !RUNTIME_KINDS.includes(s.runtime) || typeof s.connected !== 'boolean')) {
    return { status: 'inconclusive', summary: 'malformed socket evidence' };
  }
  const runtime = socks.filter((s) => RUNTIMES.includes(s.runtime));
  const open = runtime.find((s) => s.connected);
  if (open) {
    const answer = open.http ? `; GET /_ping: ${open.http.statusLine}${open.http.headers?.server ? `, ${open.http.headers.server}` : ''}` : open.http2 ? '; speaks HTTP/2 (gRPC)' : '';
    return { status: 'broken', summary: `${label(open)} accepts connections${answer}` };
  }
  const notes: string[] = [];
  for (const s of runtime.filter((r) => fromHost(r) && (r.error === 'EACCES' || r.error === 'EPERM'))) {
    const d = judgeDenial(s.stat, e.prober);
    if (d.kind === 'root-could') return { status: 'broken', summary: `${label(s)} is mounted from the host; connect gave ${s.error}: ${d.why}` };
    if (d.kind === 'unknown') return { status: 'inconclusive', summary: `${label(s)} refused connect with ${s.error}: ${d.why}` };
    notes.push(`${s.path} refused (${d.kind === 'lsm' ? 'by the LSM policy' : 'to every process of the container'})`);
  }
  const stale = runtime.find((s) => !s.connected && s.error !== 'EACCES' && s.error !== 'EPERM');
  if (stale) return { status: 'inconclusive', summary: `${label(stale)} present but connect failed (${stale.error ?? 'unknown error'})` };
  const unjudged = runtime.find((s) => !fromHost(s) && !s.connected);
  if (unjudged) return { status: 'inconclusive', summary: `${label(unjudged)} refused connect (${unjudged.error ?? '?'})` };
  // The kubelet's device-plugin registration: a fake plugin could have the kubelet add host mounts and devices to pods asking for its resource.
  const registration = socks.find((s) => s.runtime === 'kubelet-device-plugins' && s.connected && fromHost(s));
  if (registration) return { status: 'inconclusive', summary: `kubelet device-plugin registration socket ${registration.path} accepts connections: not a runtime API, but a plugin registered there decides mounts and devices of pods that request its resource` };
  // A host socket nobody could name: no bytes were sent to identify it, so it is not ruled out.
  const unnamed = socks.find((s) => fromHost(s) && (s.runtime === 'grpc' || s.runtime === 'unknown') && !NOT_LISTENING.includes(s.error ?? ''));
  if (unnamed) {
    const how = unnamed.connected ? (unnamed.runtime === 'grpc' ? 'accepts connections and greets in HTTP/2 (gRPC: containerd or CRI-O?)' : 'accepts connections; its protocol is not identified (escapekit sends no bytes to an unidentified socket)') : `refused connect with ${unnamed.error ?? '?'} (root in the container may differ)`;
    return { status: 'inconclusive', summary: `host socket ${unnamed.path}${unnamed.hostPath && unnamed.hostPath !== unnamed.path ? ` (host ${unnamed.hostPath})` : ''} ${how}` };
  }
  if (e.mountsScanned === null) return { status: 'inconclusive', summary: 'mount table unreadable; sockets at unusual paths could not be ruled out' };
  if (!e.walk.complete) return { status: 'inconclusive', summary: `walk of mounted host directories stopped (${e.walk.stoppedBy.join(', ')}; ${e.walk.entriesSeen} entries, first not listed: ${e.walk.notListed[0] ?? '?'}): sockets below are not ruled out` };
  if (e.socketsFound > socks.length) return { status: 'inconclusive', summary: `${e.socketsFound} sockets found, only ${socks.length} probed` };
  const others = socks.length ? `; ${socks.length} socket(s) found, ${notes.length ? `runtime sockets refused: ${notes.join(', ')}` : 'none a runtime API'}` : '';
  return { status: 'holds', summary: `no runtime socket at well-known paths or among ${e.mountsScanned} mounts (${e.dirsScanned.length} host directories walked in full)${others}` };
}

/** The probe's identity, capabilities and LSM label: what a refused connect is judged against. */
async function readProber(): Promise<ProberFacts> {
  const [status, self, userNamespaced, attr] = await Promise.all([readText('/proc/self/status'), readSelfState(), readUserNamespaced(), readText('/proc/self/attr/current', 4096)]);
  const f = status.ok ? parseStatus(status.text) : {};
  const ids = (v: string | undefined) => (v === undefined ? null : v.split(/\s+/).filter((x) => /^\d+$/.test(x)).map(Number));
  const uid = ids(f.Uid)?.[1] ?? null;
  const gid = ids(f.Gid)?.[1];
  const groups = ids(f.Groups);
  const lsm = attr.ok ? attr.text.replace(/\0/g, '').trim() : '';
  return {
    uid,
    gids: gid === undefined || groups === null ? null : [...new Set([gid, ...groups])],
    effective: self.effective,
    bounding: self.bounding,
    userNamespaced,
    lsmLabel: lsm ? lsm.slice(0, 200) : null,
  };
}

async function statOf(path: string): Promise<SocketStat | null> {
  try {
    const s = await fs.stat(path);
    return { mode: s.mode & 0o7777, uid: s.uid, gid: s.gid };
  } catch {
    return null;
  }
}

export default defineCheck<SocketEvidence>({
  id: 'runtime-socket-reachable',
  boundary: 'runtime-socket',
  title: 'Container runtime API socket reachable',
  rationale: 'Whoever can talk to the Docker, containerd, CRI-O or podman API can start a privileged container with the host root mounted: a full host takeover in one request. A read-only bind mount does not help: connect(2) ignores it.',
  method: 'Finds sockets at well-known paths, at every bind-mount point (any path, e.g. /tmp/x/d.sock), under mounted host directories (breadth-first walk, bounded by entries, depth and time, and reported as incomplete when stopped) and under /proc/<pid>/root of a host process when a shared PID namespace and ptrace-read access make the host\'s root reachable there. Names the runtime from the container and host paths; connects to each socket and listens passively for a gRPC greeting; sends one read-only GET /_ping only to sockets named docker.sock or podman.sock, never a byte to an unidentified socket. A refused connect is judged from the socket\'s owner and mode against the probe\'s ids, capabilities, user namespace and LSM label.',
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
  evidence: contract,
  async collect(ctx) {
    const mounts = await readMounts();
    // The walk and the connects share the check's budget (3 s by default) on a node that may be busy.
    const limits = { ...DEFAULT_WALK_LIMITS, timeMs: Math.max(200, Math.min(DEFAULT_WALK_LIMITS.timeMs, Math.floor(ctx.timeoutMs * 0.2))) };
    const connectMs = Math.max(300, Math.min(1500, Math.floor(ctx.timeoutMs * 0.3)));
    const [{ sockets: found, dirsScanned, walk }, prober] = await Promise.all([findSockets(mounts ?? [], limits), readProber()]);
    // Runtime-named sockets first, then *.sock files: the ones probed are the ones that matter.
    const rank = (f: FoundSocket) => (runtimeFromName(f.hostPath) ?? runtimeFromName(f.path) ? 0 : /\.sock$/.test(f.path) ? 1 : 2);
    const ordered = [...found].sort((a, b) => rank(a) - rank(b));
    const sockets = await Promise.all(ordered.slice(0, MAX_PROBED).map(async (f): Promise<SocketProbe> => {
      const named = runtimeFromName(f.hostPath) ?? runtimeFromName(f.path);
      const [id, stat] = await Promise.all([identifySocket({ path: f.path }, { getPath: mayGetPing(named) ? '/_ping' : undefined, greetMs: 150, timeoutMs: connectMs }), statOf(f.path)]);
      return { ...f, ...id, runtime: named ?? runtimeFromAnswer(id) ?? 'unknown', stat };
    }));
    return { sockets, mountsScanned: mounts?.length ?? null, dirsScanned, socketsFound: found.length, walk, prober };
  },
  evaluate: judge,
});
