/** Turns untrusted probe evidence into check and boundary verdicts with the registry's evaluate steps. */
import type { AgentCheckOutput, BoundaryId, Check, Status, TargetKind } from '../../probes/model.js';
import type { CheckReport } from '../model/report.js';

/** Where a scenario ran, as the runner (not the probe) knows it: decides which checks apply. */
export interface RunContext {
  target: TargetKind;
  /** Opt-in network checks (traffic leaving the machine) were enabled. */
  network: boolean;
}

/** Why a check does not apply here, decided from the registry and the run's options; null when it applies. */
export function notApplicableReason(check: Check, ctx: RunContext): string | null {
  if (!check.targets.includes(ctx.target)) return `not applicable on ${ctx.target}`;
  if (check.optIn === 'network' && !ctx.network) return 'network checks not enabled (opt-in: --network)';
  return null;
}

/** Boundaries with at least one deciding (non-advisory) check that applies here. */
export function applicableBoundaries(checks: readonly Check[], ctx: RunContext): BoundaryId[] {
  return [...new Set(checks.filter((c) => !c.advisory && notApplicableReason(c, ctx) === null).map((c) => c.boundary))];
}

// Untrusted text from the probe: only a string is shown, anything else is named as such.
const probeText = (v: unknown): string => (typeof v === 'string' ? v.slice(0, 200) : `(a ${v === null ? 'null' : typeof v} instead of text)`);

const STATUSES: readonly Status[] = ['holds', 'broken', 'inconclusive', 'not-applicable'];
// A summary that prints a missing value betrays evidence evaluate did not expect.
const INCOMPLETE_SUMMARY = /\b(undefined|NaN)\b|\[object Object\]/;

/** Evaluates one agent result: applicability is the runner's call, evidence must meet the check's contract. */
export function evaluateResult(check: Check, result: AgentCheckOutput | undefined, ctx: RunContext): CheckReport {
  const base = { id: check.id, boundary: check.boundary, ...(check.advisory ? { advisory: true } : {}) };
  const durationMs = result && typeof result.durationMs === 'number' ? result.durationMs : 0;
  const notApplicable = notApplicableReason(check, ctx);
  if (notApplicable) return { ...base, status: 'not-applicable', summary: notApplicable, evidence: null, durationMs };
  if (!result) return { ...base, status: 'inconclusive', summary: 'no result from the probe', evidence: null, durationMs: 0 };
  if (!result.ok) {
    if ('skipped' in result) return { ...base, status: 'inconclusive', summary: `the probe skipped a check that applies here: ${probeText(result.skipped)}`, evidence: null, durationMs };
    return { ...base, status: 'inconclusive', summary: `collect failed: ${probeText(result.error)}`, evidence: null, durationMs };
  }
  const problem = check.evidence.check(result.evidence, 'evidence');
  if (problem) return { ...base, status: 'inconclusive', summary: `evidence rejected: ${problem}`.slice(0, 300), evidence: result.evidence, durationMs };
  try {
    const verdict = check.evaluate(result.evidence);
    const summary = String(verdict.summary).replace(/\s+/g, ' ').slice(0, 300);
    let status: Status = STATUSES.includes(verdict.status) ? verdict.status : 'inconclusive';
    if (status === 'holds' && INCOMPLETE_SUMMARY.test(summary)) status = 'inconclusive';
    return { ...base, status, summary, evidence: result.evidence, durationMs };
  } catch (error) {
    return { ...base, status: 'inconclusive', summary: `evidence rejected: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300), evidence: result.evidence, durationMs };
  }
}

/** Verdicts for every check when the probe produced nothing usable. */
export function inconclusiveAll(checks: readonly Check[], ctx: RunContext, reason: string): CheckReport[] {
  return checks.map((c) => {
    const notApplicable = notApplicableReason(c, ctx);
    return {
      id: c.id,
      boundary: c.boundary,
      ...(c.advisory ? { advisory: true } : {}),
      status: notApplicable ? 'not-applicable' : 'inconclusive',
      summary: notApplicable ?? reason,
      evidence: null,
      durationMs: 0,
    };
  });
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
