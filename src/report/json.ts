/** JSON reporter: the canonical report, as is. */
import type { Report } from '../model/report.js';

/** Serialises the canonical report. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
