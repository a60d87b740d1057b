/** Does the probe share the host's PID namespace? */
import { defineCheck, type Evidence } from '../model.js';
import { listDir, readLink, readText, readTrimmed } from '../lib/fs.js';
import { ancestryShape, pidNamespaceOwner, readAncestry, type AncestorLink } from '../lib/pid-ancestry.js';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReferenceEvidence } from '../lib/node-reference.js';
import * as s from '../lib/shape.js';

/** Inode of the initial (host) PID namespace on Linux (PROC_PID_INIT_INO). */
export const HOST_PID_NS_INODE = 4026531836;

/** What /proc/2/status showed: no PID 2 in this namespace, a read error, or its name and parent. */
type Pid2 = { outcome: 'absent' } | { outcome: 'unreadable'; error: string } | { outcome: 'read'; name: string; ppid: string };

interface PidEvidence extends Evidence {
  /** Link of /proc/self/ns/pid; null when it could not be read. */
  pidNamespace: string | null;
  processCount: number | null;
  pid1Cmdline: string | null;
  pid2: Pid2;
  /** The probe's chain of parents (itself first): proves whose PID namespace this is. */
  ancestry: AncestorLink[];
  /** The runner's reading of the hosts' PID namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference: NodeReferenceEvidence;
}

const pid2Shape = s.union(
  s.object({ outcome: s.oneOf('absent') }),
  s.object({ outcome: s.oneOf('unreadable'), error: s.string({ max: 200 }) }),
  s.object({ outcome: s.oneOf('read'), name: s.string({ max: 64 }), ppid: s.string({ max: 20 }) }),
);

/** Reads PID 2's name and parent; only ENOENT means there is no PID 2. */
async function readPid2(): Promise<Pid2> {
  const r = await readText('/proc/2/status', 4096);
  if (!r.ok) return r.error === 'ENOENT' || r.error === 'ESRCH' ? { outcome: 'absent' } : { outcome: 'unreadable', error: r.error.slice(0, 200) };
  const field = (name: string) => r.text.split('\n').find((l) => l.startsWith(`${name}:`))?.split(':')[1]?.trim();
  const name = field('Name');
  const ppid = field('PPid');
  return name !== undefined && ppid !== undefined ? { outcome: 'read', name: name.slice(0, 64), ppid: ppid.slice(0, 20) } : { outcome: 'unreadable', error: 'no Name or PPid line in /proc/2/status' };
}

export default defineCheck<PidEvidence>({
  id: 'host-pid-namespace',
  boundary: 'host-pid',
  title: 'Host PID namespace shared',
  rationale: 'In the host PID namespace a container sees every host process, can read their environment and /proc/<pid>/root, and with SYS_PTRACE or nsenter-like access can step into them (CE_NSENTER).',
  method: 'Compares the inode of /proc/self/ns/pid with the initial PID namespace inode, looks for kernel threads (kthreadd as PID 2), which only the host namespace shows, compares with the host namespaces the runner read from outside (kind: each node container\'s init; Docker: a reference container in the engine\'s host namespaces; unread: inconclusive, since a host that is itself a container has non-initial ones), and follows the probe\'s chain of parents: a visible ancestor in another mount namespace (the runtime\'s shim, a node\'s init) means the runtime\'s namespace (a node that is itself a container, e.g. kind); holds needs the chain to end at PPid 0 inside the container\'s mount namespace.',
  remediation: 'Do not set hostPID: true / --pid=host.',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'cis-docker-1.6', id: '5.16' },
    { framework: 'cis-kubernetes', id: '5.2.3' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'kubehound', id: 'CE_NSENTER' },
  ],
  evidence: s.object({
    pidNamespace: s.nullable(s.string({ max: 100, pattern: /^pid:\[\d+\]$/ })),
    processCount: s.nullable(s.int()),
    pid1Cmdline: s.nullable(s.string({ max: 200 })),
    pid2: pid2Shape,
    ancestry: ancestryShape,
    nodeReference: nodeReferenceShape('pid'),
  }),
  async collect(ctx) {
    const [ns, procs, pid1, pid2, ancestry] = await Promise.all([
      readLink('/proc/self/ns/pid'),
      listDir('/proc'),
      readTrimmed('/proc/1/cmdline'),
      readPid2(),
      readAncestry(),
    ]);
    return {
      pidNamespace: ns,
      processCount: procs ? procs.filter((p) => /^\d+$/.test(p)).length : null,
      pid1Cmdline: pid1?.replace(/\0/g, ' ').trim().slice(0, 200) ?? null,
      pid2,
      ancestry,
      nodeReference: referenceFor(ctx.nodeReference, 'pid'),
    };
  },
  evaluate(e) {
    if (!e || typeof e !== 'object') return { status: 'inconclusive', summary: 'no evidence' };
    const inode = Number(/\[(\d+)\]/.exec(typeof e.pidNamespace === 'string' ? e.pidNamespace : '')?.[1] ?? NaN);
    const pid2 = e.pid2;
    const kthreadd = pid2?.outcome === 'read' && pid2.name === 'kthreadd' && pid2.ppid === '0';
    if (inode === HOST_PID_NS_INODE) return { status: 'broken', summary: `PID namespace is the host's (${e.pidNamespace}); ${e.processCount ?? '?'} processes visible, PID 1: ${e.pid1Cmdline ?? '?'}` };
    if (kthreadd) return { status: 'broken', summary: `kernel threads visible (kthreadd is PID 2): host PID namespace; PID 1: ${e.pid1Cmdline ?? '?'}` };
    const node = matchNode(e.nodeReference, e.pidNamespace);
    if (node.match === 'node') return { status: 'broken', summary: `PID namespace ${e.pidNamespace} is the one of host ${node.node} (itself a container: not the initial namespace, still the host's); ${e.processCount ?? '?'} processes visible, PID 1: ${e.pid1Cmdline ?? '?'}` };
    const owner = pidNamespaceOwner(e.ancestry);
    if (owner.owner === 'runtime') return { status: 'broken', summary: `${owner.reason}: the PID namespace is the one the runtime runs in (${e.pidNamespace ?? 'namespace unknown'}), host or node processes are visible` };
    if (!Number.isFinite(inode)) return { status: 'inconclusive', summary: 'could not read /proc/self/ns/pid' };
    // Holds only when PID 2 is known (absent, or read and not kthreadd) and the ancestry proves the namespace is the container's.
    if (pid2?.outcome === 'unreadable') return { status: 'inconclusive', summary: `PID namespace ${e.pidNamespace} is not the initial one, but /proc/2/status could not be read (${pid2.error}): kernel threads not ruled out` };
    if (pid2?.outcome !== 'absent' && pid2?.outcome !== 'read') return { status: 'inconclusive', summary: 'PID 2 not examined' };
    if (owner.owner !== 'own') return { status: 'inconclusive', summary: `PID namespace ${e.pidNamespace} is not the initial one, but ${owner.reason}: a node that is itself a container is not ruled out` };
    const second = pid2.outcome === 'read' ? `PID 2 is ${pid2.name}` : 'no PID 2';
    return { status: 'holds', summary: `PID namespace ${e.pidNamespace} is not the host's or the runtime's: ${owner.reason}; ${e.processCount ?? '?'} processes visible, ${second}, no kernel threads` };
  },
});
