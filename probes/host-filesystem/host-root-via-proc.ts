/** Is the host's file system (or another container's) reachable through /proc/<pid>/root, without any mount? */
import { defineCheck, type Evidence } from '../model.js';
import { readLink } from '../lib/fs.js';
import { scanForeignRoots, type ForeignRoot, type ForeignRootScan } from '../lib/foreign-root.js';
import { readSelfState } from '../lib/self.js';
import { INITIAL_NS_INODES, nsInode } from '../lib/ns.js';
import * as s from '../lib/shape.js';

interface ProcRootEvidence extends Evidence, ForeignRootScan {
  /** readlink /proc/self/ns/pid of the probe. */
  ownPidNs: string | null;
  /** Real uid of the probe (first field of Uid:), null when unknown. */
  uid: number | null;
  /** CAP_SYS_PTRACE in the probe's effective and bounding sets (root in this container gets the bounding set). */
  sysPtrace: { effective: boolean | null; bounding: boolean | null };
}

/** `node` when the root holds a container runtime's state, or is PID 1 of the host PID namespace; else another container's. */
export function rootKind(r: ForeignRoot, ownPidNs: string | null): 'node' | 'container' {
  if (r.runtimeState.length > 0) return 'node';
  return r.pid === 1 && nsInode(ownPidNs) === INITIAL_NS_INODES.pid ? 'node' : 'container';
}

const show = (r: ForeignRoot) => `/proc/${r.pid}/root (${r.comm ?? '?'}${r.runtimeState.length ? `; holds ${r.runtimeState.slice(0, 3).join(', ')}` : ''})`;

export default defineCheck<ProcRootEvidence>({
  id: 'host-root-via-proc',
  boundary: 'host-filesystem',
  title: 'Host root reachable through /proc/<pid>/root',
  rationale: 'With a shared host PID namespace and ptrace-read access to a host process (CAP_SYS_PTRACE, privileged, or the same uid with no more capabilities than the probe), /proc/<pid>/root is that process\'s root directory: the host\'s whole file system (or another container\'s), readable and often writable without any mount (EXPLOIT_HOST_READ/WRITE).',
  method: 'stat()s /proc/<pid>/root/ of up to 256 visible processes (lowest pids first) and compares it with the probe\'s own / by device and inode; for a foreign root, lists its top directory and looks for a container runtime\'s state (var/lib/docker, var/lib/containerd, var/lib/kubelet, run/containerd). Reads only.',
  remediation: 'Do not share the host PID namespace (hostPID / --pid=host), and never combine it with CAP_SYS_PTRACE or privileged; run workloads as non-root with every capability dropped.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.001' },
    { framework: 'cis-docker-1.6', id: '5.16' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.3' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'kubehound', id: 'CE_SYS_PTRACE' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_READ' },
  ],
  evidence: s.object({
    ownRoot: s.nullable(s.string({ max: 64, pattern: /^\d+:\d+$/ })),
    pidsVisible: s.nullable(s.int(0, 4_194_304)),
    pidsTried: s.int(0, 4_194_304),
    refused: s.int(0, 4_194_304),
    roots: s.array(s.object({
      pid: s.int(1, 4_194_304),
      comm: s.nullable(s.string({ max: 64 })),
      mntNs: s.nullable(s.string({ max: 64 })),
      pidNs: s.nullable(s.string({ max: 64 })),
      rootId: s.string({ max: 64, pattern: /^\d+:\d+$/ }),
      names: s.nullable(s.array(s.string({ max: 255 }), { max: 64 })),
      runtimeState: s.array(s.string({ max: 64 }), { max: 16 }),
    }), { max: 4 }),
    ownPidNs: s.nullable(s.string({ max: 64 })),
    uid: s.nullable(s.int(0, 4294967295)),
    sysPtrace: s.object({ effective: s.nullable(s.boolean()), bounding: s.nullable(s.boolean()) }),
  }),
  async collect() {
    const [scan, ownPidNs, self] = await Promise.all([scanForeignRoots(), readLink('/proc/self/ns/pid'), readSelfState()]);
    const uid = self.uid === null ? null : Number(self.uid.split(/\s+/)[0]);
    return {
      ...scan, ownPidNs, uid: Number.isInteger(uid) ? uid : null,
      sysPtrace: { effective: self.effective?.includes('SYS_PTRACE') ?? null, bounding: self.bounding?.includes('SYS_PTRACE') ?? null },
    };
  },
  evaluate(e) {
    if (!Array.isArray(e.roots) || typeof e.refused !== 'number' || typeof e.pidsTried !== 'number' || !e.sysPtrace || typeof e.sysPtrace !== 'object') return { status: 'inconclusive', summary: 'evidence missing or malformed' };
    if (e.ownRoot === null) return { status: 'inconclusive', summary: 'could not stat the probe\'s own / to compare roots' };
    if (e.pidsVisible === null) return { status: 'inconclusive', summary: '/proc could not be listed' };
    const node = e.roots.filter((r) => rootKind(r, e.ownPidNs) === 'node');
    if (node.length > 0) return { status: 'broken', summary: `the host's root file system is reachable without a mount at ${node.slice(0, 2).map(show).join(', ')}` };
    if (e.roots.length > 0) return { status: 'broken', summary: `another container's root file system is reachable without a mount at ${e.roots.slice(0, 2).map(show).join(', ')}` };
    if (e.refused === 0) return { status: 'holds', summary: `no other root among ${e.pidsVisible} visible process(es): each shares the probe's /` };
    if (e.uid === 0) return { status: 'holds', summary: `${e.refused} of ${e.pidsTried} process(es) with another root refuse ptrace-read access to root in this container (CAP_SYS_PTRACE ${e.sysPtrace.effective === true ? 'held' : 'not held'})` };
    const ptrace = e.sysPtrace.bounding === true ? 'root in this container would hold CAP_SYS_PTRACE (bounding set)' : 'root in this container may pass the ptrace check for other root processes';
    return { status: 'inconclusive', summary: `${e.refused} process(es) with another root refused uid ${e.uid ?? '?'}; ${ptrace}` };
  },
});
