/** Reporter registry: every format renders the one canonical report. */
import type { Report } from '../model/report.js';
import type { ExitPolicy } from '../run/exit-code.js';
import { renderConsole } from './console.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderSarif } from './sarif.js';
import { renderMarkdown } from './markdown.js';
import { renderHtml } from './html.js';

/** A report format the CLI accepts in `--report FORMAT[=PATH]`. */
export type ReportFormat = 'console' | 'json' | 'junit' | 'sarif' | 'markdown' | 'html';

/** What a renderer may know besides the report: the exit policy the run is judged by. */
export interface RenderOptions {
  policy?: ExitPolicy;
}

/** Renderers by format; colour is decided by the caller for the console only. */
export const REPORTERS: Record<ReportFormat, (report: Report, colour: boolean, options?: RenderOptions) => string> = {
  console: (r, colour) => renderConsole(r, colour),
  json: (r) => renderJson(r),
  junit: (r) => renderJunit(r),
  sarif: (r, _c, o) => renderSarif(r, o?.policy),
  markdown: (r, _c, o) => renderMarkdown(r, o?.policy),
  html: (r, _c, o) => renderHtml(r, o?.policy),
};

/** Whether a string names a known format. */
export function isReportFormat(value: string): value is ReportFormat {
  return Object.hasOwn(REPORTERS, value);
}
