/** The nodes that differ from their scenario's majority, and how: for the first screen of the HTML and the summaries. */
import { BOUNDARY_IDS } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { scenarioGroups } from './groups.js';

/** One line per node that differs from its scenario's majority: the node, and where it differs. */
export function differingNodes(report: Report): Array<{ node: string; scenarios: string[] }> {
  const by = new Map<string, string[]>();
  for (const g of scenarioGroups(report)) {
    if (g.outcomes.length < 2) continue;
    const majority = g.outcomes[0].first;
    for (const o of g.outcomes.slice(1)) {
      const what = differences(majority, o.first);
      for (const n of o.nodes) by.set(n || '(no node)', [...(by.get(n || '(no node)') ?? []), `${g.suite}/${g.name}: ${what}`]);
    }
  }
  return [...by].map(([node, scenarios]) => ({ node, scenarios }));
}

/** How result `s` differs from `majority`, in a few words: boundaries, expectation, error, admission. */
export function differences(majority: ScenarioReport, s: ScenarioReport): string {
  const parts: string[] = [];
  if (s.admission !== majority.admission) parts.push(`admission ${s.admission}`);
  if (s.error && !majority.error) parts.push(`error: ${s.error.slice(0, 80)}`);
  for (const b of BOUNDARY_IDS) {
    const now = s.boundaries[b];
    const usual = majority.boundaries[b];
    if (now !== usual && s.admission === 'allowed') parts.push(`${b} ${now ?? 'not evaluated'} (others ${usual ?? 'not evaluated'})`);
  }
  if (s.expectation.met !== majority.expectation.met) parts.push(s.expectation.met ? 'expectation met' : 'expectation UNMET');
  return parts.join(', ') || 'check details differ';
}
