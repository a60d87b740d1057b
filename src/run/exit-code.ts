/**
 * The run's exit code under the CI policy (`--fail-on`, `--inconclusive`).
 * Errors always win (2); findings give 1 only as the policy says; otherwise 0.
 */
import { EXIT, UsageError } from '../errors.js';
import type { BoundaryId } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { brokenBoundaries, scenarioLabel } from '../report/findings.js';
import { unmetSubject } from './expectations.js';

/** `unmet`: fail on unmet expectations and baseline regressions; `broken`: also on any unexpected broken boundary; `never`: only errors fail. */
export type FailOn = 'unmet' | 'broken' | 'never';
/** `fail`: an expectation unmet because a verdict is inconclusive fails the run; `pass`: it is reported but tolerated. */
export type InconclusivePolicy = 'fail' | 'pass';

/** The gate a run is judged by. */
export interface ExitPolicy {
  failOn: FailOn;
  inconclusive: InconclusivePolicy;
}

/** Defaults: fail on unmet expectations; inconclusive never counts as holds, so it fails too. */
export const DEFAULT_POLICY: ExitPolicy = Object.freeze({ failOn: 'unmet', inconclusive: 'fail' });

const FAIL_ON: readonly FailOn[] = ['unmet', 'broken', 'never'];
const INCONCLUSIVE: readonly InconclusivePolicy[] = ['fail', 'pass'];

/** Parses the two CLI options; unknown values are usage errors. */
export function parsePolicy(failOn: string | undefined, inconclusive: string | undefined): ExitPolicy {
  if (failOn !== undefined && !FAIL_ON.includes(failOn as FailOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, got '${failOn}'`);
  if (inconclusive !== undefined && !INCONCLUSIVE.includes(inconclusive as InconclusivePolicy)) {
    throw new UsageError(`--inconclusive must be one of ${INCONCLUSIVE.join(', ')}, got '${inconclusive}'`);
  }
  return { failOn: (failOn as FailOn | undefined) ?? DEFAULT_POLICY.failOn, inconclusive: (inconclusive as InconclusivePolicy | undefined) ?? DEFAULT_POLICY.inconclusive };
}

/** Unmet lines of a scenario that count under the policy (inconclusive ones drop out with `--inconclusive pass`). */
function countedUnmet(s: ScenarioReport, policy: ExitPolicy): string[] {
  if (s.error) return [];
  return s.expectation.unmet.filter((line) => policy.inconclusive === 'fail' || s.boundaries[unmetSubject(line) as BoundaryId] !== 'inconclusive');
}

/** Why the run fails under the policy, one line each (empty when it passes or when errors decide). */
export function failureReasons(report: Report, policy: ExitPolicy = DEFAULT_POLICY): string[] {
  if (policy.failOn === 'never') return [];
  const reasons: string[] = [];
  for (const s of report.scenarios) {
    for (const line of countedUnmet(s, policy)) reasons.push(`unmet: ${scenarioLabel(s)} ${line}`);
    // A scenario marked unmet without a line (hand-edited or older report) still fails.
    if (!s.error && !s.expectation.met && s.expectation.unmet.length === 0) reasons.push(`unmet: ${scenarioLabel(s)}`);
  }
  for (const r of report.baseline?.regressions ?? []) reasons.push(`regression: ${r}`);
  if (policy.failOn === 'broken') {
    for (const f of brokenBoundaries(report)) {
      if (f.unexpected && !f.unmet) reasons.push(`broken: ${scenarioLabel(f.scenario)} ${f.boundary} is broken and the suite did not expect it (--fail-on broken)`);
    }
  }
  return reasons;
}

/** Exit code for a finished run: 2 when any scenario errored, 1 when the policy finds a failure, else 0. */
export function exitCodeFor(report: Report, policy: ExitPolicy = DEFAULT_POLICY): number {
  if (report.summary.errors > 0 || report.scenarios.some((s) => s.error)) return EXIT.error;
  return failureReasons(report, policy).length > 0 ? EXIT.unmet : EXIT.ok;
}
