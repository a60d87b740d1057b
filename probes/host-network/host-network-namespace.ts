/** Does the probe share the host's network namespace? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import * as s from '../lib/shape.js';
import { readLink, readText, readTrimmed } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReferenceEvidence } from '../lib/node-reference.js';
import { classifyInterfaces, hostUnixSockets, parseNetDev, parseNetUnix } from '../lib/netinfo.js';

interface NetNsEvidence extends Evidence {
  netNamespace: string | null;
  kernelRelease: string | null;
  interfaces: string[] | null;
  hostInterfaces: string[];
  unixSocketCount: number | null;
  /** Bound unix sockets whose path belongs to host daemons (systemd, dockerd, containerd, kubelet). */
  hostUnixSockets: string[];
  /** The runner's reading of the hosts' network namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference: NodeReferenceEvidence;
}

function judge(e: NetNsEvidence): Verdict {
  if (!e || !Array.isArray(e.hostInterfaces) || !Array.isArray(e.hostUnixSockets)) return { status: 'inconclusive', summary: 'no evidence' };
  const initial = isInitialNamespace('net', nsInode(e.netNamespace), e.kernelRelease);
  const signs = [...e.hostInterfaces.slice(0, 4), ...e.hostUnixSockets.slice(0, 3)].join(', ');
  if (initial === true) return { status: 'broken', summary: `network namespace is the host's initial one (${e.netNamespace})${signs ? `; visible: ${signs}` : ''}` };
  // A node that is itself a container (kind) has a non-initial namespace: host-only interfaces and
  // daemon sockets still show the pod shares its node's network. (Docker-in-Docker looks the same: a false broken, never a false holds.)
  const node = matchNode(e.nodeReference, e.netNamespace);
  if (node.match === 'node') return { status: 'broken', summary: `network namespace ${e.netNamespace} is the one of host ${node.node} (itself a container: not the initial namespace, still the host's)${signs ? `; visible: ${signs}` : ''}` };
  if (signs) return { status: 'broken', summary: `host network interfaces or daemon sockets visible: ${signs} (${e.netNamespace ?? 'namespace unknown'})` };
  if (node.match === 'unknown') return { status: 'inconclusive', summary: `network namespace ${e.netNamespace ?? '?'} shows no host interface or daemon socket, but ${node.reason} (a host that is itself a container has a non-initial one): it may be the host's` };
  // Holds needs the listings that would show a node's interfaces and daemon sockets.
  if (!Array.isArray(e.interfaces) || typeof e.unixSocketCount !== 'number') return { status: 'inconclusive', summary: `network namespace ${e.netNamespace ?? '?'}: /proc/net/dev or /proc/net/unix unreadable, host interfaces and daemon sockets not ruled out` };
  if (initial === false) return { status: 'holds', summary: `own network namespace (${e.netNamespace}, not the initial one${node.match === 'none' ? ', none of the hosts\' the runner read' : ''}), interfaces: ${e.interfaces.join(', ') || 'none'}, no host daemon socket among ${e.unixSocketCount} unix sockets` };
  // Kernels before 6.18 number the initial network namespace dynamically: judge by what is visible.
  return { status: 'holds', summary: `only container interfaces (${e.interfaces.join(', ')}) and no host daemon socket visible (inode not decisive on kernel ${e.kernelRelease ?? '?'})` };
}

export default defineCheck<NetNsEvidence>({
  id: 'host-network-namespace',
  boundary: 'host-network',
  title: 'Host network namespace shared',
  rationale: 'In the host network namespace a container reaches services bound to the host\'s loopback (kubelet, runtime APIs, databases), the containerd-shim abstract sockets (CVE-2020-15257), can sniff or spoof host traffic, and bypasses network policies.',
  method: 'Compares /proc/self/ns/net with the initial network namespace inode (0xEFFFFFF9, fixed since Linux 6.18), and, with the host namespaces the runner read from outside (kind: each node container\'s init; Docker: a reference container in the engine\'s host namespaces; unread: inconclusive, since a host that is itself a container has non-initial ones); looks for host-only interfaces in /proc/net/dev (docker0, veth*, cni0, physical NICs) and host daemon sockets in /proc/net/unix (both listings needed for holds).',
  remediation: 'Do not set hostNetwork: true / --net=host.',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.10' },
    { framework: 'cis-kubernetes', id: '5.2.5' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'nist-800-190', id: '4.4.2' },
  ],
  evidence: s.object({
    netNamespace: s.nullable(s.string({ max: 100 })),
    kernelRelease: s.nullable(s.string({ max: 200 })),
    interfaces: s.nullable(s.array(s.string({ max: 100 }), { max: 50 })),
    hostInterfaces: s.array(s.string({ max: 100 }), { max: 20 }),
    unixSocketCount: s.nullable(s.int(0, 100000000)),
    hostUnixSockets: s.array(s.string({ max: 4096 }), { max: 100 }),
    nodeReference: nodeReferenceShape('net'),
  }),
  async collect(ctx) {
    const [ns, release, dev, unix] = await Promise.all([
      readLink('/proc/self/ns/net'),
      readTrimmed('/proc/sys/kernel/osrelease'),
      readText('/proc/net/dev', 256 * 1024),
      readText('/proc/net/unix', 4 * 1024 * 1024),
    ]);
    const interfaces = dev.ok ? parseNetDev(dev.text) : null;
    const sockets = unix.ok ? parseNetUnix(unix.text) : null;
    return {
      netNamespace: ns,
      kernelRelease: release,
      interfaces: interfaces?.slice(0, 50) ?? null,
      hostInterfaces: interfaces ? classifyInterfaces(interfaces).host.slice(0, 20) : [],
      unixSocketCount: sockets?.length ?? null,
      hostUnixSockets: sockets ? hostUnixSockets(sockets).slice(0, 20) : [],
      nodeReference: referenceFor(ctx.nodeReference, 'net'),
    };
  },
  evaluate: judge,
});
