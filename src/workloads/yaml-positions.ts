/** file:line:col for a path into a parsed YAML document (a missing field points at its parent). */
import type { Document, LineCounter } from 'yaml';

/** `line:col` of the deepest existing node on `path`. */
export function positionOf(doc: Document, lines: LineCounter, path: Array<string | number>): string {
  for (let n = path.length; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n), true) as { range?: [number, number] } | undefined;
    if (node?.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return `${line}:${col}`;
    }
  }
  return '1:1';
}
