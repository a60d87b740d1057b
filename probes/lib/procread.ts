/**
 * Whole-file reads for /proc: one read(2) on a seq_file (mountinfo, cpuinfo) returns at most
 * about a page, so a table read in one call is silently cut after ~4 KB. These helpers loop
 * until end of file. Never throw.
 */
import { promises as fs, constants } from 'node:fs';
import { errorCode, type ReadResult } from './fs.js';
import { parseMountInfo, type MountInfo } from './proc.js';

/** Reads a file to its end (at most `limit` bytes), looping over short reads. */
export async function readFully(path: string, limit = 4 * 1024 * 1024): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const buffer = Buffer.alloc(Math.min(64 * 1024, limit - total));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      chunks.push(buffer.subarray(0, bytesRead));
      total += bytesRead;
    }
    return { ok: true, text: Buffer.concat(chunks).toString('utf8') };
  } catch (error) {
    return { ok: false, error: errorCode(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

let cached: Promise<MountInfo[] | null> | undefined;

/** The probe's complete mount table from /proc/self/mountinfo, or null when unreadable. Read once per agent run. */
export function readAllMounts(): Promise<MountInfo[] | null> {
  cached ??= readFully('/proc/self/mountinfo').then((r) => (r.ok ? parseMountInfo(r.text) : null));
  return cached;
}
