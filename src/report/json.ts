/** JSON reporter: the canonical report as a schemaVersion 2 file (docs/report-format.md). */
import { encodeReport } from '../model/encode-report.js';
import type { Report } from '../model/report.js';

/** Serialises the canonical report; each distinct result and evidence document appears once. */
export function renderJson(report: Report): string {
  return `${JSON.stringify(encodeReport(report), null, 2)}\n`;
}
