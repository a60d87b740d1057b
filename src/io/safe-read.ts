/**
 * The one reader for every file the CLI takes as input (suites, baselines, keys, bundle files).
 * Never follows a symbolic link, never blocks on a FIFO or device, reads regular files only,
 * optionally only inside an expected folder, and at most a limit read from the descriptor
 * (a stat size of 0, as /proc or a device reports, is not trusted). Every error names the file.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, realpathSync, type Stats } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { terminalSafe } from './terminal-safe.js';

/** How to read one input file. */
export interface InputFileOptions {
  /** Largest number of bytes accepted. */
  maxBytes: number;
  /** What the file is, to start messages (e.g. `--baseline`, `suite file`). */
  what: string;
  /** A folder (any path; it is resolved) the file must lie in, links and all. */
  within?: string;
}

/** An input file that cannot be used; the message names the file. */
export class InputFileError extends UsageError {
  override readonly name = 'UsageError';
  constructor(readonly file: string, readonly reason: string, message: string) {
    super(message);
  }
}

const OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK; // libuv adds O_CLOEXEC
const CHUNK = 64 * 1024;

/** A file system object's kind, in words. */
export function kindOfStats(st: Stats): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isSymbolicLink()) return 'a symbolic link';
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

function fail(o: InputFileOptions, file: string, why: string): never {
  throw new InputFileError(file, why, `${terminalSafe(`${o.what} ${file}`)}: ${why}`);
}

function codeOf(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? (error as Error).message;
}

/** Where an open descriptor really is (Linux /proc), else the resolved path. */
function realPathOf(fd: number, file: string): string {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return realpathSync(file);
  }
}

/** Whether `inner` is `outer` or lies below it (both absolute, resolved). */
export function isInside(outer: string, inner: string): boolean {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** Opens a regular input file safely and passes its descriptor and stats to `use`; always closes it. */
export function withInputFile<T>(file: string, o: InputFileOptions, use: (fd: number, st: Stats) => T): T {
  let before: Stats;
  try {
    before = lstatSync(file);
  } catch (error) {
    const code = codeOf(error);
    fail(o, file, code === 'ENOENT' ? 'not found' : code === 'ENOTDIR' ? 'not found (a part of the path is not a folder)' : `cannot read (${code})`);
  }
  if (before.isSymbolicLink()) fail(o, file, 'is a symbolic link; escapekit does not follow links in its inputs (give the file itself)');
  if (!before.isFile()) fail(o, file, `is ${kindOfStats(before)}, not a regular file`);
  let fd: number;
  try {
    fd = openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = codeOf(error);
    fail(o, file, code === 'ELOOP' ? 'is a symbolic link; escapekit does not follow links in its inputs' : `cannot open (${code})`);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) fail(o, file, `is ${kindOfStats(st)}, not a regular file`);
    if (st.ino !== before.ino || st.dev !== before.dev) fail(o, file, 'was replaced while being opened');
    if (st.size > o.maxBytes) fail(o, file, `is ${st.size} bytes, larger than the ${o.maxBytes}-byte limit`);
    if (o.within !== undefined) {
      let outer: string;
      try {
        outer = realpathSync(o.within);
      } catch (error) {
        fail(o, file, `cannot resolve its folder ${o.within} (${codeOf(error)})`);
      }
      if (!isInside(outer, realPathOf(fd, file))) fail(o, file, `lies outside ${o.within} (through a linked folder)`);
    }
    return use(fd, st);
  } finally {
    closeSync(fd);
  }
}

/** Reads from `fd` until end of file, calling `chunk` per piece; refuses more than `maxBytes`. Returns the byte count. */
export function readChunks(fd: number, file: string, o: InputFileOptions, chunk: (bytes: Buffer) => void): number {
  const buffer = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buffer, 0, CHUNK, null);
    } catch (error) {
      const code = codeOf(error);
      fail(o, file, code === 'EAGAIN' ? 'would block (not a regular file)' : `cannot read (${code})`);
    }
    if (n === 0) return total;
    total += n;
    if (total > o.maxBytes) fail(o, file, `larger than the ${o.maxBytes}-byte limit`);
    chunk(Buffer.from(buffer.subarray(0, n)));
  }
}

/** The bytes of an input file (at most `maxBytes`). */
export function readInputFile(file: string, o: InputFileOptions): Buffer {
  return withInputFile(file, o, (fd) => {
    const parts: Buffer[] = [];
    readChunks(fd, file, o, (b) => parts.push(b));
    return Buffer.concat(parts);
  });
}

/** 1-based line and column of a byte offset. */
function lineCol(bytes: Buffer, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

/** Offset of the first byte that is not valid UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Buffer): number {
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const need = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (need < 0) return i;
    if (need === 0) {
      i++;
      continue;
    }
    // Second-byte ranges that exclude overlong forms, surrogates and code points above U+10FFFF.
    const lo = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
    const hi = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
    if (i + need >= bytes.length) return i;
    if (bytes[i + 1] < lo || bytes[i + 1] > hi) return i;
    for (let k = 2; k <= need; k++) if (bytes[i + k] < 0x80 || bytes[i + k] > 0xbf) return i;
    i += need + 1;
  }
  return -1;
}

/** Decodes strict UTF-8; an invalid byte is an error at file:line:col. */
export function decodeUtf8(bytes: Buffer, file: string, what: string): string {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const { line, col } = lineCol(bytes, bad);
    const why = `not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')} at line ${line}, column ${col})`;
    throw new InputFileError(file, why, `${terminalSafe(file)}:${line}:${col}: ${what} is not valid UTF-8 (byte 0x${bytes[bad].toString(16).padStart(2, '0')})`);
  }
  return bytes.toString('utf8');
}

/** The text of an input file: safe read, then strict UTF-8. */
export function readInputText(file: string, o: InputFileOptions): string {
  return decodeUtf8(readInputFile(file, o), file, o.what);
}
