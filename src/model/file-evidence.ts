/**
 * Evidence documents left in a saved report file: the reader keeps where each document's line
 * lies, not the document, and reads it again when a renderer needs it (checking it still matches
 * its key, as the file may have changed since).
 */
import { readSync } from 'node:fs';
import type { Evidence } from '../../probes/model.js';
import { withInputFile, type InputFileOptions } from '../io/safe-read.js';
import { contentHash } from './content-hash.js';
import { DocCache, type EvidenceSource } from './evidence-source.js';
import { fail } from './report-format-error.js';

/** The evidence table of one report file, by byte range. */
export class FileEvidence implements EvidenceSource {
  private readonly at = new Map<string, { offset: number; bytes: number }>();
  private readonly cache = new DocCache(256);

  constructor(private readonly file: string, private readonly options: InputFileOptions) {}

  /** Records that the document with key `ref` is the JSON text at `offset` (`bytes` long). */
  add(ref: string, offset: number, bytes: number): void {
    this.at.set(ref, { offset, bytes });
  }

  has(ref: string): boolean {
    return this.at.has(ref);
  }

  load(ref: string): Evidence {
    return this.cache.get(ref, () => {
      const doc = JSON.parse(this.text(ref)) as Evidence;
      if (contentHash(doc) !== ref) fail(`evidence.${ref}`, 'content does not match its hash (the report file changed while it was read)');
      return doc;
    });
  }

  json(ref: string): string {
    return JSON.stringify(this.load(ref));
  }

  private text(ref: string): string {
    const where = this.at.get(ref);
    if (!where) fail(`evidence.${ref}`, 'not in the evidence table');
    return withInputFile(this.file, this.options, (fd) => {
      const buf = Buffer.alloc(where.bytes);
      let done = 0;
      while (done < where.bytes) {
        const n = readSync(fd, buf, done, where.bytes - done, where.offset + done);
        if (n === 0) fail(`evidence.${ref}`, 'the report file was cut short while it was read');
        done += n;
      }
      return buf.toString('utf8');
    });
  }
}
