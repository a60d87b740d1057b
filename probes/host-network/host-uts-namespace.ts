/** Advisory: does the probe share the host's UTS namespace (hostname)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import * as s from '../lib/shape.js';
import { readLink, readTrimmed } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { matchNode, nodeReferenceShape, referenceFor, type NodeReferenceEvidence } from '../lib/node-reference.js';

interface UtsEvidence extends Evidence {
  utsNamespace: string | null;
  hostname: string | null;
  /** The runner's reading of the hosts' UTS namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference: NodeReferenceEvidence;
}

function judge(e: UtsEvidence): Verdict {
  const initial = isInitialNamespace('uts', nsInode(e?.utsNamespace));
  if (initial === true) return { status: 'broken', summary: `UTS namespace is the host's (${e.utsNamespace}); hostname ${e.hostname ?? '?'} is the host's and sethostname would rename the host` };
  // A node that is itself a container (kind) has a non-initial namespace of its own: compare with the node's.
  const node = matchNode(e?.nodeReference, e?.utsNamespace);
  if (node.match === 'node') return { status: 'broken', summary: `UTS namespace ${e.utsNamespace} is the one of host ${node.node} (itself a container: not the initial namespace, still the host's); hostname ${e.hostname ?? '?'}` };
  if (initial === false && node.match === 'unknown') return { status: 'inconclusive', summary: `UTS namespace ${e.utsNamespace} is not the initial one, but ${node.reason} (a host that is itself a container has a non-initial one): it may be the host's` };
  if (initial === false) return { status: 'holds', summary: `own UTS namespace (${e.utsNamespace}${node.match === 'none' ? ', none of the hosts\' the runner read' : ''}), hostname ${e.hostname ?? '?'}` };
  return { status: 'inconclusive', summary: `UTS namespace unreadable or unrecognised (${e?.utsNamespace ?? 'no link'})` };
}

export default defineCheck<UtsEvidence>({
  id: 'host-uts-namespace',
  boundary: 'host-network',
  title: 'Host UTS namespace shared',
  rationale: 'Sharing the host UTS namespace reveals the host name and, with SYS_ADMIN, lets the container rename the host; it usually comes with --net=host and is a sign of a loosened posture.',
  method: 'Compares /proc/self/ns/uts with the fixed inode of the initial UTS namespace (0xEFFFFFFE) and, with the host namespaces the runner read from outside (kind: each node container\'s init; Docker: a reference container in the engine\'s host namespaces; unread: inconclusive, since a host that is itself a container has non-initial ones); records the hostname.',
  remediation: 'Do not use --uts=host; on Kubernetes hostNetwork implies it, so do not set hostNetwork.',
  severity: 'low',
  safety: 'passive',
  advisory: true,
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.21' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
  ],
  evidence: s.object({ utsNamespace: s.nullable(s.string({ max: 100 })), hostname: s.nullable(s.string({ max: 300 })), nodeReference: nodeReferenceShape('uts') }),
  async collect(ctx) {
    const [ns, hostname] = await Promise.all([readLink('/proc/self/ns/uts'), readTrimmed('/proc/sys/kernel/hostname')]);
    return { utsNamespace: ns, hostname, nodeReference: referenceFor(ctx.nodeReference, 'uts') };
  },
  evaluate: judge,
});
