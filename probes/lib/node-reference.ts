/**
 * The runner's reference for "is this namespace the host's?": on a host that is itself a
 * container (a kind node, a Docker engine inside a container), the host's namespaces are not the
 * kernel's initial ones, so comparing with the initial inode proves nothing. The runner reads the
 * hosts' namespaces from outside (kind: `docker exec <node> readlink /proc/1/ns/*`; Docker: a
 * reference container joining the engine's host namespaces) and hands them to the probe.
 */
import * as s from './shape.js';

/** Namespace kinds the reference covers. */
export type ReferenceKind = 'ipc' | 'uts' | 'net' | 'pid' | 'cgroup';
export const REFERENCE_KINDS: readonly ReferenceKind[] = ['ipc', 'uts', 'net', 'pid', 'cgroup'];

/** One host's (node's) namespace links as the runner read them (null: unreadable). */
export type NodeNamespaces = { node: string } & Record<ReferenceKind, string | null>;

/**
 * What the runner measured. `required`: the hosts listed in `nodes` are every host the probe can
 * share a namespace with, so a namespace is shown not to be the host's only by differing from
 * all of them (a non-initial inode alone proves nothing); false: no reference was taken.
 */
export interface NodeReference {
  required: boolean;
  nodes: NodeNamespaces[];
}

/** The reference one check keeps in its evidence: one namespace kind, every node. */
export interface NodeReferenceEvidence {
  required: boolean;
  nodes: Array<{ node: string; namespace: string | null }>;
}

/** Most nodes a reference lists (a per-node run on a large kind cluster is still small). */
export const MAX_REFERENCE_NODES = 100;

/** Evidence contract of a check's reference for namespace `kind` (links like `ipc:[4026532185]`). */
export function nodeReferenceShape(kind: ReferenceKind): s.Shape<NodeReferenceEvidence> {
  return s.object({
    required: s.boolean(),
    nodes: s.array(s.object({ node: s.string({ max: 253 }), namespace: s.nullable(s.string({ max: 100, pattern: new RegExp(`^${kind}:\\[\\d+\\]$`) })) }), { max: MAX_REFERENCE_NODES }),
  });
}

/** The part of the runner's reference about namespace `kind`, for a check's evidence. */
export function referenceFor(reference: NodeReference | undefined, kind: ReferenceKind): NodeReferenceEvidence {
  const nodes = Array.isArray(reference?.nodes) ? reference.nodes : [];
  return {
    required: reference?.required === true,
    nodes: nodes.slice(0, MAX_REFERENCE_NODES).map((n) => ({ node: String(n?.node ?? '?').slice(0, 253), namespace: typeof n?.[kind] === 'string' && new RegExp(`^${kind}:\\[\\d+\\]$`).test(n[kind]!) ? n[kind] : null })),
  };
}

/** How a namespace link compares with the nodes' ones. */
export type NodeMatch =
  /** It is this node's namespace. */
  | { match: 'node'; node: string }
  /** Every host's namespace of this kind was read: it is none of them. */
  | { match: 'none' }
  /** A reference is required, but not every host's namespace is known. */
  | { match: 'unknown'; reason: string }
  /** The runner took no reference (and gave no namespace it matches). */
  | { match: 'no-reference' };

/** Compares `link` (the probe's own) with the reference. */
export function matchNode(reference: unknown, link: unknown): NodeMatch {
  const r = reference as NodeReferenceEvidence | null | undefined;
  const nodes = Array.isArray(r?.nodes) ? r!.nodes : [];
  const hit = typeof link === 'string' ? nodes.find((n) => n?.namespace === link) : undefined;
  if (hit) return { match: 'node', node: String(hit.node) };
  if (r?.required !== true) return { match: 'no-reference' };
  if (typeof link !== 'string') return { match: 'unknown', reason: 'the probe\'s own namespace is unreadable' };
  if (nodes.length === 0) return { match: 'unknown', reason: 'the runner could not read the host\'s namespaces' };
  const missing = nodes.find((n) => typeof n?.namespace !== 'string');
  if (missing) return { match: 'unknown', reason: `the runner could not read the namespace of host ${missing?.node ?? '?'}` };
  return { match: 'none' };
}
