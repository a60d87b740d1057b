/** What escapekit reads from a kind cluster config: how many nodes it asks for. */
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { UsageError, messageOf } from '../errors.js';

/** Number of nodes a kind config declares (kind's default is one control-plane node). */
export function kindConfigNodeCount(file: string): number {
  let doc: unknown;
  try {
    doc = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`kind config ${file}: ${messageOf(error)}`);
  }
  const nodes = (doc as { nodes?: unknown } | null)?.nodes;
  if (nodes === undefined || nodes === null) return 1;
  if (!Array.isArray(nodes) || nodes.length === 0) throw new UsageError(`kind config ${file}: 'nodes' must be a non-empty list`);
  return nodes.length;
}
