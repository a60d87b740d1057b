/**
 * Stores scenario results by content: each distinct evidence document, check result and result
 * once. `add` returns the result's key and a scenario result whose parts (checks, evidence,
 * posture...) are the stored ones, so thousands of node results that agree share one copy in
 * memory, and a node that differs in a few checks adds only those.
 */
import type { Evidence } from '../../probes/model.js';
import { contentHash } from './content-hash.js';
import type { CheckReport, ScenarioReport } from './report.js';
import { checkHashInput, placeOf, RESULT_KEYS, type StoredCheck, type StoredResult } from './report-file.js';

type LiveResult = Pick<ScenarioReport, (typeof RESULT_KEYS)[number]>;

/** Content hashes already computed, by object identity (stored parts are never mutated). */
const hashOf = new WeakMap<object, string>();

/** A result already stored somewhere: its key, stored form, shared in-memory form and its check entries, by its shared checks array. */
interface Interned {
  ref: string;
  stored: StoredResult;
  live: LiveResult;
  checks: StoredCheck[];
}
const internedBy = new WeakMap<object, Interned>();

/** Records a stored result and its in-memory form, so later tables take it without hashing it again. */
export function registerResult(ref: string, stored: StoredResult, live: LiveResult, checks: StoredCheck[]): void {
  internedBy.set(live.checks, { ref, stored, live, checks });
  checks.forEach((c, i) => {
    hashOf.set(live.checks[i], stored.checks[i]);
    const doc = live.checks[i].evidence;
    if (c.evidence && doc) hashOf.set(doc, c.evidence);
  });
  if (stored.environment && live.environment) hashOf.set(live.environment, stored.environment);
}

/** A table of distinct results, check results and evidence documents. */
export class ResultTable {
  /** Evidence documents by key, in the order first seen. */
  readonly evidence = new Map<string, Evidence>();
  /** Check results by key, in the order first seen. */
  readonly checks = new Map<string, StoredCheck>();
  /** Stored results by key, in the order first seen. */
  readonly results = new Map<string, StoredResult>();
  private readonly live = new Map<string, LiveResult>();
  private readonly liveChecks = new Map<string, CheckReport>();

  private putEvidence(doc: Evidence): { ref: string; doc: Evidence } {
    let ref = hashOf.get(doc);
    if (ref === undefined) {
      ref = contentHash(doc);
      hashOf.set(doc, ref);
    }
    const known = this.evidence.get(ref);
    if (known) return { ref, doc: known };
    this.evidence.set(ref, doc);
    return { ref, doc };
  }

  private putCheck(c: CheckReport): { ref: string; check: CheckReport; stored: StoredCheck } {
    const e = c.evidence === null || c.evidence === undefined ? undefined : this.putEvidence(c.evidence);
    const stored: StoredCheck = { id: c.id, boundary: c.boundary, status: c.status, summary: c.summary, evidence: e?.ref ?? null, durationMs: c.durationMs, ...(c.advisory ? { advisory: true } : {}) };
    let ref = hashOf.get(c);
    if (ref === undefined) ref = contentHash(checkHashInput(stored));
    const known = this.liveChecks.get(ref);
    if (known) return { ref, check: known, stored: this.checks.get(ref)! };
    const check = e && e.doc !== c.evidence ? { ...c, evidence: e.doc } : c;
    hashOf.set(check, ref);
    this.checks.set(ref, stored);
    this.liveChecks.set(ref, check);
    return { ref, check, stored };
  }

  /** Takes a result already interned (every result field of `s` is the very object stored), without hashing. */
  private reuse(s: ScenarioReport): string | undefined {
    const hit = internedBy.get(s.checks);
    if (!hit || !RESULT_KEYS.every((k) => s[k] === hit.live[k])) return undefined;
    if (!this.results.has(hit.ref)) {
      this.results.set(hit.ref, hit.stored);
      this.live.set(hit.ref, hit.live);
      hit.checks.forEach((c, i) => {
        const ref = hit.stored.checks[i];
        const live = hit.live.checks[i];
        if (!this.checks.has(ref)) {
          this.checks.set(ref, c);
          this.liveChecks.set(ref, live);
        }
        if (c.evidence && live.evidence && !this.evidence.has(c.evidence)) this.evidence.set(c.evidence, live.evidence);
      });
      if (hit.stored.environment && hit.live.environment && !this.evidence.has(hit.stored.environment)) this.evidence.set(hit.stored.environment, hit.live.environment);
    }
    return hit.ref;
  }

  /** Adds one scenario result; returns its result key and the scenario result rebuilt on shared parts. */
  add(s: ScenarioReport): { ref: string; scenario: ScenarioReport } {
    const reused = this.reuse(s);
    if (reused !== undefined) return { ref: reused, scenario: s };
    const parts = s.checks.map((c) => this.putCheck(c));
    const env = s.environment ? this.putEvidence(s.environment) : undefined;
    const result: Record<string, unknown> = {};
    for (const k of RESULT_KEYS) if (s[k] !== undefined) result[k] = s[k];
    const storedResult = { ...result, checks: parts.map((p) => p.ref), ...(env ? { environment: env.ref } : {}) } as StoredResult;
    const ref = contentHash(storedResult);
    let live = this.live.get(ref);
    if (!live) {
      this.results.set(ref, storedResult);
      live = { ...(result as LiveResult), checks: parts.map((p) => p.check), ...(env ? { environment: env.doc } : {}) };
      this.live.set(ref, live);
      registerResult(ref, storedResult, live, parts.map((p) => p.stored));
    }
    return { ref, scenario: { ...placeOf(s), ...live } as ScenarioReport };
  }
}
