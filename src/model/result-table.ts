/**
 * Stores scenario results by content: each distinct evidence document and each distinct result
 * once. `add` returns the result's key and a scenario result whose heavy parts (checks, evidence,
 * posture...) are the stored ones, so thousands of identical node results share one copy in memory.
 */
import type { Evidence } from '../../probes/model.js';
import { contentHash } from './content-hash.js';
import type { CheckReport, ScenarioReport } from './report.js';
import { placeOf, RESULT_KEYS, resultHashInput, type StoredCheck, type StoredResult } from './report-file.js';

type LiveResult = Pick<ScenarioReport, (typeof RESULT_KEYS)[number]>;

/** Content hashes already computed, by object identity (documents are never mutated once stored). */
const hashOf = new WeakMap<object, string>();

/** A result already stored somewhere: its key, stored form and shared in-memory form, by its shared checks array. */
interface Interned {
  ref: string;
  stored: StoredResult;
  live: LiveResult;
}
const internedBy = new WeakMap<object, Interned>();

/** Records a stored result and its in-memory form, so later tables take it without hashing it again. */
export function registerResult(ref: string, stored: StoredResult, live: LiveResult): void {
  internedBy.set(live.checks, { ref, stored, live });
  stored.checks.forEach((c, i) => {
    const doc = live.checks[i]?.evidence;
    if (c.evidence && doc) hashOf.set(doc, c.evidence);
  });
  if (stored.environment && live.environment) hashOf.set(live.environment, stored.environment);
}

/** A table of distinct results and evidence documents. */
export class ResultTable {
  /** Evidence documents by key, in the order first seen. */
  readonly evidence = new Map<string, Evidence>();
  /** Stored results by key, in the order first seen. */
  readonly results = new Map<string, StoredResult>();
  private readonly live = new Map<string, LiveResult>();

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

  /** Takes a result already interned (every result field of `s` is the very object stored), without hashing. */
  private reuse(s: ScenarioReport): string | undefined {
    const hit = internedBy.get(s.checks);
    if (!hit || !RESULT_KEYS.every((k) => s[k] === hit.live[k])) return undefined;
    if (!this.results.has(hit.ref)) {
      this.results.set(hit.ref, hit.stored);
      this.live.set(hit.ref, hit.live);
      hit.stored.checks.forEach((c, i) => {
        const doc = hit.live.checks[i].evidence;
        if (c.evidence && doc && !this.evidence.has(c.evidence)) this.evidence.set(c.evidence, doc);
      });
      if (hit.stored.environment && hit.live.environment && !this.evidence.has(hit.stored.environment)) this.evidence.set(hit.stored.environment, hit.live.environment);
    }
    return hit.ref;
  }

  /** Adds one scenario result; returns its result key and the scenario result rebuilt on shared parts. */
  add(s: ScenarioReport): { ref: string; scenario: ScenarioReport } {
    const reused = this.reuse(s);
    if (reused !== undefined) return { ref: reused, scenario: s };
    const stored: StoredCheck[] = [];
    const checks: CheckReport[] = s.checks.map((c) => {
      const e = c.evidence === null || c.evidence === undefined ? undefined : this.putEvidence(c.evidence);
      stored.push({ id: c.id, boundary: c.boundary, status: c.status, summary: c.summary, evidence: e?.ref ?? null, durationMs: c.durationMs, ...(c.advisory ? { advisory: true } : {}) });
      return e && e.doc !== c.evidence ? { ...c, evidence: e.doc } : c;
    });
    const env = s.environment ? this.putEvidence(s.environment) : undefined;
    const result: Record<string, unknown> = {};
    for (const k of RESULT_KEYS) if (s[k] !== undefined) result[k] = s[k];
    const storedResult = { ...result, checks: stored, ...(env ? { environment: env.ref } : {}) } as StoredResult;
    const ref = contentHash(resultHashInput(storedResult));
    let live = this.live.get(ref);
    if (!live) {
      this.results.set(ref, storedResult);
      live = { ...(result as LiveResult), checks, ...(env ? { environment: env.doc } : {}) };
      this.live.set(ref, live);
      registerResult(ref, storedResult, live);
    }
    return { ref, scenario: { ...placeOf(s), ...live } as ScenarioReport };
  }
}
