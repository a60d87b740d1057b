/**
 * The report file, schemaVersion 2 (docs/report-format.md): scenario results point to distinct
 * results, results to distinct check results, checks to distinct evidence documents; every table
 * is keyed by the SHA-256 of the entry's canonical JSON, so a node that saw what another saw adds
 * one small line, and one that differs only in a few checks adds only those.
 */
import type { BoundaryId, Evidence, Status } from '../../probes/model.js';
import type { Posture } from '../posture/types.js';
import type { ExpectationReport, Report, ScenarioReport } from './report.js';

/** One check result in the file's `checks` table; `evidence` is a key of the `evidence` table, or null. */
export interface StoredCheck {
  id: string;
  boundary: BoundaryId;
  status: Status;
  summary: string;
  evidence: string | null;
  /** As measured on the first scenario result that showed this check result (not part of its key). */
  durationMs: number;
  advisory?: boolean;
}

/** What a probe showed and what it means: everything of a scenario result that does not name its node. */
export interface StoredResult {
  posture: Posture;
  admission: 'allowed' | 'denied';
  admissionMessage?: string;
  /** Keys of the `checks` table, in registry order. */
  checks: string[];
  boundaries: Partial<Record<BoundaryId, Status>>;
  boundaryReasons?: Partial<Record<BoundaryId, string>>;
  expectation: ExpectationReport;
  expected?: { broken: string[]; holds: string[]; admission: 'allowed' | 'denied' };
  /** A key of the `evidence` table: the layering the probe saw. */
  environment?: string;
  ignoredPostureKeys?: string[];
  error?: string;
}

/** One scenario on one node: its identity and timing, and the key of its result. */
export interface StoredScenario {
  suite: string;
  suiteFile?: string;
  name: string;
  description?: string;
  node?: string;
  durationMs?: number;
  agentMs?: number;
  result: string;
}

/** The whole file. */
export interface ReportFileV2 extends Omit<Report, 'schemaVersion' | 'scenarios'> {
  schemaVersion: 2;
  scenarios: StoredScenario[];
  results: Record<string, StoredResult>;
  checks: Record<string, StoredCheck>;
  evidence: Record<string, Evidence>;
}

/** The fields of a scenario result that say where and when it ran; the rest is its result. */
export const PLACE_KEYS = ['suite', 'suiteFile', 'name', 'description', 'node', 'durationMs', 'agentMs'] as const;
/** The fields of a scenario result that form its stored result. */
export const RESULT_KEYS = ['posture', 'admission', 'admissionMessage', 'checks', 'boundaries', 'boundaryReasons', 'expectation', 'expected', 'environment', 'ignoredPostureKeys', 'error', 'workload'] as const;
// Every field of a scenario result is either a place or a result field: a new field cannot be dropped silently.
type UnstoredField = Exclude<keyof ScenarioReport, (typeof PLACE_KEYS)[number] | (typeof RESULT_KEYS)[number]>;
const everyFieldStored: [UnstoredField] extends [never] ? true : never = true;
void everyFieldStored;

/** The place fields of a scenario result, without undefined ones. */
export function placeOf(s: ScenarioReport): Omit<StoredScenario, 'result'> {
  const out: Record<string, unknown> = {};
  for (const k of PLACE_KEYS) if (s[k] !== undefined) out[k] = s[k];
  return out as Omit<StoredScenario, 'result'>;
}

/** The value hashed to key a stored check result: everything but its duration. */
export function checkHashInput(c: StoredCheck): unknown {
  const { durationMs: _ms, ...rest } = c;
  return rest;
}
