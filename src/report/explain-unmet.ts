/** For an unmet scenario: the checks behind each unmet boundary, with rationale and remediation. */
import { CHECKS } from '../../probes/index.js';
import type { BoundaryId } from '../../probes/model.js';
import type { ScenarioReport } from '../model/report.js';
import { unmetSubject } from '../run/expectations.js';

/** Boundary ids named by a scenario's unmet expectation lines. */
export function unmetBoundaries(s: ScenarioReport): BoundaryId[] {
  return s.expectation.unmet.map(unmetSubject).filter((b): b is BoundaryId => b in s.boundaries);
}

/** Lines explaining each deciding check of the unmet boundaries: summary, rationale, remediation. */
export function explainUnmet(s: ScenarioReport): string[] {
  const lines: string[] = [];
  for (const b of unmetBoundaries(s)) {
    for (const c of s.checks.filter((x) => x.boundary === b && !x.advisory && x.status !== 'not-applicable')) {
      const meta = CHECKS.find((m) => m.id === c.id);
      lines.push(`[${c.status}] ${c.id}: ${c.summary}`);
      if (meta) lines.push(`  rationale: ${meta.rationale}`, `  remediation: ${meta.remediation}`);
    }
  }
  return lines;
}
