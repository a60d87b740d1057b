/**
 * JSON reporter: the canonical report as a schemaVersion 2 file (docs/report-format.md). The run's
 * facts are indented; each scenario result and each table entry takes one line, so the file stays
 * small at thousands of nodes and still reads, diffs and greps line by line. The file is produced
 * piece by piece (`jsonReportChunks`): a writer streams it, and evidence held on disk is read one
 * document at a time.
 */
import { encodeParts, storedChecks, storedResults } from '../model/encode-report.js';
import type { Report } from '../model/report.js';

/** `"key": value` with the value indented as a nested field. */
const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${JSON.stringify(value, null, 2).replace(/\n/g, '\n  ')}`;

/** An array or table with one compact entry per line (`entries` gives each line's text without indent). */
function* list(key: string, open: string, close: string, entries: Iterable<string>): Generator<string> {
  let first = true;
  for (const e of entries) {
    yield first ? `  ${JSON.stringify(key)}: ${open}\n    ${e}` : `,\n    ${e}`;
    first = false;
  }
  yield first ? `  ${JSON.stringify(key)}: ${open}${close}` : `\n  ${close}`;
}

function* mapped<T, U>(items: Iterable<T>, f: (item: T) => U): Generator<U> {
  for (const item of items) yield f(item);
}

/** The file's text in pieces, in order; joined they are `renderJson`'s text. */
export function* jsonReportChunks(report: Report): Generator<string> {
  const { head, scenarios, table } = encodeParts(report);
  yield '{\n';
  yield head.map(([k, v]) => field(k, v)).join(',\n');
  yield ',\n';
  yield* list('scenarios', '[', ']', mapped(scenarios, (s) => JSON.stringify(s)));
  yield ',\n';
  yield* list('results', '{', '}', mapped(storedResults(table), ([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`));
  yield ',\n';
  yield* list('checks', '{', '}', mapped(storedChecks(table), ([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`));
  yield ',\n';
  yield* list('evidence', '{', '}', mapped(table.evidence, ([k, source]) => `${JSON.stringify(k)}: ${source.json(k)}`));
  yield '\n}\n';
}

/** Serialises the canonical report; each distinct result, check result and evidence document appears once. */
export function renderJson(report: Report): string {
  return [...jsonReportChunks(report)].join('');
}
