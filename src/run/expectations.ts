/** Compares a scenario's verdicts with what its suite expected. */
import type { BoundaryId, Status } from '../../probes/model.js';
import type { ExpectationReport } from '../model/report.js';
import type { Expectation } from '../suite/types.js';

/**
 * Judges expectations. `*` in holds means every boundary not expected broken that has a
 * deciding check applicable on this run (`applicable`, from the registry), plus any other
 * boundary with a verdict: a boundary the runner expects to judge is never dropped silently.
 */
export function judgeExpectation(
  expect: Expectation,
  admission: 'allowed' | 'denied',
  boundaries: Partial<Record<BoundaryId, Status>>,
  reasons: Partial<Record<BoundaryId, string>>,
  applicable: readonly BoundaryId[] = [],
): ExpectationReport {
  const unmet: string[] = [];
  if (admission !== expect.admission) {
    unmet.push(expect.admission === 'denied' ? 'admission: expected the pod to be denied, but it was admitted' : 'admission: expected the pod to be admitted, but it was denied');
  }
  if (admission === 'denied') return { met: unmet.length === 0, unmet };
  const why = (b: BoundaryId) => (reasons[b] ? ` (${reasons[b]})` : '');
  for (const b of expect.broken) {
    const got = boundaries[b] ?? 'not-applicable';
    if (got !== 'broken') unmet.push(`${b}: expected broken, got ${got}${why(b)}`);
  }
  const holds = new Set<BoundaryId>(expect.holds.filter((b): b is BoundaryId => b !== '*'));
  if (expect.holds.includes('*')) {
    for (const b of applicable) if (!expect.broken.includes(b)) holds.add(b);
    for (const [b, status] of Object.entries(boundaries) as Array<[BoundaryId, Status]>) {
      if (!expect.broken.includes(b) && status !== 'not-applicable') holds.add(b);
    }
  }
  for (const b of holds) {
    const got = boundaries[b] ?? 'not-applicable';
    if (got !== 'holds') unmet.push(`${b}: expected holds, got ${got}${why(b)}`);
  }
  return { met: unmet.length === 0, unmet };
}

/** What an unmet line is about: a boundary id, or `admission` (the text before its first colon). */
export function unmetSubject(line: string): string {
  return line.split(':')[0];
}
