/**
 * A tiny, dependency-free schema builder for evidence contracts. Every check declares the
 * shape of its evidence with it; the runner validates untrusted evidence before evaluate,
 * so a wrong type, a missing field or an out-of-range value is inconclusive, never holds.
 */

/** A validator for values of type T. `check` returns null when valid, else the first problem. */
export interface Shape<T> {
  /** Problem with `value` at JSON path `at`, or null when it conforms. */
  check(value: unknown, at: string): string | null;
  /** Human-readable type, used in problem messages. */
  readonly describe: string;
  /** True for shapes built by `optional`: the field may be absent. */
  readonly optional?: boolean;
  /** Phantom member that carries T for type inference; never set. */
  readonly __type?: T;
}

/** The type a shape validates. */
export type ShapeType<S> = S extends Shape<infer T> ? T : never;

type Props = Record<string, Shape<unknown>>;
type ObjectType<P extends Props> = { [K in keyof P]: ShapeType<P[K]> };

const DEFAULT_MAX_STRING = 64 * 1024;
const DEFAULT_MAX_ITEMS = 10_000;

/** The JSON type of a value, as problem messages name it. */
export function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const want = (at: string, describe: string, v: unknown) => `${at}: expected ${describe}, got ${jsonType(v)}`;
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function make<T>(describe: string, check: (v: unknown, at: string) => string | null, optional = false): Shape<T> {
  return optional ? { describe, check, optional: true } : { describe, check };
}

/** A string of at most `max` characters (64 KiB by default), optionally matching `pattern`. */
export function string(opts: { max?: number; pattern?: RegExp } = {}): Shape<string> {
  const max = opts.max ?? DEFAULT_MAX_STRING;
  return make('string', (v, at) => {
    if (typeof v !== 'string') return want(at, 'string', v);
    if (v.length > max) return `${at}: string longer than ${max}`;
    if (opts.pattern && !opts.pattern.test(v)) return `${at}: ${JSON.stringify(v.slice(0, 40))} does not match ${opts.pattern}`;
    return null;
  });
}

/** true or false. */
export function boolean(): Shape<boolean> {
  return make('boolean', (v, at) => (typeof v === 'boolean' ? null : want(at, 'boolean', v)));
}

/** A finite number within [min, max]; `integer` requires a whole number. */
export function number(opts: { min?: number; max?: number; integer?: boolean } = {}): Shape<number> {
  const describe = opts.integer ? 'integer' : 'number';
  return make(describe, (v, at) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return want(at, describe, v);
    if (opts.integer && !Number.isInteger(v)) return `${at}: expected an integer, got ${v}`;
    if (opts.min !== undefined && v < opts.min) return `${at}: ${v} is below ${opts.min}`;
    if (opts.max !== undefined && v > opts.max) return `${at}: ${v} is above ${opts.max}`;
    return null;
  });
}

/** A whole number within [min, max] (defaults: 0 .. 2^53-1). */
export function int(min = 0, max = Number.MAX_SAFE_INTEGER): Shape<number> {
  return number({ integer: true, min, max });
}

/** One of the given string or number literals. */
export function oneOf<const L extends ReadonlyArray<string | number | boolean>>(...values: L): Shape<L[number]> {
  const describe = values.map((x) => JSON.stringify(x)).join(' | ');
  return make(describe, (v, at) => (values.includes(v as L[number]) ? null : `${at}: expected ${describe}, got ${jsonType(v) === 'string' ? JSON.stringify(String(v).slice(0, 40)) : jsonType(v)}`));
}

/** Exactly null: e.g. the status of a request that got no answer. */
export function nullValue(): Shape<null> {
  return make('null', (v, at) => (v === null ? null : `${at}: expected null, got ${jsonType(v)}`));
}

/** The shape, or null. */
export function nullable<T>(inner: Shape<T>): Shape<T | null> {
  return make(`${inner.describe} | null`, (v, at) => (v === null ? null : inner.check(v, at)));
}

/** An object field that may be absent (present, it must conform). */
export function optional<T>(inner: Shape<T>): Shape<T | undefined> {
  return make(`${inner.describe} (optional)`, (v, at) => (v === undefined ? null : inner.check(v, at)), true);
}

/** An array of at most `max` items (10,000 by default), each conforming. */
export function array<T>(item: Shape<T>, opts: { max?: number; min?: number } = {}): Shape<T[]> {
  const max = opts.max ?? DEFAULT_MAX_ITEMS;
  return make(`array of ${item.describe}`, (v, at) => {
    if (!Array.isArray(v)) return want(at, 'array', v);
    if (v.length > max) return `${at}: more than ${max} items`;
    if (opts.min !== undefined && v.length < opts.min) return `${at}: fewer than ${opts.min} items`;
    for (let i = 0; i < v.length; i++) {
      const problem = item.check(v[i], `${at}[${i}]`);
      if (problem) return problem;
    }
    return null;
  });
}

/** A strict object: every non-optional property present, no unknown property. */
export function object<P extends Props>(props: P): Shape<ObjectType<P>> {
  const keys = Object.keys(props);
  return make('object', (v, at) => {
    if (!isPlainObject(v)) return want(at, 'object', v);
    for (const key of Object.keys(v)) {
      if (!Object.prototype.hasOwnProperty.call(props, key)) return `${at}: unknown field ${JSON.stringify(key.slice(0, 40))}`;
    }
    for (const key of keys) {
      const shape = props[key];
      const present = Object.prototype.hasOwnProperty.call(v, key);
      if (!present) {
        if (shape.optional) continue;
        return `${at}.${key}: missing`;
      }
      const problem = shape.check(v[key], `${at}.${key}`);
      if (problem) return problem;
    }
    return null;
  });
}

/** An object used as a map: any keys (at most `max`), every value conforming. */
export function record<T>(value: Shape<T>, opts: { max?: number } = {}): Shape<Record<string, T>> {
  const max = opts.max ?? DEFAULT_MAX_ITEMS;
  return make(`map of ${value.describe}`, (v, at) => {
    if (!isPlainObject(v)) return want(at, 'object', v);
    const entries = Object.entries(v);
    if (entries.length > max) return `${at}: more than ${max} entries`;
    for (const [k, x] of entries) {
      const problem = value.check(x, `${at}[${JSON.stringify(k.slice(0, 40))}]`);
      if (problem) return problem;
    }
    return null;
  });
}

/** The first of several shapes that matches (e.g. an outcome that is either an error or a result). */
export function union<S extends ReadonlyArray<Shape<unknown>>>(...shapes: S): Shape<ShapeType<S[number]>> {
  const describe = shapes.map((s) => s.describe).join(' | ');
  return make(describe, (v, at) => {
    const problems = shapes.map((s) => s.check(v, at));
    return problems.includes(null) ? null : `${at}: matches none of (${describe}): ${problems[0]}`;
  });
}

/** Any JSON value. Only for fields evaluate never reads (kept as raw evidence for humans). */
export function opaque(): Shape<unknown> {
  return make('any JSON value', () => null);
}
