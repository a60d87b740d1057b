/**
 * Structured views of the canonical report shared by the reporters and the exit-code policy:
 * what a suite expected per boundary, which checks decided a verdict, which breaks were expected.
 */
import { CHECKS } from '../../probes/index.js';
import { BOUNDARY_IDS, type BoundaryId, type CheckMeta, type Severity, type Status } from '../../probes/model.js';
import type { CheckReport, Report, ScenarioReport } from '../model/report.js';
import { unmetBoundaries } from './explain-unmet.js';
import { isRegression, scenarioKey } from '../run/baseline.js';
import { unmetSubject } from '../run/expectations.js';

/** `suite/name` or `suite/name@node`. */
export const scenarioLabel = scenarioKey;

/** The matrix columns: boundaries with an applicable verdict or an expectation in some scenario. */
export function matrixColumns(report: Report): BoundaryId[] {
  return BOUNDARY_IDS.filter((b) => report.scenarios.some((s) => (s.boundaries[b] && s.boundaries[b] !== 'not-applicable') || expectedVerdict(s, b) !== undefined));
}

/** What the suite expected of boundary `b` in scenario `s` (`holds: ['*']` covers every applicable boundary not expected broken). */
export function expectedVerdict(s: ScenarioReport, b: BoundaryId): 'broken' | 'holds' | undefined {
  if (s.expected?.broken.includes(b)) return 'broken';
  if (s.expected?.holds.includes(b)) return 'holds';
  if (s.expected?.holds.includes('*') && s.boundaries[b] !== undefined && s.boundaries[b] !== 'not-applicable') return 'holds';
  return undefined;
}

/** The non-advisory checks of boundary `b` whose status equals the boundary's verdict: the ones that decided it. */
export function decidingChecks(s: ScenarioReport, b: BoundaryId): CheckReport[] {
  const status = s.boundaries[b];
  return s.checks.filter((c) => c.boundary === b && !c.advisory && c.status === status);
}

/** Registry metadata of a check id, if the registry knows it. */
export function checkMeta(id: string): CheckMeta | undefined {
  return CHECKS.find((c) => c.id === id);
}

const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

/** The highest severity among checks (by registry metadata), `medium` when none is known. */
export function worstSeverity(checks: CheckReport[]): Severity {
  const known = checks.map((c) => checkMeta(c.id)?.severity).filter((x): x is Severity => x !== undefined);
  return known.reduce<Severity | undefined>((a, b) => (a === undefined || SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a), undefined) ?? 'medium';
}

/** One broken boundary verdict of one scenario, with what the suite said about it. */
export interface BrokenBoundary {
  scenario: ScenarioReport;
  boundary: BoundaryId;
  expected: 'broken' | 'holds' | undefined;
  /** Broken although the suite did not expect it broken. */
  unexpected: boolean;
  /** Named by one of the scenario's unmet expectation lines. */
  unmet: boolean;
  /** Held in the baseline report, broken now. */
  regression: boolean;
  /** The broken checks that decided the verdict. */
  checks: CheckReport[];
  severity: Severity;
}

/** The broken boundary verdicts of one scenario result (none when it was not admitted). */
export function brokenBoundariesOf(report: Report, s: ScenarioReport): BrokenBoundary[] {
  if (s.admission !== 'allowed') return [];
  const out: BrokenBoundary[] = [];
  const unmet = new Set(unmetBoundaries(s));
  for (const [b, status] of Object.entries(s.boundaries) as Array<[BoundaryId, Status]>) {
    if (status !== 'broken') continue;
    const expected = expectedVerdict(s, b);
    const checks = decidingChecks(s, b);
    out.push({ scenario: s, boundary: b, expected, unexpected: expected !== 'broken', unmet: unmet.has(b), regression: isRegression(report, s, b), checks, severity: worstSeverity(checks) });
  }
  return out;
}

/** Every broken boundary verdict of admitted scenarios, in report order. */
export function brokenBoundaries(report: Report): BrokenBoundary[] {
  return report.scenarios.flatMap((s) => brokenBoundariesOf(report, s));
}

/** Unmet expectation lines of a scenario that are not about a broken boundary (blind canaries, inconclusive, admission). */
export function unmetOtherThanBroken(s: ScenarioReport): string[] {
  return s.expectation.unmet.filter((line) => {
    const b = unmetSubject(line) as BoundaryId;
    return s.boundaries[b] !== 'broken';
  });
}
