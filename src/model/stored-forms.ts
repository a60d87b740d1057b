/**
 * The file forms of stored parts (docs/report-format.md): a check result or result with the keys
 * of its parts in place of the parts, derived when a report is written. Keys already computed
 * are remembered by object identity (stored parts are never mutated).
 */
import type { Evidence } from '../../probes/model.js';
import { contentHash } from './content-hash.js';
import { heldEvidence } from './evidence-source.js';
import type { CheckReport, ScenarioReport } from './report.js';
import { checkHashInput, RESULT_KEYS, type StoredCheck, type StoredResult } from './report-file.js';

/** A scenario result without its place (suite, name, node, timings). */
export type LiveResult = Pick<ScenarioReport, (typeof RESULT_KEYS)[number]>;

/** Content hashes already computed, by object identity (stored parts are never mutated). */
export const hashOf = new WeakMap<object, string>();
/** Stored results by their shared checks array: the key and the stored result. */
const internedBy = new WeakMap<object, { ref: string; live: LiveResult }>();

/** The stored result whose checks array this is, if one was registered. */
export function internedResult(checks: object): { ref: string; live: LiveResult } | undefined {
  return internedBy.get(checks);
}

/** Records that `live` is the stored result `ref`, its checks the check results `checkRefs`, so later tables take it without hashing. */
export function registerResult(ref: string, live: LiveResult, checkRefs: readonly string[]): void {
  internedBy.set(live.checks, { ref, live });
  live.checks.forEach((c, i) => hashOf.set(c, checkRefs[i]));
}

/** The key of the evidence behind `owner[key]`, or undefined when there is none. */
export function evidenceRefOf(owner: object, key: 'evidence' | 'environment'): string | undefined {
  const h = heldEvidence(owner);
  if (h) return h.ref;
  const doc = (owner as Record<string, unknown>)[key] as Evidence | null | undefined;
  if (doc === null || doc === undefined) return undefined;
  let ref = hashOf.get(doc);
  if (ref === undefined) hashOf.set(doc, (ref = contentHash(doc)));
  return ref;
}

/** The file form of a stored check result. */
export function storedCheck(c: CheckReport): StoredCheck {
  return { id: c.id, boundary: c.boundary, status: c.status, summary: c.summary, evidence: evidenceRefOf(c, 'evidence') ?? null, durationMs: c.durationMs, ...(c.advisory ? { advisory: true } : {}) };
}

/** The file form of a stored result: check and evidence keys in place of the parts. */
export function storedResult(live: LiveResult): StoredResult {
  const out: Record<string, unknown> = {};
  for (const k of RESULT_KEYS) {
    if (k === 'environment') {
      const env = evidenceRefOf(live, 'environment');
      if (env !== undefined) out.environment = env;
    } else if (k === 'checks') out.checks = live.checks.map((c) => hashOf.get(c) ?? contentHash(checkHashInput(storedCheck(c))));
    else if (live[k] !== undefined) out[k] = live[k];
  }
  return out as unknown as StoredResult;
}
