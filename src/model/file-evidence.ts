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

/** Longest evidence line indexed (longer ones make the reader read the file whole). */
export const MAX_LINE = 2 ** 24;

/** The evidence table of one report file, by byte range. */
export class FileEvidence implements EvidenceSource {
  /** Where each document is: offset * 2^24 + length (one number per entry; a line is at most 16 MiB). */
  private readonly at = new Map<string, number>();
  private readonly cache = new DocCache(256);

  constructor(private readonly file: string, private readonly options: InputFileOptions) {}

  /** Records that the document with key `ref` is the JSON text at `offset` (`bytes` long). */
  add(ref: string, offset: number, bytes: number): void {
    if (bytes >= MAX_LINE || !Number.isSafeInteger(offset * MAX_LINE)) throw new RangeError(`evidence ${ref}: ${bytes} bytes at ${offset} cannot be indexed`);
    this.at.set(ref, offset * MAX_LINE + bytes);
  }

  has(ref: string): boolean {
    return this.at.has(ref);
  }

  load(ref: string): Evidence {
    return this.cache.get(ref, () => this.verified(ref));
  }

  /** Not cached: a writer reads each document once, and a cached copy would only outlive it. */
  json(ref: string): string {
    return JSON.stringify(this.verified(ref));
  }

  /** The document read again from the file, refused unless it still matches its key. */
  private verified(ref: string): Evidence {
    const changed = () => fail(`evidence.${ref}`, 'content does not match its hash (the report file changed while it was read)');
    let doc: Evidence;
    try {
      doc = JSON.parse(this.text(ref)) as Evidence;
    } catch (error) {
      if (error instanceof SyntaxError) changed();
      throw error;
    }
    if (contentHash(doc) !== ref) changed();
    return doc;
  }

  private text(ref: string): string {
    const packed = this.at.get(ref);
    if (packed === undefined) fail(`evidence.${ref}`, 'not in the evidence table');
    const where = { offset: Math.floor(packed / MAX_LINE), bytes: packed % MAX_LINE };
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
