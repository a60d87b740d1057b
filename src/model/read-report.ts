/**
 * Reads a saved report, schemaVersion 1 (evidence inline) or 2 (results, checks and evidence by hash),
 * into the canonical in-memory report. The file may come from anywhere: every reference must
 * resolve and every table entry must match its hash; anything else is a usage error naming the file.
 */
import { UsageError } from '../errors.js';
import { readInputText } from '../io/safe-read.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { contentHash, isContentHash } from './content-hash.js';
import { holdEvidence } from './evidence-source.js';
import type { FileEvidence } from './file-evidence.js';
import type { CheckReport, Report, ScenarioReport } from './report.js';
import { checkHashInput, PLACE_KEYS, RESULT_KEYS, type StoredCheck } from './report-file.js';
import { fail, ReportFormatError } from './report-format-error.js';
import { readReportLines } from './report-lines.js';
import { placed, registerResult, type LiveResult } from './result-table.js';

export { ReportFormatError } from './report-format-error.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The shape every scenario result needs for the reporters (suite, name, checks, boundaries, expectation). */
function checkResultShape(r: Record<string, unknown>, where: string, checks: 'inline' | 'string' = 'inline'): void {
  if (r.admission !== 'allowed' && r.admission !== 'denied') fail(where, 'admission must be allowed or denied');
  if (!Array.isArray(r.checks)) fail(where, 'checks is not a list');
  if (checks === 'inline') {
    r.checks.forEach((c: unknown, i) => {
      if (!isRecord(c) || typeof c.id !== 'string' || typeof c.boundary !== 'string' || typeof c.status !== 'string' || typeof c.summary !== 'string') fail(`${where}.checks[${i}]`, 'not a check (id, boundary, status, summary)');
    });
  }
  if (!isRecord(r.boundaries)) fail(where, 'boundaries is not an object');
  if (!isRecord(r.expectation) || typeof r.expectation.met !== 'boolean' || !Array.isArray(r.expectation.unmet)) fail(where, 'expectation is not {met, unmet}');
}

function checkPlace(s: Record<string, unknown>, where: string): void {
  if (typeof s.suite !== 'string' || typeof s.name !== 'string') fail(where, 'not a scenario report (suite, name)');
  if (s.node !== undefined && typeof s.node !== 'string') fail(where, 'node is not a string');
}

function decodeV1(doc: Record<string, unknown>): Report {
  (doc.scenarios as unknown[]).forEach((s, i) => {
    if (!isRecord(s)) fail(`scenarios[${i}]`, 'not a scenario report');
    checkPlace(s, `scenarios[${i}]`);
    checkResultShape(s, `scenarios[${i}]`);
  });
  return doc as unknown as Report;
}

/**
 * Decodes a version 2 document. Evidence comes from its `evidence` table (documents checked and
 * kept inline), or, for a file read line by line, stays in the file: `held` knows where.
 */
