/** Advisory: does the probe share the host's (initial) cgroup namespace? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence } from '../model.js';
import { readLink, readText } from '../lib/fs.js';
import { INITIAL_NS_INODES, nsInode } from '../lib/ns.js';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReferenceEvidence } from '../lib/node-reference.js';

/** Inode of the initial cgroup namespace (CGROUP_NS_INIT_INO, fixed since Linux 4.6). */
export const HOST_CGROUP_NS_INODE = INITIAL_NS_INODES.cgroup;

interface CgroupNsEvidence extends Evidence {
  cgroupNamespace: string | null;
  /** First lines of /proc/self/cgroup: host cgroup paths (/docker/<id>, /kubepods/...) show through without a private namespace. */
  selfCgroup: string[] | null;
  /** The runner's reading of the hosts' cgroup namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference: NodeReferenceEvidence;
}

export default defineCheck<CgroupNsEvidence>({
  id: 'cgroup-namespace-host',
  boundary: 'kernel-interfaces',
  title: 'Host cgroup namespace shared (hint)',
  rationale: 'Without a private cgroup namespace the container sees host cgroup paths (container ids, pod UIDs) and any cgroup v1 hierarchy it can mount shows its root, release_agent included: a precondition of the release_agent escape.',
  method: 'Compares the inode of /proc/self/ns/cgroup with the initial cgroup namespace inode (4026531835, CGROUP_NS_INIT_INO) and, with the host namespaces the runner read from outside (kind: each node container\'s init; Docker: a reference container in the engine\'s host namespaces; unread: inconclusive, since a host that is itself a container has non-initial ones); without a reference, holds only when the probe sits at the root of its cgroup namespace (/proc/self/cgroup paths "/").',
  remediation: 'Run containers with a private cgroup namespace (Docker --cgroupns=private, the default on cgroup v2; containerd/CRI-O on cgroup v2).',
  severity: 'low',
  safety: 'passive',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    cgroupNamespace: s.nullable(s.string({ max: 100 })),
    selfCgroup: s.nullable(s.array(s.string({ max: 4096 }), { max: 20 })),
    nodeReference: nodeReferenceShape('cgroup'),
  }),
  async collect(ctx) {
    const [link, cgroup] = await Promise.all([readLink('/proc/self/ns/cgroup'), readText('/proc/self/cgroup', 16 * 1024)]);
    return { cgroupNamespace: link, selfCgroup: cgroup.ok ? cgroup.text.split('\n').filter(Boolean).slice(0, 20) : null, nodeReference: referenceFor(ctx.nodeReference, 'cgroup') };
  },
  evaluate(e) {
    const inode = nsInode(e?.cgroupNamespace);
    if (inode === null) return { status: 'inconclusive', summary: `cgroup namespace unreadable (${String(e?.cgroupNamespace ?? 'no link')})` };
    const path = Array.isArray(e.selfCgroup) ? String(e.selfCgroup[0] ?? '').split(':').slice(2).join(':') : '';
    if (inode === HOST_CGROUP_NS_INODE) return { status: 'broken', summary: `initial cgroup namespace (${e.cgroupNamespace}); host cgroup path visible: ${path || '?'}` };
    // A node that is itself a container (kind) has a non-initial namespace of its own: compare with the node's.
    const node = matchNode(e.nodeReference, e.cgroupNamespace);
    if (node.match === 'node') return { status: 'broken', summary: `cgroup namespace ${e.cgroupNamespace} is the one of host ${node.node} (itself a container: not the initial namespace, still the host's); node cgroup path visible: ${path || '?'}` };
    if (node.match === 'unknown') return { status: 'inconclusive', summary: `cgroup namespace ${e.cgroupNamespace} is not the initial one, but ${node.reason} (a host that is itself a container has a non-initial one): it may be the host's` };
    if (node.match === 'none') return { status: 'holds', summary: `private cgroup namespace (${e.cgroupNamespace}, none of the hosts' the runner read)` };
    // No reference: a namespace of its own puts the probe at its root; below the root, it may be a node container's namespace.
    const paths = Array.isArray(e.selfCgroup) ? e.selfCgroup.map((l) => String(l).split(':').slice(2).join(':')) : [];
    if (paths.length === 0 || paths.some((p) => p !== '/')) return { status: 'inconclusive', summary: `cgroup namespace ${e.cgroupNamespace} is not the initial one, but the probe sits at ${paths.find((p) => p !== '/') ?? '?'}, not at its root, and the runner took no host reference: it may be the namespace of a node that is itself a container` };
    return { status: 'holds', summary: `private cgroup namespace (${e.cgroupNamespace}; the probe is at its root)` };
  },
});
