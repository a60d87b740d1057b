/** Broken boundaries per distinct outcome of each scenario, not per node: what SARIF, JUnit and Markdown report once. */
import type { Report } from '../model/report.js';
import { brokenBoundariesOf, type BrokenBoundary } from './findings.js';
import { groupLabel, outcomeWhere, scenarioGroups, type Outcome, type ScenarioGroup } from './groups.js';

/** A broken boundary seen by one outcome of one scenario (all its nodes). */
export interface GroupedFinding extends BrokenBoundary {
  group: ScenarioGroup;
  outcome: Outcome;
}

/** Every distinct broken boundary finding, in report order. */
export function groupedFindings(report: Report): GroupedFinding[] {
  return scenarioGroups(report).flatMap((group) => group.outcomes.flatMap((outcome) => brokenBoundariesOf(report, outcome.first).map((f) => ({ ...f, group, outcome }))));
}

/** `suite/name`, `suite/name@node`, or `suite/name on 3 of 100 nodes: a, b, c`. */
export function outcomeLabel(group: ScenarioGroup, outcome: Outcome, max = 8): string {
  const where = group.results.length > 1 ? outcomeWhere(group, outcome, max) : '';
  return `${groupLabel(group)}${where ? ` ${where}` : ''}`;
}
