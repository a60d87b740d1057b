/** Builds a scenario's report entry from what the target observed. */
import path from 'node:path';
import type { Check } from '../../probes/model.js';
import type { CheckReport, ScenarioReport } from '../model/report.js';
import type { PlannedScenario, ProbeOutcome } from '../targets/types.js';
import { messageOf } from '../errors.js';
import { judgeExpectation } from './expectations.js';
import { parseProbeOutput } from './probe-output.js';
import { distrustUnreferencedHolds, verifyEchoedReference } from './host-reference.js';
import { aggregateBoundaries, applicableBoundaries, evaluateResult, inconclusiveAll, type RunContext } from './verdicts.js';

/** A suite file's path relative to the working directory when it lies inside it. */
function displayPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
}

/** Evaluates one probe outcome against the registry and the scenario's expectations. */
export function scenarioReport(planned: PlannedScenario, outcome: ProbeOutcome, checks: readonly Check[], ctx: RunContext, durationMs: number): ScenarioReport {
  const { suite, scenario } = planned;
  let checkReports: CheckReport[] = [];
  let error = outcome.error;
  let environment: ScenarioReport['environment'];
  let agentMs: number | undefined;
  if (outcome.admission === 'allowed') {
    try {
      const parsed = outcome.stdout !== undefined ? parseProbeOutput(outcome.stdout, new Set(checks.map((c) => c.id)), outcome.challenge) : undefined;
      if (parsed?.ok) {
        const byId = new Map(parsed.output.results.map((r) => [r.id, r]));
        checkReports = checks.map((c) => distrustUnreferencedHolds(verifyEchoedReference(evaluateResult(c, byId.get(c.id), ctx), outcome.nodeReference), scenario.posture));
        environment = parsed.output.environment;
        agentMs = parsed.output.agent.durationMs;
        // What is kept must render: every reporter serialises it (a failure here is this scenario's, not the run's).
        JSON.stringify({ checkReports, environment });
        if (error && !outcome.timedOut) error = undefined; // a complete document outweighs an odd exit code
      } else {
        const reason = outcome.timedOut ? 'probe timed out' : parsed ? `probe output rejected: ${parsed.reason}` : `probe failed: ${error ?? 'no output'}`;
        checkReports = inconclusiveAll(checks, ctx, reason);
        error ??= reason;
      }
    } catch (failure) {
      // One hostile document never costs more than its own scenario: its checks become inconclusive.
      const reason = `probe output rejected: it could not be processed (${messageOf(failure).slice(0, 160)})`;
      checkReports = inconclusiveAll(checks, ctx, reason);
      environment = undefined;
      agentMs = undefined;
      error = reason;
    }
  }
  const { boundaries, reasons } = aggregateBoundaries(checkReports);
  const expectation = judgeExpectation(scenario.expect, outcome.admission, boundaries, reasons, applicableBoundaries(checks, ctx));
  if (error) expectation.met = false;
  return {
    suite: suite.name,
    suiteFile: displayPath(suite.file),
    name: scenario.name,
    ...(scenario.description ? { description: scenario.description } : {}),
    ...(outcome.node ? { node: outcome.node } : {}),
    posture: scenario.posture,
    admission: outcome.admission,
    ...(outcome.admissionMessage ? { admissionMessage: outcome.admissionMessage } : {}),
    checks: checkReports,
    boundaries,
    boundaryReasons: reasons,
    expectation,
    expected: { broken: [...scenario.expect.broken], holds: [...scenario.expect.holds], admission: scenario.expect.admission },
    ...(environment ? { environment } : {}),
    ...(outcome.ignoredPostureKeys?.length ? { ignoredPostureKeys: outcome.ignoredPostureKeys } : {}),
    durationMs,
    ...(agentMs !== undefined ? { agentMs } : {}),
    ...(error ? { error } : {}),
  };
}
