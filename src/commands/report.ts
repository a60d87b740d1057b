/**
 * `escapekit report REPORT.json --report FORMAT[=PATH]...`: renders any format from a saved
 * canonical report (schemaVersion 1 or 2), e.g. HTML for an auditor or SARIF from a CI artifact.
 * Exit 0 when every format was written, 2 on bad input; the run's own verdict is in the reports.
 */
import { EXIT, UsageError } from '../errors.js';
import { parse } from '../cli/args.js';
import { parseReports, writeReports } from '../cli/report-requests.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { readReportFile } from '../model/read-report.js';
import { parsePolicy } from '../run/exit-code.js';

const OPTIONS = {
  report: { type: 'string', multiple: true },
  'fail-on': { type: 'string' },
  inconclusive: { type: 'string' },
} as const;

/** Runs the command; returns the process exit code. */
export async function reportCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, OPTIONS, 'report');
  if (positionals.length !== 1) throw new UsageError('report: give exactly one saved JSON report', 'escapekit report REPORT.json --report html=report.html');
  const requests = parseReports(values.report);
  if (requests.length === 0) throw new UsageError('report: give at least one --report FORMAT[=PATH]', 'escapekit report REPORT.json --report html=report.html');
  const policy = parsePolicy(values['fail-on'], values.inconclusive);
  const report = readReportFile(positionals[0]);
  const failures = writeReports(report, requests, policy);
  for (const f of failures) process.stderr.write(`escapekit: ${terminalSafe(f)}\n`);
  return failures.length ? EXIT.error : EXIT.ok;
}
