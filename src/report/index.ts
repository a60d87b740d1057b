/** Reporter registry: every format renders the one canonical report. */
import type { Report } from './model.js';
import { renderConsole } from './console.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';

/** A report format the CLI accepts in `--report FORMAT[=PATH]`. */
export type ReportFormat = 'console' | 'json' | 'junit';

/** Renderers by format; colour is decided by the caller for the console only. */
export const REPORTERS: Record<ReportFormat, (report: Report, colour: boolean) => string> = {
  console: (r, colour) => renderConsole(r, colour),
  json: (r) => renderJson(r),
  junit: (r) => renderJunit(r),
};

/** Whether a string names a known format. */
export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(REPORTERS, value);
}
