/**
 * The runner's evidence spool: each distinct evidence document is appended to a file in a private
 * temporary folder as its scenario result completes, and read back when a report or the bundle
 * needs it, so the runner's memory holds keys and verdicts, not documents. The folder is removed
 * by `dispose()` and, whatever ends the process (an interrupt's exit, an uncaught error), on exit.
 */
import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Evidence } from '../../probes/model.js';
import { DocCache, type EvidenceSource } from './evidence-source.js';

/** Folders of spools not yet disposed, removed on exit. */
const live = new Set<EvidenceSpool>();
let exitHook = false;

/** An append-only file of evidence documents, one per key. */
export class EvidenceSpool implements EvidenceSource {
  /** The spool's private folder (under the system temporary folder, TMPDIR). */
  readonly dir: string;
  private fd: number | undefined;
  private end = 0;
  private readonly at = new Map<string, { offset: number; bytes: number }>();
  private readonly cache = new DocCache(64);

  constructor(parent = os.tmpdir()) {
    this.dir = mkdtempSync(path.join(parent, 'escapekit-spool-'));
    try {
      this.fd = openSync(path.join(this.dir, 'evidence.jsonl'), 'wx+', 0o600);
    } catch (error) {
      rmSync(this.dir, { recursive: true, force: true });
      throw error;
    }
    live.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => {
        for (const s of live) s.dispose();
      });
    }
  }

  /** Number of distinct documents stored. */
  get size(): number {
    return this.at.size;
  }

  /** Whether a document with this key is stored. */
  has(ref: string): boolean {
    return this.at.has(ref);
  }

  /** Appends `doc` under `ref` unless a document with that key is already stored. */
  add(ref: string, doc: Evidence): void {
    if (this.at.has(ref)) return;
    const bytes = Buffer.from(`${JSON.stringify(doc)}\n`, 'utf8');
    let done = 0;
    while (done < bytes.length) done += writeSync(this.open(), bytes, done, bytes.length - done, this.end + done);
    this.at.set(ref, { offset: this.end, bytes: bytes.length - 1 });
    this.end += bytes.length;
  }

  json(ref: string): string {
    const where = this.at.get(ref);
    if (!where) throw new Error(`evidence ${ref} is not in the spool`);
    const buf = Buffer.alloc(where.bytes);
    let done = 0;
    while (done < where.bytes) {
      const n = readSync(this.open(), buf, done, where.bytes - done, where.offset + done);
      if (n === 0) throw new Error(`evidence spool ${this.dir} was cut short`);
      done += n;
    }
    return buf.toString('utf8');
  }

  load(ref: string): Evidence {
    return this.cache.get(ref, () => JSON.parse(this.json(ref)) as Evidence);
  }

  /** Closes and removes the spool (idempotent); held documents can no longer be read. */
  dispose(): void {
    live.delete(this);
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
    rmSync(this.dir, { recursive: true, force: true });
  }

  private open(): number {
    if (this.fd === undefined) throw new Error('the evidence spool was disposed');
    return this.fd;
  }
}
