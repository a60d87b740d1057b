/**
 * The vocabulary shared by the probe agent (inside the container) and the runner
 * (outside). Dependency-free on purpose: it is bundled into the probe image.
 */

import type { NodeReference } from './lib/node-reference.js';
import type { Shape } from './lib/shape.js';

/** Stable ids of the isolation properties the kit judges (DESIGN.md contract). */
export const BOUNDARY_IDS = [
  'runtime-socket',
  'host-pid',
  'host-network',
  'host-ipc',
  'capabilities',
  'seccomp',
  'lsm',
  'no-new-privileges',
  'user-namespace',
  'host-filesystem',
  'devices',
  'kernel-interfaces',
  'root-user',
  'readonly-rootfs',
  'service-account',
  'kubelet-api',
  'api-server',
  'cloud-metadata',
] as const;

/** One isolation property, e.g. `host-pid`. */
export type BoundaryId = (typeof BOUNDARY_IDS)[number];

/** Verdict of a check or a boundary. */
export type Status = 'holds' | 'broken' | 'inconclusive' | 'not-applicable';

/** How bad a break is. */
export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';

/** `passive` only reads; `active` makes a harmless attempt confined to the probe's own namespaces. */
export type Safety = 'passive' | 'active';

/** Kind of platform a probe runs on. */
export type TargetKind = 'docker' | 'kubernetes';

/** Frameworks a check maps to. */
export type Framework =
  | 'mitre-attack'
  | 'cis-docker-1.6'
  | 'cis-kubernetes'
  | 'pod-security-standards'
  | 'nist-800-190'
  | 'kubehound';

/** A reference into a framework, e.g. `{framework: 'mitre-attack', id: 'T1611'}`. */
export interface Mapping {
  framework: Framework;
  id: string;
}

/** Raw, JSON-serialisable evidence a collect step returns. */
export type Evidence = { [key: string]: unknown };

/** What an evaluate step concludes from evidence. */
export interface Verdict {
  status: Status;
  /** One line a human can read in a table cell. */
  summary: string;
}

/** What a collect step may know about where it runs. */
export interface CollectContext {
  target: TargetKind;
  /** Checks that leave the machine (cloud metadata) run only when true. */
  network: boolean;
  /** Budget for this one check in milliseconds. */
  timeoutMs: number;
  /** The runner's reading of the hosts' namespaces (kind nodes, the Docker engine's host): probes/lib/node-reference.ts. */
  nodeReference?: NodeReference;
}

/** Static description of a check: the part the CLI, docs and reporters read. */
export interface CheckMeta {
  id: string;
  boundary: BoundaryId;
  title: string;
  /** Why this weakness matters: the escape path it opens. */
  rationale: string;
  /** How the probe verifies it, in one or two sentences. */
  method: string;
  remediation: string;
  severity: Severity;
  safety: Safety;
  mappings: Mapping[];
  /** Targets on which the check means something; others get `not-applicable`. */
  targets: readonly TargetKind[];
  /** Advisory checks are reported but never decide the boundary's verdict. */
  advisory?: boolean;
  /** Opt-in checks (network leaving the machine) run only when asked for. */
  optIn?: 'network';
}

/**
 * A check: metadata, a collect step (inside the probe), the contract its evidence must meet
 * (validated by the runner before evaluate) and a pure evaluate step (runner side).
 */
export interface Check<E extends Evidence = Evidence> extends CheckMeta {
  collect(ctx: CollectContext): Promise<E>;
  /** Declared shape of the evidence; evidence that does not conform is inconclusive, never evaluated. */
  evidence: Shape<E>;
  evaluate(evidence: E): Verdict;
}

/** Erases a check's evidence type so checks can share one registry array. */
export function defineCheck<E extends Evidence>(check: Check<E>): Check {
  return check as unknown as Check;
}

/** One check's raw output as the agent prints it. */
export type AgentCheckOutput =
  | { id: string; ok: true; evidence: Evidence; durationMs: number }
  | { id: string; ok: false; error: string; durationMs: number }
  | { id: string; ok: false; skipped: string; durationMs: number };

/** The one JSON document the agent prints on stdout. */
export interface AgentOutput {
  /** `challenge`: echoed from the runner's request, so a canned or replayed document is refused. */
  agent: { version: number; node: string; durationMs: number; challenge?: string };
  environment: Evidence;
  results: AgentCheckOutput[];
}

/** Marker lines around the agent's JSON document, so runtime noise cannot be mistaken for it. */
export const AGENT_BEGIN = '--escapekit-begin--';
export const AGENT_END = '--escapekit-end--';
export const AGENT_PROTOCOL_VERSION = 1;
