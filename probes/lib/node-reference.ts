/**
 * The runner's reference for "is this namespace the node's?": on a node that is itself a
 * container (kind), the node's namespaces are not the kernel's initial ones, so comparing with
 * the initial inode says nothing. The runner reads the namespaces of each node's init from
 * outside (kind: `docker exec <node> readlink /proc/1/ns/*`) and hands them to the probe.
 */
import * as s from './shape.js';

/** Namespace kinds the reference covers. */
export type ReferenceKind = 'ipc' | 'uts' | 'net' | 'pid' | 'cgroup';
export const REFERENCE_KINDS: readonly ReferenceKind[] = ['ipc', 'uts', 'net', 'pid', 'cgroup'];

/** One node's namespace links as the runner read them (null: unreadable). */
export type NodeNamespaces = { node: string } & Record<ReferenceKind, string | null>;

/**
 * What the runner knows about the nodes. `nodeIsContainer`: the nodes are containers (kind), so
 * a namespace that is not the initial one may still be the node's; `nodes`: their namespaces.
 */
export interface NodeReference {
  nodeIsContainer: boolean;
  nodes: NodeNamespaces[];
}

/** The reference one check keeps in its evidence: one namespace kind, every node. */
export interface NodeReferenceEvidence {
  nodeIsContainer: boolean;
  nodes: Array<{ node: string; namespace: string | null }>;
}

/** Most nodes a reference lists (a per-node run on a large kind cluster is still small). */
export const MAX_REFERENCE_NODES = 100;

/** Evidence contract of a check's reference for namespace `kind` (links like `ipc:[4026532185]`). */
export function nodeReferenceShape(kind: ReferenceKind): s.Shape<NodeReferenceEvidence> {
  return s.object({
    nodeIsContainer: s.boolean(),
    nodes: s.array(s.object({ node: s.string({ max: 253 }), namespace: s.nullable(s.string({ max: 100, pattern: new RegExp(`^${kind}:\\[\\d+\\]$`) })) }), { max: MAX_REFERENCE_NODES }),
  });
}

/** The part of the runner's reference about namespace `kind`, for a check's evidence. */
export function referenceFor(reference: NodeReference | undefined, kind: ReferenceKind): NodeReferenceEvidence {
  const nodes = Array.isArray(reference?.nodes) ? reference.nodes : [];
  return {
    nodeIsContainer: reference?.nodeIsContainer === true,
    nodes: nodes.slice(0, MAX_REFERENCE_NODES).map((n) => ({ node: String(n?.node ?? '?').slice(0, 253), namespace: typeof n?.[kind] === 'string' && new RegExp(`^${kind}:\\[\\d+\\]$`).test(n[kind]!) ? n[kind] : null })),
  };
}

/** How a namespace link compares with the nodes' ones. */
export type NodeMatch =
  /** It is this node's namespace. */
  | { match: 'node'; node: string }
  /** The nodes are containers and every one of their namespaces was read: it is none of them. */
  | { match: 'none' }
  /** The nodes are containers, but not every node's namespace is known. */
  | { match: 'unknown'; reason: string }
  /** The runner does not know the nodes to be containers (and gave no namespace it matches). */
  | { match: 'not-container' };

/** Compares `link` (the probe's own) with the reference. */
export function matchNode(reference: unknown, link: unknown): NodeMatch {
  const r = reference as NodeReferenceEvidence | null | undefined;
  const nodes = Array.isArray(r?.nodes) ? r!.nodes : [];
  const hit = typeof link === 'string' ? nodes.find((n) => n?.namespace === link) : undefined;
  if (hit) return { match: 'node', node: String(hit.node) };
  if (r?.nodeIsContainer !== true) return { match: 'not-container' };
  if (typeof link !== 'string') return { match: 'unknown', reason: 'the probe\'s own namespace is unreadable' };
  if (nodes.length === 0) return { match: 'unknown', reason: 'the nodes are containers and their namespaces were not read' };
  const missing = nodes.find((n) => typeof n?.namespace !== 'string');
  if (missing) return { match: 'unknown', reason: `the namespace of node ${missing?.node ?? '?'} was not read` };
  return { match: 'none' };
}