function decodeV2(doc: Record<string, unknown>, held?: FileEvidence): Report {
  const { results, checks, evidence } = doc;
  if (!isRecord(results) || !isRecord(checks) || (!held && !isRecord(evidence))) fail('', 'schemaVersion 2 needs the results, checks and evidence tables');
  const missing = (name: string, ref: unknown, where: string): never => fail(where, `${name} ${String(ref).slice(0, 70)} is not in the ${name === 'evidence' ? 'evidence' : `${name}s`} table`);
  const entry = (table: Record<string, unknown>, name: string, ref: unknown, where: string): Record<string, unknown> => {
    if (!isContentHash(ref) || !Object.hasOwn(table, ref) || !isRecord(table[ref])) missing(name, ref, where);
    return table[ref as string] as Record<string, unknown>;
  };
  const docs = new Map<string, Record<string, unknown>>();
  /** Sets `owner[key]` to the document `ref`: inline, or held in the file. */
  const attachEvidence = (owner: object, key: 'evidence' | 'environment', ref: unknown, where: string) => {
    if (held) {
      if (!isContentHash(ref) || !held.has(ref)) missing('evidence', ref, where);
      return void holdEvidence(owner, key, held, ref as string);
    }
    let d = docs.get(ref as string);
    if (!d) {
      d = entry(evidence as Record<string, unknown>, 'evidence', ref, where);
      if (contentHash(d) !== ref) fail(`evidence.${ref as string}`, 'content does not match its hash (altered)');
      docs.set(ref as string, d);
    }
    (owner as Record<string, unknown>)[key] = d;
  };
  const liveChecks = new Map<string, CheckReport>();
  const checkOf = (ref: unknown, where: string): CheckReport => {
    let c = liveChecks.get(ref as string);
    if (c) return c;
    const stored = entry(checks, 'check', ref, where);
    const at = `checks.${ref as string}`;
    if (typeof stored.id !== 'string' || typeof stored.boundary !== 'string' || typeof stored.status !== 'string' || typeof stored.summary !== 'string') fail(at, 'not a check (id, boundary, status, summary)');
    if (contentHash(checkHashInput(stored as unknown as StoredCheck)) !== ref) fail(at, 'content does not match its hash (altered)');
    // Read line by line, the parsed entry is the reader's own and becomes the check result (no second copy).
    const evidenceRef = stored.evidence;
    c = (held ? stored : { ...stored }) as unknown as CheckReport;
    c.evidence = null;
    if (evidenceRef !== null && evidenceRef !== undefined) attachEvidence(c, 'evidence', evidenceRef, at);
    liveChecks.set(ref as string, c);
    return c;
  };
  const live = new Map<string, LiveResult>();
  const resultOf = (ref: unknown, where: string): LiveResult => {
    let r = live.get(ref as string);
    if (r) return r;
    const stored = entry(results, 'result', ref, where);
    const at = `results.${ref as string}`;
    checkResultShape(stored, at, 'string');
    if (contentHash(stored) !== ref) fail(at, 'content does not match its hash (altered)');
    const out: Record<string, unknown> = {};
    for (const k of RESULT_KEYS) {
      if (k === 'checks') out.checks = (stored.checks as unknown[]).map((c, i) => checkOf(c, `${at}.checks[${i}]`));
      else if (k === 'environment') {
        if (stored.environment !== undefined) attachEvidence(out, 'environment', stored.environment, `${at}.environment`);
      } else if (stored[k] !== undefined) out[k] = stored[k];
    }
    r = out as unknown as LiveResult;
    registerResult(ref as string, r, stored.checks as string[]);
    live.set(ref as string, r);
    return r;
  };
  const scenarios = (doc.scenarios as unknown[]).map((s, i): ScenarioReport => {
    if (!isRecord(s)) fail(`scenarios[${i}]`, 'not a scenario report');
    checkPlace(s, `scenarios[${i}]`);
    // Only the place fields come from the entry: everything a verdict depends on comes from the hashed result.
    const place: Record<string, unknown> = {};
    for (const k of PLACE_KEYS) if (s[k] !== undefined) place[k] = s[k];
    return placed(place, resultOf(s.result, `scenarios[${i}].result`));
  });
  const { results: _r, checks: _c, evidence: _e, ...head } = doc;
  return { ...(head as unknown as Report), scenarios };
}

/** Turns a parsed report file (version 1 or 2) into the canonical report; throws ReportFormatError. `held`: evidence left in the file. */
export function decodeReport(doc: unknown, held?: FileEvidence): Report {
  if (!isRecord(doc) || (doc.schemaVersion !== 1 && doc.schemaVersion !== 2) || !Array.isArray(doc.scenarios)) {
    fail('', 'not an escapekit report (schemaVersion 1 or 2)');
  }
  const report = doc.schemaVersion === 1 ? decodeV1(doc) : decodeV2(doc, held);
  if (!isRecord(doc.summary) || !isRecord(doc.target) || !isRecord(doc.tool)) fail('', 'not an escapekit report (tool, target or summary missing)');
  return report;
}

/** Largest saved report read (a schemaVersion 2 report of 22,000 per-pod results is about 175 MB). */
export const MAX_REPORT_BYTES = 512 * 1024 * 1024;

/** Reads the whole file and parses it (any JSON layout). */
function parseWhole(file: string, what: string, maxBytes: number): unknown {
  const text = readInputText(file, { maxBytes, what });
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${terminalSafe(`${what} ${file}`)}: not a JSON report`); // the parser's message would quote the content
  }
}

/**
 * Reads and decodes a report file through the safe reader (no links, FIFOs or devices, bounded):
 * line by line when it has escapekit's layout (evidence then stays in the file until rendered),
 * else whole. Problems are usage errors naming `what` and the file (e.g. `--baseline FILE`), never quoting content.
 */
export function readReportFile(file: string, what = 'report', maxBytes = MAX_REPORT_BYTES): Report {
  const label = `${what} ${file}`;
  try {
    const lines = readReportLines(file, { maxBytes, what });
    if (lines?.head.schemaVersion === 2) return decodeReport({ ...lines.head, scenarios: lines.scenarios, results: lines.results, checks: lines.checks }, lines.evidence);
    return decodeReport(parseWhole(file, what, maxBytes));
  } catch (error) {
    if (error instanceof ReportFormatError) throw new UsageError(`${terminalSafe(label)}: ${terminalSafe(error.message)}`);
    throw error;
  }
}
