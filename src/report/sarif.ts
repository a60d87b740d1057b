/**
 * SARIF 2.1.0 reporter: one rule per registered check (rationale, method, remediation, mappings,
 * security-severity), one result per broken boundary verdict and per other unmet expectation (per distinct
 * outcome of a scenario, its nodes listed, not per node),
 * scenarios as logical locations, scenario errors as tool execution notifications.
 */
import type { Report } from '../model/report.js';
import { DEFAULT_POLICY, exitCodeFor, type ExitPolicy } from '../run/exit-code.js';
import { sarifRules } from './sarif/rules.js';
import { errorNotifications, SCENARIO_URI_BASE, sarifResults } from './sarif/results.js';

/** The schema the output conforms to (the OASIS errata 01 schema id). */
export const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

const EXIT_TEXT: Record<number, string> = { 0: 'every counted expectation met', 1: 'an expectation unmet, a regression or an unexpected break (per --fail-on)', 2: 'the run could not be carried out completely (errors)' };

function invocation(report: Report, policy: ExitPolicy): Record<string, unknown> {
  const exitCode = exitCodeFor(report, policy);
  const errors = report.scenarios.filter((s) => s.error);
  return {
    executionSuccessful: errors.length === 0,
    exitCode,
    exitCodeDescription: EXIT_TEXT[exitCode],
    startTimeUtc: report.startedAt,
    endTimeUtc: report.finishedAt,
    ...(typeof report.target.host === 'string' ? { machine: report.target.host } : {}),
    toolExecutionNotifications: errorNotifications(report),
    properties: { policy: { failOn: policy.failOn, inconclusive: policy.inconclusive } },
  };
}

/** Renders the report as a SARIF 2.1.0 log. */
export function renderSarif(report: Report, policy: ExitPolicy = DEFAULT_POLICY): string {
  const { rules, index } = sarifRules();
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: report.tool.name, version: report.tool.version, ...(/^\d+\.\d+\.\d+/.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}), rules } },
        automationDetails: { id: `escapekit/${report.target.kind}/${report.runId}` },
        invocations: [invocation(report, policy)],
        originalUriBaseIds: { [SCENARIO_URI_BASE]: { description: { text: 'Scenario ids of escapekit suites (suite/name[@node]), not files: the report does not name the suite file.' } } },
        results: sarifResults(report, policy, index),
        properties: {
          runId: report.runId,
          target: report.target,
          summary: report.summary,
          ...(report.baseline ? { baseline: report.baseline } : {}),
        },
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}
