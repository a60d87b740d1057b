/**
 * The canonical report: every reporter renders this and nothing else. In memory each scenario
 * result carries its checks and evidence inline (identical parts shared, see result-table.ts);
 * on disk (schemaVersion 2, docs/report-format.md) each distinct result and each distinct
 * evidence document is stored once, by content hash. Version 1 files (evidence inline) still read.
 */
import type { BoundaryId, Evidence, Status } from '../../probes/model.js';
import type { Posture } from '../posture/types.js';

/** One check's verdict with its raw evidence. */
export interface CheckReport {
  id: string;
  boundary: BoundaryId;
  status: Status;
  summary: string;
  evidence: Evidence | null;
  durationMs: number;
  /** Advisory checks never decide their boundary's verdict. */
  advisory?: boolean;
}

/** Whether a scenario showed what its suite expected. */
export interface ExpectationReport {
  met: boolean;
  /** One line per unmet expectation, e.g. `host-pid: expected broken, got holds (...)`. */
  unmet: string[];
}

/** One scenario on one node (or the Docker host). */
export interface ScenarioReport {
  suite: string;
  /** The suite file, relative to the working directory when inside it (additive). */
  suiteFile?: string;
  name: string;
  description?: string;
  node?: string;
  posture: Posture;
  admission: 'allowed' | 'denied';
  admissionMessage?: string;
  checks: CheckReport[];
  boundaries: Partial<Record<BoundaryId, Status>>;
  /** One-line reason per boundary verdict (additive to the contract). */
  boundaryReasons?: Partial<Record<BoundaryId, string>>;
  expectation: ExpectationReport;
  /** What the suite expected, for renderers (additive). */
  expected?: { broken: string[]; holds: string[]; admission: 'allowed' | 'denied' };
  /** Layering seen from inside the probe: kernel, sandbox runtime, hypervisor (additive). */
  environment?: Evidence;
  /** Posture keys the target cannot express and did not apply (additive). */
  ignoredPostureKeys?: string[];
  /** Scenarios derived from a real workload (`--from-*`): the fields read and what was not reproduced (additive). */
  workload?: { fields: string[]; notReproduced: string[] };
  durationMs?: number;
  /** Probe-side time spent in the agent (additive). */
  agentMs?: number;
  error?: string;
}

/** Where the probes ran: the target's fingerprint. */
export interface TargetReport {
  kind: 'docker' | 'kubernetes' | 'kind';
  [key: string]: unknown;
}

/** The whole run. */
export interface Report {
  /** The version of the file this report was read from, or 2 for a new run (files are always written as version 2). */
  schemaVersion: 1 | 2;
  tool: { name: 'escapekit'; version: string };
  runId: string;
  startedAt: string;
  finishedAt: string;
  target: TargetReport;
  scenarios: ScenarioReport[];
  summary: { scenarios: number; met: number; unmet: number; errors: number };
  /** Regression comparison with a baseline report, when one was given (additive). */
  baseline?: { file: string; regressions: string[]; fixed: string[] };
}
