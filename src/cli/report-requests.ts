/** `--report FORMAT[=PATH]` options: parsed before any work, then rendered from the one canonical report. */
import { UsageError } from '../errors.js';
import type { Report } from '../model/report.js';
import { isReportFormat, REPORTERS, type ReportFormat } from '../report/index.js';
import type { ExitPolicy } from '../run/exit-code.js';
import { writeAtomic } from './output.js';

/** A requested report: format and file (stdout when absent). */
export interface ReportRequest {
  format: ReportFormat;
  file?: string;
}

/** Parses repeated `--report` values; an unknown format is a usage error. */
export function parseReports(values: string[] | undefined): ReportRequest[] {
  return (values ?? []).map((v) => {
    const [format, ...rest] = v.split('=');
    if (!isReportFormat(format)) throw new UsageError(`--report: unknown format '${format}' (known: ${Object.keys(REPORTERS).join(', ')})`);
    const file = rest.join('=');
    return file ? { format, file } : { format };
  });
}

/** Renders each request (stdout when it names no file); `skip` leaves some out (e.g. the live console). */
export function writeReports(report: Report, requests: ReportRequest[], policy: ExitPolicy, skip: (r: ReportRequest) => boolean = () => false): void {
  for (const r of requests) {
    if (skip(r)) continue;
    const text = REPORTERS[r.format](report, false, { policy });
    if (r.file) writeAtomic(r.file, text);
    else process.stdout.write(text);
  }
}
