/** Typed readers over YAML AST nodes that report problems instead of throwing. */
import { isAlias, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Problems } from './problems.js';

/** A node's kind, in words for messages. */
export function kindOf(node: unknown): string {
  if (isAlias(node)) return `an alias (*${node.source}); aliases are not supported in suites`;
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'null' : typeof node.value === 'string' ? 'a string' : `a ${typeof node.value}`;
  return 'nothing';
}

/** The pairs of a mapping, refusing keys outside `allowed` (named with a did-you-mean list). */
export function readMap(node: unknown, allowed: readonly string[], where: string, p: Problems): Map<string, Node> | null {
  if (!isMap(node)) {
    p.at(node as Node, `${where} must be a mapping, got ${kindOf(node)}`);
    return null;
  }
  const out = new Map<string, Node>();
  for (const pair of (node as YAMLMap).items as Pair[]) {
    const keyNode = pair.key as Node;
    const key = isScalar(keyNode) ? String(keyNode.value) : '';
    if (!allowed.includes(key)) {
      p.at(keyNode, `unknown key '${truncate(key)}' in ${where} (allowed: ${allowed.join(', ')})`);
      continue;
    }
    out.set(key, pair.value as Node);
  }
  return out;
}

/** A string scalar, optionally matching a pattern. */
export function readString(node: Node | undefined, where: string, p: Problems, pattern?: { re: RegExp; text: string }): string | undefined {
  if (!isScalar(node) || typeof node.value !== 'string') {
    p.at(node, `${where} must be a string, got ${kindOf(node)}`);
    return undefined;
  }
  if (pattern && !pattern.re.test(node.value)) {
    p.at(node, `${where} '${truncate(node.value)}' is invalid: ${pattern.text}`);
    return undefined;
  }
  return node.value;
}

/** A boolean scalar. */
export function readBoolean(node: Node | undefined, where: string, p: Problems): boolean | undefined {
  if (!isScalar(node) || typeof node.value !== 'boolean') {
    p.at(node, `${where} must be true or false, got ${kindOf(node)}`);
    return undefined;
  }
  return node.value;
}

/** One of a fixed set of strings. */
export function readEnum<T extends string>(node: Node | undefined, values: readonly T[], where: string, p: Problems): T | undefined {
  if (!isScalar(node) || typeof node.value !== 'string' || !values.includes(node.value as T)) {
    const got = isScalar(node) ? `'${truncate(String(node.value))}'` : kindOf(node);
    p.at(node, `${where} must be one of ${values.join(', ')}, got ${got}`);
    return undefined;
  }
  return node.value as T;
}

/** A list, each item read by `item`; invalid items are dropped after being reported. */
export function readList<T>(node: Node | undefined, where: string, p: Problems, item: (n: Node, i: number) => T | undefined): T[] | undefined {
  if (!isSeq(node)) {
    p.at(node, `${where} must be a list, got ${kindOf(node)}`);
    return undefined;
  }
  const out: T[] = [];
  node.items.forEach((n, i) => {
    const value = item(n as Node, i);
    if (value !== undefined) out.push(value);
  });
  return out;
}

/** Shortens hostile or huge strings before they reach a message. */
export function truncate(value: string, max = 60): string {
  const printable = value.replace(/[^\x20-\x7e]/g, '?');
  return printable.length > max ? `${printable.slice(0, max)}...` : printable;
}
