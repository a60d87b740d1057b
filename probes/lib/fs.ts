/** Safe file-system reads for collect steps: never throw, always say what happened. */
import { promises as fs, constants } from 'node:fs';

/** Result of reading a file: its text, or the errno code that stopped us. */
export type ReadResult = { ok: true; text: string } | { ok: false; error: string };

/** Reads at most `limit` bytes of a text file. */
export async function readText(path: string, limit = 256 * 1024): Promise<ReadResult> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    // procfs hands out at most a page per read: read until EOF or the limit, in chunks (most files are small).
    const chunks: Buffer[] = [];
    let total = 0;
    while (total < limit) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit - total));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      total += bytesRead;
    }
    return { ok: true, text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (error) {
    return { ok: false, error: errorCode(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** Reads a file and trims it, or returns null when it cannot be read. */
export async function readTrimmed(path: string): Promise<string | null> {
  const result = await readText(path);
  return result.ok ? result.text.trim() : null;
}

/**
 * Whether this process may open `path` for writing, tested by opening it with
 * O_WRONLY and closing it at once: nothing is ever written.
 */
export async function openableForWrite(path: string): Promise<{ writable: boolean; error?: string }> {
  let handle: fs.FileHandle | undefined;
  try {
    // O_NONBLOCK keeps FIFOs and devices from blocking; no O_TRUNC, no O_CREAT: nothing changes.
    handle = await fs.open(path, constants.O_WRONLY | constants.O_NONBLOCK);
    return { writable: true };
  } catch (error) {
    return { writable: false, error: errorCode(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** access(2) with W_OK: the kernel's answer, without opening anything. */
export async function accessWritable(path: string): Promise<{ writable: boolean; error?: string }> {
  try {
    await fs.access(path, constants.W_OK);
    return { writable: true };
  } catch (error) {
    return { writable: false, error: errorCode(error) };
  }
}

/** Whether `path` exists (lstat), with its type. */
export async function statType(path: string): Promise<'file' | 'dir' | 'socket' | 'char' | 'block' | 'link' | 'other' | null> {
  try {
    const s = await fs.lstat(path);
    if (s.isSocket()) return 'socket';
    if (s.isDirectory()) return 'dir';
    if (s.isFile()) return 'file';
    if (s.isCharacterDevice()) return 'char';
    if (s.isBlockDevice()) return 'block';
    if (s.isSymbolicLink()) return 'link';
    return 'other';
  } catch {
    return null;
  }
}

/** Lists a directory, or returns null when it cannot be listed. */
export async function listDir(path: string): Promise<string[] | null> {
  try {
    return await fs.readdir(path);
  } catch {
    return null;
  }
}

/** readlink(2), or null. */
export async function readLink(path: string): Promise<string | null> {
  try {
    return await fs.readlink(path);
  } catch {
    return null;
  }
}

/** The errno code of a thrown error (ENOENT, EACCES, ...) or its message. */
export function errorCode(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && typeof error.code === 'string') return error.code;
  return error instanceof Error ? error.message : String(error);
}

/** Opens a path read-only (files or directories) and closes it at once; never reads a byte. */
export async function openableForRead(target: string): Promise<{ readable: boolean; error?: string }> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(target, constants.O_RDONLY | constants.O_NONBLOCK);
    return { readable: true };
  } catch (error) {
    return { readable: false, error: errorCode(error) };
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
