/** Collects validation problems with file:line:col positions. */
import type { LineCounter, Node } from 'yaml';

/** One thing wrong with an input file. */
export interface Problem {
  file: string;
  line: number;
  col: number;
  message: string;
}

/** Formats a problem as `file:line:col: message`. */
export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.col}: ${p.message}`;
}

/** A sink for problems that knows how to turn a YAML node into a position. */
export class Problems {
  readonly list: Problem[] = [];
  constructor(readonly file: string, private readonly lines: LineCounter) {}

  /** Records a problem at a node (or at the start of the file). */
  at(node: Node | null | undefined, message: string): void {
    const offset = node?.range?.[0] ?? 0;
    const { line, col } = this.lines.linePos(offset);
    this.list.push({ file: this.file, line, col, message });
  }

  /** Records a problem at a raw offset. */
  atOffset(offset: number, message: string): void {
    const { line, col } = this.lines.linePos(offset);
    this.list.push({ file: this.file, line, col, message });
  }

  /** `file:line:col` of a node. */
  where(node: Node | null | undefined): string {
    const { line, col } = this.lines.linePos(node?.range?.[0] ?? 0);
    return `${this.file}:${line}:${col}`;
  }
}
