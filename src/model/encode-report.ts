/** Writes the canonical report as a schemaVersion 2 file: each distinct result, check result and evidence document once. */
import type { Report } from './report.js';
import { placeOf, type ReportFileV2 } from './report-file.js';
import { ResultTable } from './result-table.js';

/** The schemaVersion 2 document of a report (whatever version it was read from). */
export function encodeReport(report: Report): ReportFileV2 {
  const table = new ResultTable();
  const scenarios = report.scenarios.map((s) => ({ ...placeOf(s), result: table.add(s).ref }));
  const { scenarios: _s, schemaVersion: _v, summary, baseline, ...head } = report;
  return {
    schemaVersion: 2,
    ...head,
    summary,
    ...(baseline ? { baseline } : {}),
    scenarios,
    results: Object.fromEntries(table.results),
    checks: Object.fromEntries(table.checks),
    evidence: Object.fromEntries(table.evidence),
  };
}
