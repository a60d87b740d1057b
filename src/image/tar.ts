/** A minimal ustar writer: enough to stream a build context to the Docker engine. */
import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';

/** One entry of the image file system. */
export type TarEntry =
  | { kind: 'file'; path: string; source: string; size: number; mode: number }
  | { kind: 'data'; path: string; data: Buffer; mode: number }
  | { kind: 'dir'; path: string; mode: number }
  | { kind: 'symlink'; path: string; target: string };

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0';
}

/** Builds the 512-byte ustar header of an entry. */
export function tarHeader(entry: TarEntry): Buffer {
  const header = Buffer.alloc(512);
  const name = entry.path.replace(/^\/+/, '') + (entry.kind === 'dir' ? '/' : '');
  if (Buffer.byteLength(name) > 100) throw new Error(`path too long for the image tar: ${name}`);
  const size = entry.kind === 'file' ? entry.size : entry.kind === 'data' ? entry.data.length : 0;
  const mode = entry.kind === 'symlink' ? 0o777 : entry.mode;
  const type = { file: '0', data: '0', dir: '5', symlink: '2' }[entry.kind];
  header.write(name, 0, 100, 'utf8');
  header.write(octal(mode, 8), 100, 8, 'ascii');
  header.write(octal(0, 8), 108, 8, 'ascii');
  header.write(octal(0, 8), 116, 8, 'ascii');
  header.write(octal(size, 12), 124, 12, 'ascii');
  header.write(octal(0, 12), 136, 12, 'ascii');
  header.write('        ', 148, 8, 'ascii');
  header.write(type, 156, 1, 'ascii');
  if (entry.kind === 'symlink') header.write(entry.target, 157, 100, 'utf8');
  header.write('ustar\0', 257, 6, 'ascii');
  header.write('00', 263, 2, 'ascii');
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(octal(sum, 7) + ' ', 148, 8, 'ascii');
  return header;
}

async function* generate(entries: TarEntry[]): AsyncGenerator<Buffer> {
  for (const entry of entries) {
    yield tarHeader(entry);
    const size = entry.kind === 'file' ? entry.size : entry.kind === 'data' ? entry.data.length : 0;
    if (entry.kind === 'file') for await (const chunk of createReadStream(entry.source)) yield chunk as Buffer;
    if (entry.kind === 'data') yield entry.data;
    if (size % 512) yield Buffer.alloc(512 - (size % 512));
  }
  yield Buffer.alloc(1024);
}

/** Streams entries as a tar archive. */
export function tarStream(entries: TarEntry[]): Readable {
  return Readable.from(generate(entries));
}
