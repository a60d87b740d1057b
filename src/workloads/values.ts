/** Typed reads of untrusted workload JSON (manifests, API objects, inspect output) that record problems instead of throwing. */
import { fieldPath, type FieldProblems } from './types.js';

/** A plain object, or undefined when absent; anything else is a problem. */
export function objectAt(v: unknown, path: Array<string | number>, p: FieldProblems): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
  p.add(path, `${fieldPath(path)} must be a mapping`);
  return undefined;
}

/** A list, or [] when absent. */
export function listAt(v: unknown, path: Array<string | number>, p: FieldProblems): unknown[] {
  if (v === undefined || v === null) return [];
  if (Array.isArray(v)) return v;
  p.add(path, `${fieldPath(path)} must be a list`);
  return [];
}

/** A boolean, or undefined when absent. */
export function boolAt(v: unknown, path: Array<string | number>, p: FieldProblems): boolean | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'boolean') return v;
  p.add(path, `${fieldPath(path)} must be true or false`);
  return undefined;
}

/** A whole number in [0, 2^32-2], or undefined when absent. */
export function idAt(v: unknown, path: Array<string | number>, p: FieldProblems): number | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 4294967294) return v;
  p.add(path, `${fieldPath(path)} must be a whole number from 0 to 4294967294`);
  return undefined;
}

/** A string, or undefined when absent. */
export function stringAt(v: unknown, path: Array<string | number>, p: FieldProblems): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'string') return v;
  p.add(path, `${fieldPath(path)} must be a string`);
  return undefined;
}
