/** `--report FORMAT[=PATH]` options: parsed and checked before any work, then rendered from the one canonical report. */
import path from 'node:path';
import { messageOf, UsageError } from '../errors.js';
import { checkFileDestination } from '../io/destinations.js';
import { isInside } from '../io/safe-read.js';
import { terminalSafe } from '../io/terminal-safe.js';
import type { Report } from '../model/report.js';
import { isReportFormat, REPORTERS, type ReportFormat } from '../report/index.js';
import type { ExitPolicy } from '../run/exit-code.js';
import { jsonReportChunks } from '../report/json.js';
import { writeAtomic } from './output.js';

/** A requested report: format and file (stdout when absent). */
export interface ReportRequest {
  format: ReportFormat;
  file?: string;
}

/** Parses repeated `--report` values and checks every destination: writable, not a folder, not under a file, not twice, not inside the bundle. */
export function parseReports(values: string[] | undefined, bundleDir?: string): ReportRequest[] {
  const seen = new Map<string, string>();
  const streams = new Set<ReportFormat>();
  return (values ?? []).map((v) => {
    const [format, ...rest] = v.split('=');
    if (!isReportFormat(format)) throw new UsageError(`--report: unknown format '${terminalSafe(format.slice(0, 40))}' (known: ${Object.keys(REPORTERS).join(', ')})`);
    const file = rest.join('=');
    if (rest.length && !file) throw new UsageError(`--report ${format}=: the file name is empty (omit '=' to print the report)`);
    if (!file) {
      if (streams.has(format)) throw new UsageError(`--report ${format} given twice`);
      streams.add(format);
      return { format };
    }
    const abs = checkFileDestination(file, `--report ${format}`);
    if (seen.has(abs)) throw new UsageError(`--report ${format}=${terminalSafe(file)}: the same file as --report ${terminalSafe(seen.get(abs)!)}`);
    seen.set(abs, v);
    if (bundleDir && isInside(path.resolve(bundleDir), abs)) throw new UsageError(`--report ${format}=${terminalSafe(file)}: inside the --bundle folder, which must hold exactly the files it lists`);
    return { format, file };
  });
}

/**
 * Renders each request (stdout when it names no file); `skip` leaves some out (e.g. the live
 * console). One failed output never costs the others: returns a line per report not written.
 */
export function writeReports(report: Report, requests: ReportRequest[], policy: ExitPolicy, skip: (r: ReportRequest) => boolean = () => false): string[] {
  const failures: string[] = [];
  for (const r of requests) {
    if (skip(r)) continue;
    try {
      // The JSON report is written piece by piece: at thousands of nodes it is the largest output.
      if (r.file) writeAtomic(r.file, r.format === 'json' ? jsonReportChunks(report) : REPORTERS[r.format](report, false, { policy }));
      else process.stdout.write(REPORTERS[r.format](report, false, { policy }));
    } catch (error) {
      failures.push(`--report ${r.format}${r.file ? `=${r.file}` : ''}: not written (${messageOf(error)})`);
    }
  }
  return failures;
}
