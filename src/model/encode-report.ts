/** Writes the canonical report as a schemaVersion 2 file: each distinct result, check result and evidence document once. */
import type { Evidence } from '../../probes/model.js';
import type { Report } from './report.js';
import { placeOf, type ReportFileV2, type StoredCheck, type StoredResult, type StoredScenario } from './report-file.js';
import { ResultTable, storedCheck, storedResult } from './result-table.js';

/** A report split for writing: its facts in file order, its scenario entries, and the table of distinct parts. */
export interface EncodedParts {
  /** schemaVersion, tool, runId, ..., summary, baseline: every field before `scenarios`, in file order. */
  head: Array<[string, unknown]>;
  scenarios: StoredScenario[];
  table: ResultTable;
}

/** Splits a report into what its file holds, without loading held evidence. */
export function encodeParts(report: Report): EncodedParts {
  const table = new ResultTable();
  const scenarios = report.scenarios.map((s) => ({ ...placeOf(s), result: table.add(s).ref }));
  const { scenarios: _s, schemaVersion: _v, summary, baseline, ...rest } = report;
  const head: Array<[string, unknown]> = [['schemaVersion', 2], ...Object.entries(rest), ['summary', summary], ...(baseline ? [['baseline', baseline] as [string, unknown]] : [])];
  return { head, scenarios, table };
}

/** The results table in file form, entry by entry. */
export function* storedResults(table: ResultTable): Generator<[string, StoredResult]> {
  for (const [ref, live] of table.results) yield [ref, storedResult(live)];
}

/** The checks table in file form, entry by entry. */
export function* storedChecks(table: ResultTable): Generator<[string, StoredCheck]> {
  for (const [ref, c] of table.checks) yield [ref, storedCheck(c)];
}

/** The schemaVersion 2 document of a report (whatever version it was read from), every evidence document loaded: for small reports and tests. */
export function encodeReport(report: Report): ReportFileV2 {
  const { head, scenarios, table } = encodeParts(report);
  return {
    ...(Object.fromEntries(head) as Omit<ReportFileV2, 'scenarios' | 'results' | 'checks' | 'evidence'>),
    scenarios,
    results: Object.fromEntries(storedResults(table)),
    checks: Object.fromEntries(storedChecks(table)),
    evidence: Object.fromEntries([...table.evidence].map(([ref, source]): [string, Evidence] => [ref, source.load(ref)])),
  };
}
