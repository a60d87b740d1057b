/** Does the probe share the host's IPC namespace (SysV IPC, POSIX message queues)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readLink, readText, readTrimmed } from '../lib/fs.js';
import { readMounts } from '../lib/mounts.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReferenceEvidence } from '../lib/node-reference.js';
import { isSentryOwn } from '../lib/sentry.js';
import { isRuntimeShm } from '../lib/shm.js';
import { readSandbox } from '../environment.js';
import * as s from '../lib/shape.js';

/** The mount in effect at /dev/shm, or why there is none to show. */
type DevShm =
  | { outcome: 'mounted'; fsType: string; source: string; root: string; device: string; options: string[] }
  | { outcome: 'not-mounted' }
  | { outcome: 'mounts-unreadable' };

interface IpcEvidence extends Evidence {
  /** Link of /proc/self/ns/ipc; null when it could not be read. */
  ipcNamespace: string | null;
  /** Objects listed in /proc/sysvipc/{shm,sem,msg} (null when unreadable). */
  sysvObjects: { shm: number | null; sem: number | null; msg: number | null };
  /** Where /dev/shm comes from: a host bind shows a host device and a non-root path. */
  devShm: DevShm;
  /** PID 1's name and IPC namespace (null: unreadable): with host PID shared, a node's init sharing our namespace. */
  pid1: { comm: string | null; ipcNamespace: string | null };
  /** The runner's reading of the hosts' IPC namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference: NodeReferenceEvidence;
  /** The sandbox runtime detected from inside (environment.ts): gVisor's sentry implements IPC itself. */
  sandbox: string | null;
}

/** Init processes of a host or of a node that is itself a container (kind). */
const NODE_INIT = /^(systemd|init)$/;

/** What readlink(2) of an IPC namespace link returns. */
const IPC_LINK = /^ipc:\[\d+\]$/;

const count = (text: string) => text.split('\n').slice(1).filter((l) => l.trim()).length;

function judge(e: IpcEvidence): Verdict {
  const initial = isInitialNamespace('ipc', nsInode(e?.ipcNamespace));
  const o = e?.sysvObjects ?? { shm: null, sem: null, msg: null };
  const objects = `${o.shm ?? '?'} shm, ${o.sem ?? '?'} sem, ${o.msg ?? '?'} msg SysV objects`;
  if (initial === true) return { status: 'broken', summary: `IPC namespace is the host's (${e.ipcNamespace}); ${objects} of the host visible` };
  // On a node that is itself a container (kind) the node's namespace is not the initial one: compare with the node's, as the runner read it.
  const node = matchNode(e?.nodeReference, e?.ipcNamespace);
  if (node.match === 'node') return { status: 'broken', summary: `IPC namespace ${e.ipcNamespace} is the one of host ${node.node} (itself a container: not the initial namespace, still the host's); ${objects} visible` };
  // Or with a visible node init (host PID shared).
  const p1 = e?.pid1;
  const nodeInit = typeof p1?.comm === 'string' && NODE_INIT.test(p1.comm);
  if (p1 && nodeInit && p1.ipcNamespace && p1.ipcNamespace === e.ipcNamespace) {
    return { status: 'broken', summary: `IPC namespace ${e.ipcNamespace} is the one of the node's init (${p1.comm}, PID 1); ${objects} visible` };
  }
  if (initial === false) {
    if (node.match === 'unknown') return { status: 'inconclusive', summary: `IPC namespace ${e.ipcNamespace} is not the initial one, but ${node.reason} (a host that is itself a container has a non-initial one): it may be the host's` };
    // Without the nodes' namespaces, PID 1 must be known: either not an init, or an init in another IPC namespace.
    if (node.match === 'no-reference') {
      if (typeof p1?.comm !== 'string') return { status: 'inconclusive', summary: `own IPC namespace (${e.ipcNamespace}), but PID 1's name is unknown: a node's init sharing it is not ruled out` };
      if (nodeInit && nsInode(p1.ipcNamespace) === null) return { status: 'inconclusive', summary: `own IPC namespace (${e.ipcNamespace}), but PID 1 is ${p1.comm} and its IPC namespace is unreadable: it may be the node's` };
    }
    const shm = e.devShm;
    if (shm?.outcome === 'mounts-unreadable') return { status: 'inconclusive', summary: `own IPC namespace (${e.ipcNamespace}), but the mount table is unreadable: /dev/shm may be the host's` };
    // POSIX shared memory lives in /dev/shm: a private IPC namespace does not help if that is the host's tmpfs.
    if (shm?.outcome === 'mounted' && !isRuntimeShm(shm)) {
      return { status: 'inconclusive', summary: `own IPC namespace (${e.ipcNamespace}), but /dev/shm is not the runtime's private shm (${shm.fsType} from '${shm.source}', ${Array.isArray(shm.options) ? (shm.options.includes('noexec') ? 'noexec' : 'exec allowed') : 'options unknown'}): possibly the host's /dev/shm and its POSIX shared memory` };
    }
    if (shm?.outcome !== 'mounted' && shm?.outcome !== 'not-mounted') return { status: 'inconclusive', summary: `own IPC namespace (${e.ipcNamespace}), but /dev/shm was not examined` };
    const notNode = node.match === 'none' ? `, none of the ${e.nodeReference.nodes.length} hosts' the runner read (${e.nodeReference.nodes.slice(0, 3).map((n) => n.namespace).join(', ')})` : ' (no host reference from the runner)';
    return { status: 'holds', summary: `own IPC namespace (${e.ipcNamespace}${notNode}); ${objects} (the container's or its pod's own); /dev/shm is ${shm.outcome === 'mounted' ? 'the runtime\'s private shm' : 'no mount of its own (a directory of the container\'s file system)'}` };
  }
  if (e?.sandbox === 'gvisor') return insideGvisor(e);
  return { status: 'inconclusive', summary: `IPC namespace unreadable or unrecognised (${e?.ipcNamespace ?? 'no link'})` };
}

