/** Is a container runtime API socket reachable from inside the probe? */
import { defineCheck, type Evidence } from '../model.js';
import { listDir, statType } from '../lib/fs.js';
import { readMounts } from '../lib/mounts.js';
import { httpGet, tryConnect } from '../lib/net.js';

/** Well-known runtime socket locations (Docker, containerd, CRI-O, podman, cri-dockerd, k3s). */
const WELL_KNOWN = [
  '/var/run/docker.sock', '/run/docker.sock', '/var/run/docker/docker.sock',
  '/run/containerd/containerd.sock', '/var/run/containerd/containerd.sock', '/run/k3s/containerd/containerd.sock',
  '/var/run/dockershim.sock', '/run/cri-dockerd.sock', '/var/run/cri-dockerd.sock',
  '/run/crio/crio.sock', '/var/run/crio/crio.sock',
  '/run/podman/podman.sock', '/var/run/podman/podman.sock',
];

interface SocketProbe {
  path: string;
  found: 'well-known' | 'mount' | 'mounted-dir';
  connected: boolean;
  error?: string;
  /** Status line of `GET /_ping` when the socket speaks HTTP (Docker, podman). */
  ping?: string;
  apiVersion?: string;
}

interface SocketEvidence extends Evidence {
  sockets: SocketProbe[];
  mountsScanned: number | null;
}

async function candidatePaths(): Promise<Map<string, SocketProbe['found']>> {
  const found = new Map<string, SocketProbe['found']>();
  const mounts = (await readMounts()) ?? [];
  for (const m of mounts) {
    const type = await statType(m.mountPoint);
    if (type === 'socket') found.set(m.mountPoint, 'mount');
    else if (type === 'dir' && /\b(run|sock|docker|containerd|crio|podman)\b/.test(m.root) && m.root !== '/') {
      // A host runtime directory bind-mounted in: look one and two levels down for sockets.
      for (const entry of (await listDir(m.mountPoint)) ?? []) {
        const p = `${m.mountPoint.replace(/\/$/, '')}/${entry}`;
        const t = await statType(p);
        if (t === 'socket') found.set(p, 'mounted-dir');
        else if (t === 'dir') for (const sub of ((await listDir(p)) ?? []).slice(0, 50)) if ((await statType(`${p}/${sub}`)) === 'socket') found.set(`${p}/${sub}`, 'mounted-dir');
      }
    }
  }
  for (const p of WELL_KNOWN) if (!found.has(p) && (await statType(p)) === 'socket') found.set(p, 'well-known');
  return found;
}

export default defineCheck<SocketEvidence>({
  id: 'runtime-socket-reachable',
  boundary: 'runtime-socket',
  title: 'Container runtime API socket reachable',
  rationale: 'Whoever can talk to the Docker, containerd, CRI-O or podman API can start a privileged container with the host root mounted: a full host takeover in one request.',
  method: 'Finds sockets at well-known paths and at every mount point (including sockets mounted at unusual paths and host runtime directories), connects, and sends a read-only GET /_ping.',
  remediation: 'Never mount a runtime socket or its directory into a workload. Use a dedicated, authorised API proxy if a tool really needs the runtime.',
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
    const sockets: SocketProbe[] = [];
    for (const [path, found] of await candidatePaths()) {
      const conn = await tryConnect({ path }, 800);
      const probe: SocketProbe = { path, found, connected: conn.connected };
      if (!conn.connected) probe.error = conn.error;
      else {
        const ping = await httpGet({ path }, '/_ping', 1000);
        if (ping.ok) {
          probe.ping = ping.statusLine;
          const header = /Api-Version:\s*([^\r\n]+)/i.exec(ping.statusLine);
          if (header) probe.apiVersion = header[1];
        }
      }
      sockets.push(probe);
    }
    return { sockets, mountsScanned: mounts?.length ?? null };
  },
  evaluate(e) {
    const reachable = e.sockets.filter((s) => s.connected);
    if (reachable.length > 0) {
      const s = reachable[0];
      return { status: 'broken', summary: `runtime socket ${s.path} accepts connections${s.ping ? ` (GET /_ping: ${s.ping})` : ''}` };
    }
    if (e.sockets.length > 0) {
      const s = e.sockets[0];
      return { status: 'inconclusive', summary: `runtime socket present at ${s.path} but connect failed (${s.error}); a process with the socket owner's uid/gid could use it` };
    }
    if (e.mountsScanned === null) return { status: 'inconclusive', summary: 'mount table unreadable; sockets at unusual paths could not be ruled out' };
    return { status: 'holds', summary: `no runtime socket at well-known paths or among ${e.mountsScanned} mounts` };
  },
});
