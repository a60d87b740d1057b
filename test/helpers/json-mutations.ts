/**
 * Single-point mutations of a JSON document: each value replaced by each other JSON type,
 * each object field removed. (Removing an array item is a change of meaning, not of shape.)
 */

/** One mutated copy of a document, with where and what was changed. */
export interface Mutation {
  label: string;
  value: unknown;
}

type JsonType = 'null' | 'boolean' | 'number' | 'string' | 'array' | 'object';

// One representative per JSON type, plus the values careless code treats as "nothing found".
const SAMPLES: ReadonlyArray<[JsonType, unknown]> = [
  ['null', null], ['boolean', true], ['boolean', false], ['number', 0], ['number', -1], ['string', ''], ['string', 'x'], ['array', []], ['object', {}],
];

const typeOf = (v: unknown): JsonType => (v === null ? 'null' : Array.isArray(v) ? 'array' : (typeof v as JsonType));

/** Returns `doc` with the value at `at` replaced (or removed when `replacement` is the REMOVE marker). */
const REMOVE = Symbol('remove');
function replaced(doc: unknown, at: ReadonlyArray<string | number>, replacement: unknown): unknown {
  if (at.length === 0) return replacement;
  const [head, ...rest] = at;
  if (Array.isArray(doc)) {
    const copy = doc.slice();
    if (rest.length === 0 && replacement === REMOVE) copy.splice(head as number, 1);
    else copy[head as number] = replaced(doc[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(doc as Record<string, unknown>) };
  if (rest.length === 0 && replacement === REMOVE) delete copy[head as string];
  else copy[head as string] = replaced((doc as Record<string, unknown>)[head as string], rest, replacement);
  return copy;
}

function* paths(doc: unknown, at: Array<string | number> = []): Generator<Array<string | number>> {
  yield at;
  if (Array.isArray(doc)) for (let i = 0; i < doc.length; i++) yield* paths(doc[i], [...at, i]);
  else if (doc !== null && typeof doc === 'object') for (const k of Object.keys(doc)) yield* paths((doc as Record<string, unknown>)[k], [...at, k]);
}

function valueAt(doc: unknown, at: ReadonlyArray<string | number>): unknown {
  return at.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc);
}

/** Every single-point mutation of `doc`: wrong-type replacements at every path, and field removals. */
export function* mutations(doc: unknown): Generator<Mutation> {
  for (const at of paths(doc)) {
    const where = at.length === 0 ? '(root)' : at.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('');
    const current = valueAt(doc, at);
    for (const [type, sample] of SAMPLES) {
      if (type === typeOf(current)) continue;
      yield { label: `${where} := ${JSON.stringify(sample)}`, value: replaced(doc, at, sample) };
    }
    if (typeof at[at.length - 1] === 'string') yield { label: `${where} removed`, value: replaced(doc, at, REMOVE) };
  }
}