/**
 * Inside gVisor (no namespace link to compare): SysV IPC and POSIX message queues are the sentry's,
 * no IPC syscall reaches the host kernel; the host's IPC is reachable only as files in /dev/shm, so
 * that must be the sentry's own tmpfs (a gofer 9p mount there is a host directory: --ipc=host binds the host's /dev/shm).
 */
function insideGvisor(e: IpcEvidence): Verdict {
  const shm = e.devShm;
  if (shm?.outcome === 'not-mounted') return { status: 'holds', summary: 'inside gVisor: SysV IPC and message queues are the sentry\'s own; /dev/shm is no mount of its own (a directory of the container\'s file system)' };
  if (shm?.outcome !== 'mounted') return { status: 'inconclusive', summary: `inside gVisor, but /dev/shm was not examined (${shm?.outcome ?? 'no evidence'})` };
  if (!isSentryOwn({ fsType: shm.fsType }, e.sandbox)) return { status: 'inconclusive', summary: `inside gVisor, but /dev/shm is a ${shm.fsType} mount, not the sentry's own tmpfs: a host directory (possibly the host's /dev/shm and its POSIX shared memory)` };
  return { status: 'holds', summary: `inside gVisor: SysV IPC and message queues are the sentry's own (no IPC namespace link to compare); /dev/shm is the sentry's own ${shm.fsType}, not a gofer mount from the host` };
}

export default defineCheck<IpcEvidence>({
  id: 'host-ipc-namespace',
  boundary: 'host-ipc',
  title: 'Host IPC namespace shared',
  rationale: 'In the host IPC namespace a container reads and writes the host\'s SysV shared memory, semaphores and message queues and the host /dev/shm: data of host processes and other containers leaks or gets tampered with.',
  method: 'Compares /proc/self/ns/ipc with the fixed inode of the initial IPC namespace (0xEFFFFFFF) and, with the host namespaces the runner read from outside (kind: each node container\'s init; Docker: a reference container in the engine\'s host namespaces; unread: inconclusive, since a host that is itself a container has non-initial ones) and with the namespace of a visible node init; counts the SysV objects in /proc/sysvipc/*; in a private namespace, /dev/shm must be the runtime\'s private shm tmpfs (source shm, nosuid,nodev,noexec), else POSIX shared memory may be the host\'s (inconclusive). Inside gVisor (detected from evidence, no namespace link), IPC syscalls are the sentry\'s: holds when /dev/shm is the sentry\'s own tmpfs, not a gofer (9p) mount.',
  remediation: 'Do not set hostIPC: true / --ipc=host.',
  severity: 'medium',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.17' },
    { framework: 'cis-kubernetes', id: '5.2.4' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
  ],
  evidence: s.object({
    ipcNamespace: s.nullable(s.string({ max: 100, pattern: IPC_LINK })),
    sysvObjects: s.object({ shm: s.nullable(s.int()), sem: s.nullable(s.int()), msg: s.nullable(s.int()) }),
    devShm: s.union(
      s.object({ outcome: s.oneOf('mounted'), fsType: s.string({ max: 100 }), source: s.string({ max: 4096 }), root: s.string({ max: 4096 }), device: s.string({ max: 40 }), options: s.array(s.string({ max: 4096 }), { max: 200 }) }),
      s.object({ outcome: s.oneOf('not-mounted', 'mounts-unreadable') }),
    ),
    pid1: s.object({ comm: s.nullable(s.string({ max: 64 })), ipcNamespace: s.nullable(s.string({ max: 100, pattern: IPC_LINK })) }),
    nodeReference: nodeReferenceShape('ipc'),
    sandbox: s.nullable(s.string({ max: 40 })),
  }),
  async collect(ctx) {
    const [ns, shm, sem, msg, mounts, comm1, ns1, sandbox] = await Promise.all([
      readLink('/proc/self/ns/ipc'),
      readText('/proc/sysvipc/shm', 1024 * 1024),
      readText('/proc/sysvipc/sem', 1024 * 1024),
      readText('/proc/sysvipc/msg', 1024 * 1024),
      readMounts(),
      readTrimmed('/proc/1/comm'),
      readLink('/proc/1/ns/ipc'),
      readSandbox(),
    ]);
    // The last mount at /dev/shm is the one in effect.
    const m = mounts?.filter((x) => x.mountPoint === '/dev/shm').pop();
    return {
      ipcNamespace: ns,
      sysvObjects: { shm: shm.ok ? count(shm.text) : null, sem: sem.ok ? count(sem.text) : null, msg: msg.ok ? count(msg.text) : null },
      devShm: !mounts ? { outcome: 'mounts-unreadable' } : m ? { outcome: 'mounted', fsType: m.fsType, source: m.source, root: m.root, device: m.device, options: m.options.slice(0, 200) } : { outcome: 'not-mounted' },
      pid1: { comm: comm1?.slice(0, 64) ?? null, ipcNamespace: ns1 },
      nodeReference: referenceFor(ctx.nodeReference, 'ipc'),
      sandbox,
    };
  },
  evaluate: judge,
});
