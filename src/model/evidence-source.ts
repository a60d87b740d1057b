/**
 * Where evidence documents live while a report is in memory. A check's `evidence` and a result's
 * `environment` are either the document itself (small reports, tests) or a reference held into a
 * source on disk (the runner's spool, a saved report file): then the property is a getter that
 * loads the document when a renderer reads it, so thousands of per-node results keep only keys.
 */
import type { Evidence } from '../../probes/model.js';

/** A store of evidence documents by content hash. */
export interface EvidenceSource {
  /** The document (parsed afresh or from a small cache). */
  load(ref: string): Evidence;
  /** The document as `JSON.stringify` writes it, the form the JSON report stores. */
  json(ref: string): string;
}

/** Documents held in memory, by key. */
export class MemoryEvidence implements EvidenceSource {
  private readonly docs = new Map<string, Evidence>();
  /** Keeps `doc` under `ref` (the first document given for a key stays). */
  put(ref: string, doc: Evidence): Evidence {
    const known = this.docs.get(ref);
    if (known) return known;
    this.docs.set(ref, doc);
    return doc;
  }
  load(ref: string): Evidence {
    const doc = this.docs.get(ref);
    if (!doc) throw new Error(`evidence ${ref} is not held`);
    return doc;
  }
  json(ref: string): string {
    return JSON.stringify(this.load(ref));
  }
}

/** A reference to a document in a source. */
export interface HeldEvidence {
  source: EvidenceSource;
  ref: string;
}

const held = new WeakMap<object, HeldEvidence>();

/** The one getter of every held property (shared, so held objects share their hidden classes). */
function loadHeld(this: object): Evidence {
  const h = held.get(this);
  if (!h) throw new Error('held evidence without a reference');
  return h.source.load(h.ref);
}
const HELD_PROPERTY: PropertyDescriptor = { enumerable: true, configurable: true, get: loadHeld };

/** Makes `owner[key]` load the document from `source` when read (an enumerable getter: JSON and spreads still see it). */
export function holdEvidence<T extends object>(owner: T, key: 'evidence' | 'environment', source: EvidenceSource, ref: string): T {
  Object.defineProperty(owner, key, HELD_PROPERTY);
  held.set(owner, { source, ref });
  return owner;
}

/** The held reference behind `owner`'s evidence or environment, when it is held rather than inline. */
export function heldEvidence(owner: object): HeldEvidence | undefined {
  return held.get(owner);
}

/** A copy of `from` that keeps held properties held (a spread would load them). */
export function copyWithHeld<T extends object>(into: Record<string, unknown>, from: T): T {
  for (const key of Object.keys(from)) Object.defineProperty(into, key, Object.getOwnPropertyDescriptor(from, key)!);
  const h = held.get(from);
  if (h) held.set(into, h);
  return into as T;
}

/** A tiny first-in first-out cache of parsed documents, so a renderer reading one document twice parses it once. */
export class DocCache {
  private readonly docs = new Map<string, Evidence>();
  constructor(private readonly max = 256) {}
  get(ref: string, parse: () => Evidence): Evidence {
    let doc = this.docs.get(ref);
    if (doc) return doc;
    doc = parse();
    if (this.docs.size >= this.max) this.docs.delete(this.docs.keys().next().value!);
    this.docs.set(ref, doc);
    return doc;
  }
}
