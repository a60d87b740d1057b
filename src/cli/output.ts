/** Writes a rendered report to a file atomically, or to stdout. */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `text` to `file` via a temporary file and rename, creating the folder. */
export function writeAtomic(file: string, text: string | Buffer): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
