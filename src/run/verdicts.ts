/** Turns untrusted probe evidence into check and boundary verdicts with the registry's evaluate steps. */
import type { AgentCheckOutput, BoundaryId, Check, Status, TargetKind } from '../../probes/model.js';
import type { CheckReport } from '../model/report.js';

/** Evaluates one agent result; an evaluate that throws on odd evidence means inconclusive. */
export function evaluateResult(check: Check, result: AgentCheckOutput | undefined): CheckReport {
  const base = { id: check.id, boundary: check.boundary, ...(check.advisory ? { advisory: true } : {}) };
  if (!result) return { ...base, status: 'inconclusive', summary: 'no result from the probe', evidence: null, durationMs: 0 };
  if (!result.ok) {
    if ('skipped' in result) return { ...base, status: 'not-applicable', summary: result.skipped, evidence: null, durationMs: result.durationMs };
    return { ...base, status: 'inconclusive', summary: `collect failed: ${result.error.slice(0, 200)}`, evidence: null, durationMs: result.durationMs };
  }
  try {
    const verdict = check.evaluate(result.evidence);
    const summary = String(verdict.summary).replace(/\s+/g, ' ').slice(0, 300);
    const status: Status = ['holds', 'broken', 'inconclusive', 'not-applicable'].includes(verdict.status) ? verdict.status : 'inconclusive';
    return { ...base, status, summary, evidence: result.evidence, durationMs: result.durationMs };
  } catch (error) {
    return { ...base, status: 'inconclusive', summary: `evidence rejected: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300), evidence: result.evidence, durationMs: result.durationMs };
  }
}

/** Verdicts for every check when the probe produced nothing usable. */
export function inconclusiveAll(checks: readonly Check[], target: TargetKind, reason: string): CheckReport[] {
  return checks.map((c) => ({
    id: c.id,
    boundary: c.boundary,
    ...(c.advisory ? { advisory: true } : {}),
    status: c.targets.includes(target) ? 'inconclusive' : 'not-applicable',
    summary: c.targets.includes(target) ? reason : `not applicable on ${target}`,
    evidence: null,
    durationMs: 0,
  }));
}

const RANK: Record<Status, number> = { broken: 3, inconclusive: 2, holds: 1, 'not-applicable': 0 };

/** A boundary's verdict: the worst of its deciding (non-advisory) checks, with that check's reason. */
export function aggregateBoundaries(checks: CheckReport[]): { boundaries: Partial<Record<BoundaryId, Status>>; reasons: Partial<Record<BoundaryId, string>> } {
  const boundaries: Partial<Record<BoundaryId, Status>> = {};
  const reasons: Partial<Record<BoundaryId, string>> = {};
  const decided = new Set<BoundaryId>();
  for (const c of checks) {
    if (!decided.has(c.boundary) && !(c.boundary in boundaries)) {
      boundaries[c.boundary] = 'not-applicable';
      reasons[c.boundary] = 'only advisory checks';
    }
    if (c.advisory) continue;
    if (!decided.has(c.boundary) || RANK[c.status] > RANK[boundaries[c.boundary]!]) {
      boundaries[c.boundary] = c.status;
      reasons[c.boundary] = `${c.id}: ${c.summary}`;
      decided.add(c.boundary);
    }
  }
  return { boundaries, reasons };
}
