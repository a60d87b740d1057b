/**
 * JSON reporter: the canonical report as a schemaVersion 2 file (docs/report-format.md). The run's
 * facts are indented; each scenario result and each table entry takes one line, so the file stays
 * small at thousands of nodes and still reads, diffs and greps line by line.
 */
import { encodeReport } from '../model/encode-report.js';
import type { Report } from '../model/report.js';

const LISTS = new Set(['scenarios', 'results', 'checks', 'evidence']);

/** `"key": value` with the value indented as a nested field. */
const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;

/** An array or table with one compact entry per line. */
function list(key: string, value: unknown): string {
  const lines = Array.isArray(value) ? value.map((v) => `    ${JSON.stringify(v)}`) : Object.entries(value as object).map(([k, v]) => `    ${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return lines.length ? `  ${JSON.stringify(key)}: ${open}\n${lines.join(',\n')}\n  ${close}` : `  ${JSON.stringify(key)}: ${open}${close}`;
}

/** Serialises the canonical report; each distinct result, check result and evidence document appears once. */
export function renderJson(report: Report): string {
  const doc = encodeReport(report) as unknown as Record<string, unknown>;
  const parts = Object.entries(doc).map(([k, v]) => (LISTS.has(k) ? list(k, v) : field(k, v)));
  return `{\n${parts.join(',\n')}\n}\n`;
}
