/**
 * Stores scenario results by content: each distinct evidence document, check result and result
 * once. `add` returns the result's key and a scenario result whose parts (checks, evidence,
 * posture...) are the stored ones, so thousands of node results that agree share one copy in
 * memory, and a node that differs in a few checks adds only those. With a spool, each new
 * evidence document goes to disk at once and the stored parts only hold its key.
 * The file forms (StoredCheck, StoredResult) are derived from the stored parts when written.
 */
import type { Evidence } from '../../probes/model.js';
import { canonicalJson, contentHash } from './content-hash.js';
import { copyWithHeld, heldEvidence, holdEvidence, MemoryEvidence, type EvidenceSource } from './evidence-source.js';
import type { EvidenceSpool } from './evidence-spool.js';
import type { CheckReport, ScenarioReport } from './report.js';
import { checkHashInput, placeOf, RESULT_KEYS } from './report-file.js';
import { evidenceRefOf, hashOf, internedResult, registerResult, storedCheck, storedResult, type LiveResult } from './stored-forms.js';

export { registerResult, storedCheck, storedResult, type LiveResult } from './stored-forms.js';

/** Result fields that nodes nearly always share (the suite's posture and expectations, the verdicts); stored parts are never mutated. */
const SHARED_FIELDS = new Set<string>(['posture', 'expected', 'boundaries']);

/** Whether `s` has the very environment of `live` (the same held key, or the same document object), without loading it. */
function sameEnvironment(s: object, live: LiveResult): boolean {
  const hs = heldEvidence(s);
  const hl = heldEvidence(live);
  if (hs || hl) return hs?.ref === hl?.ref && hs?.source === hl?.source;
  return (s as LiveResult).environment === live.environment;
}

/** A table of distinct results, check results and evidence documents, each in the order first seen. */
export class ResultTable {
  /** Where each evidence document is, by key. */
  readonly evidence = new Map<string, EvidenceSource>();
  /** Stored check results by key. */
  readonly checks = new Map<string, CheckReport>();
  /** Stored results by key. */
  readonly results = new Map<string, LiveResult>();
  private readonly memory = new MemoryEvidence();

  /** Equal values of the fields most results share, by canonical JSON. */
  private readonly values = new Map<string, unknown>();

  /** The first stored value equal to `value` (results parsed afresh from each probe otherwise keep a copy each). */
  private shared(key: string, value: unknown): unknown {
    const text = `${key}\u0000${canonicalJson(value)}`;
    const known = this.values.get(text);
    if (known !== undefined) return known;
    this.values.set(text, value);
    return value;
  }

  /** With a spool, new evidence documents are written to it and held by key, not kept in memory. */
  constructor(private readonly spool?: EvidenceSpool) {}

  /** Records the evidence behind `owner[key]`; returns its key and whether it is held (else the document). */
  private putEvidence(owner: object, key: 'evidence' | 'environment'): { ref: string; source: EvidenceSource; doc?: Evidence } | undefined {
    const h = heldEvidence(owner);
    if (h) {
      if (!this.evidence.has(h.ref)) this.evidence.set(h.ref, h.source);
      return { ref: h.ref, source: this.evidence.get(h.ref)! };
    }
    const doc = (owner as Record<string, unknown>)[key] as Evidence | null | undefined;
    if (doc === null || doc === undefined) return undefined;
    const ref = evidenceRefOf(owner, key)!;
    const known = this.evidence.get(ref);
    if (known) return { ref, source: known, ...(known === this.memory ? { doc: this.memory.load(ref) } : {}) };
    if (this.spool) {
      this.spool.add(ref, doc);
      this.evidence.set(ref, this.spool);
      return { ref, source: this.spool };
    }
    this.evidence.set(ref, this.memory);
    return { ref, source: this.memory, doc: this.memory.put(ref, doc) };
  }

  /** The stored form of part `owner[key]`: the document, or a getter holding its key. */
  private attach<T extends object>(into: T, key: 'evidence' | 'environment', e: { ref: string; source: EvidenceSource; doc?: Evidence }): T {
    if (e.doc) {
      (into as Record<string, unknown>)[key] = e.doc;
      return into;
    }
    return holdEvidence(into, key, e.source, e.ref);
  }

  private putCheck(c: CheckReport): { ref: string; check: CheckReport } {
    const e = this.putEvidence(c, 'evidence');
    let ref = hashOf.get(c);
    if (ref === undefined) ref = contentHash(checkHashInput(storedCheck(c)));
    const known = this.checks.get(ref);
    if (known) return { ref, check: known };
    // The caller's object is kept when it already holds what is stored; else a copy holds it.
    const check = !e || heldEvidence(c) || (e.doc !== undefined && e.doc === c.evidence) ? c : this.attach({ ...c }, 'evidence', e);
    hashOf.set(check, ref);
    this.checks.set(ref, check);
    return { ref, check };
  }

  /** Takes a result already interned (every result field of `s` is the very object stored), without hashing. */
  private reuse(s: ScenarioReport): string | undefined {
    const hit = internedResult(s.checks);
    if (!hit || !RESULT_KEYS.every((k) => (k === 'environment' ? sameEnvironment(s, hit.live) : s[k] === hit.live[k]))) return undefined;
    if (!this.results.has(hit.ref)) {
      this.results.set(hit.ref, hit.live);
      for (const c of hit.live.checks) {
        const ref = hashOf.get(c)!;
        if (!this.checks.has(ref)) {
          this.checks.set(ref, c);
          this.putEvidence(c, 'evidence');
        }
      }
      this.putEvidence(hit.live, 'environment');
    }
    return hit.ref;
  }

  /** Adds one scenario result; returns its result key and the scenario result rebuilt on shared parts. */
  add(s: ScenarioReport): { ref: string; scenario: ScenarioReport } {
    const reused = this.reuse(s);
    if (reused !== undefined) return { ref: reused, scenario: s };
    const parts = s.checks.map((c) => this.putCheck(c));
    const env = this.putEvidence(s, 'environment');
    const live: Record<string, unknown> = {};
    for (const k of RESULT_KEYS) {
      if (k === 'checks') live.checks = parts.map((p) => p.check);
      else if (k === 'environment') {
        if (env) this.attach(live, 'environment', env);
      } else if (s[k] !== undefined) live[k] = SHARED_FIELDS.has(k) ? this.shared(k, s[k]) : s[k];
    }
    const ref = contentHash(storedResult(live as unknown as LiveResult));
    let shared = this.results.get(ref);
    if (!shared) {
      shared = live as unknown as LiveResult;
      this.results.set(ref, shared);
      registerResult(ref, shared, parts.map((p) => p.ref));
    }
    return { ref, scenario: placed(placeOf(s), shared) };
  }
}

/** A scenario result: its place, then its stored result's fields (held evidence stays held). */
export function placed(place: object, live: LiveResult): ScenarioReport {
  return copyWithHeld({ ...place }, live) as unknown as ScenarioReport;
}
