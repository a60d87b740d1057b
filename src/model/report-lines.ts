/**
 * Reads a report file in the layout escapekit writes (docs/report-format.md: facts indented, one
 * line per scenario and per table entry) a line at a time, so a file of hundreds of megabytes is
 * never held whole: scenario entries, results and checks are parsed line by line, and evidence
 * documents are checked against their keys and then left in the file (FileEvidence). Any other
 * layout (valid JSON all the same) returns undefined and is read whole by the caller.
 */
import { firstInvalidUtf8, readChunks, withInputFile, type InputFileOptions } from '../io/safe-read.js';
import { contentHash } from './content-hash.js';
import { FileEvidence, MAX_LINE } from './file-evidence.js';
import { fail } from './report-format-error.js';

/** A report file read line by line: its facts, scenario entries, results and checks tables, and where its evidence is. */
export interface ReportLines {
  head: Record<string, unknown>;
  scenarios: unknown[];
  results: Record<string, unknown>;
  checks: Record<string, unknown>;
  evidence: FileEvidence;
}

type ListName = 'scenarios' | 'results' | 'checks' | 'evidence';
const LIST_START = /^ {2}"(scenarios|results|checks|evidence)": ([[{])([\]}]?)(,?)$/;
const TABLE_KEY = /^"((?:[^"\\]|\\.)*)": /;

/** The layout is not the one escapekit writes: read the file whole instead. */
class OtherLayout extends Error {}

/** Repeated keys (check and evidence keys in results, result keys in scenarios) share one string. */
function interner(): (s: unknown) => unknown {
  const seen = new Map<string, string>();
  return (s) => {
    if (typeof s !== 'string') return s;
    const known = seen.get(s);
    if (known !== undefined) return known;
    seen.set(s, s);
    return s;
  };
}

/** Reads `file` line by line; undefined when its layout is not escapekit's. Throws ReportFormatError for an altered evidence entry. */
export function readReportLines(file: string, options: InputFileOptions): ReportLines | undefined {
  const evidence = new FileEvidence(file, options);
  const head: string[] = [];
  const lists: Record<ListName, unknown[] | Record<string, unknown> | undefined> = { scenarios: undefined, results: undefined, checks: undefined, evidence: undefined };
  const intern = interner();
  let open: { name: ListName; close: string } | undefined;
  let lineNo = 0;
  let ended = false;

  const entry = (name: ListName, body: string, offset: number) => {
    if (name === 'scenarios') {
      const s = JSON.parse(body) as Record<string, unknown>;
      if (typeof s === 'object' && s !== null) s.result = intern(s.result);
      return void (lists.scenarios as unknown[]).push(s);
    }
    const m = TABLE_KEY.exec(body);
    if (!m) throw new OtherLayout();
    const key = intern(JSON.parse(`"${m[1]}"`)) as string;
    const valueText = body.slice(m[0].length);
    const table = lists[name] as Record<string, unknown>;
    if (name === 'evidence') {
      if (Buffer.byteLength(valueText) >= MAX_LINE) throw new OtherLayout();
      // Checked now (a reader must refuse an altered entry up front), then left in the file.
      if (contentHash(JSON.parse(valueText)) !== key) fail(`evidence.${key}`, 'content does not match its hash (altered)');
      evidence.add(key, offset + Buffer.byteLength(`    ${m[0]}`), Buffer.byteLength(valueText));
      table[key] = true;
      return;
    }
    const value = JSON.parse(valueText) as Record<string, unknown>;
    if (typeof value === 'object' && value !== null) {
      if (name === 'results' && Array.isArray(value.checks)) value.checks = value.checks.map(intern);
      if (name === 'results') value.environment = intern(value.environment);
      if (name === 'checks') value.evidence = intern(value.evidence);
    }
    Object.defineProperty(table, key, { value, enumerable: true, configurable: true, writable: true });
  };

  const line = (bytes: Buffer, offset: number) => {
    if (ended && bytes.length) throw new OtherLayout();
    if (firstInvalidUtf8(bytes) >= 0) throw new OtherLayout(); // the whole-file reader names the byte
    const text = bytes.toString('utf8');
    if (lineNo++ === 0) {
      if (text !== '{') throw new OtherLayout();
      return;
    }
    if (open) {
      if (text === `  ${open.close}` || text === `  ${open.close},`) {
        head.push(`${JSON.stringify(open.name)}: null${text.endsWith(',') ? ',' : ''}`);
        open = undefined;
        return;
      }
      if (!text.startsWith('    ')) throw new OtherLayout();
      return entry(open.name, text.slice(4, text.endsWith(',') ? -1 : undefined), offset);
    }
    const start = LIST_START.exec(text);
    if (start) {
      const name = start[1] as ListName;
      if (lists[name] !== undefined) throw new OtherLayout(); // a list twice: JSON would keep the last one
      lists[name] = start[2] === '[' ? [] : Object.create(null);
      if (start[3]) head.push(`${JSON.stringify(name)}: null${start[4]}`);
      else open = { name, close: start[2] === '[' ? ']' : '}' };
      return;
    }
    if (text === '}') ended = true;
    else head.push(text);
  };

  try {
    withInputFile(file, options, (fd) => {
      let carry: Buffer | undefined;
      let carryAt = 0;
      readChunks(fd, file, options, (chunk) => {
        let buf = carry ? Buffer.concat([carry, chunk]) : chunk;
        let start = 0;
        for (let nl = buf.indexOf(10); nl >= 0; nl = buf.indexOf(10, start)) {
          line(buf.subarray(start, nl), carryAt + start);
          start = nl + 1;
        }
        carryAt += start;
        buf = buf.subarray(start);
        carry = buf.length ? Buffer.from(buf) : undefined;
      });
      if (carry) line(carry, carryAt);
    });
  } catch (error) {
    if (error instanceof OtherLayout || error instanceof SyntaxError) return undefined;
    throw error;
  }
  if (!ended || open) return undefined;
  let facts: Record<string, unknown>;
  try {
    facts = JSON.parse(`{${head.join('\n')}}`) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  // Each list must have been a top-level field (not one nested in a fact).
  for (const name of Object.keys(lists) as ListName[]) if (lists[name] !== undefined && facts[name] !== null) return undefined;
  for (const name of Object.keys(lists) as ListName[]) delete facts[name];
  if (!lists.scenarios) return undefined;
  return { head: facts, scenarios: lists.scenarios as unknown[], results: (lists.results ?? {}) as Record<string, unknown>, checks: (lists.checks ?? {}) as Record<string, unknown>, evidence };
}
