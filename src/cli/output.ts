/** Writes a rendered report to a file atomically, or to stdout. */
import { closeSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

/** Bytes gathered before each write when a report comes in pieces. */
const WRITE_CHUNK = 1 << 20;

/** Writes text given in pieces to a descriptor, about a megabyte at a time (never the whole text at once). */
export function writeChunks(fd: number, chunks: Iterable<string>): void {
  let pending: string[] = [];
  let size = 0;
  const flush = () => {
    const buf = Buffer.from(pending.join(''), 'utf8');
    let done = 0;
    while (done < buf.length) done += writeSync(fd, buf, done, buf.length - done);
    pending = [];
    size = 0;
  };
  for (const c of chunks) {
    pending.push(c);
    size += c.length;
    if (size >= WRITE_CHUNK) flush();
  }
  flush();
}

/** Writes `text` (or its pieces) to `file` via a temporary file and rename, creating the folder; no temporary file is left on failure. */
export function writeAtomic(file: string, text: string | Buffer | Iterable<string>): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const fd = openSync(tmp, 'wx');
    try {
      if (Buffer.isBuffer(text)) {
        for (let done = 0; done < text.length; ) done += writeSync(fd, text, done, text.length - done);
      } else writeChunks(fd, typeof text === 'string' ? [text] : text);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  } catch (error) {
    rmSync(tmp, { force: true });
    throw error;
  }
}
