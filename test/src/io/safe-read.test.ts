/** The safe reader: no link followed, no FIFO or device opened for reading, bounded, inside its folder, file named. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeUtf8, InputFileError, readInputFile, readInputText } from '../../../src/io/safe-read.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-safe-read-'));
const at = (name: string) => path.join(dir, name);
writeFileSync(at('ok.txt'), 'hello\n');
symlinkSync('/etc/passwd', at('passwd-link'));
symlinkSync('/dev/zero', at('zero-link'));
execFileSync('mkfifo', [at('fifo')]);
mkdirSync(at('folder'));
mkdirSync(at('inner'));
writeFileSync(at('inner/file.json'), '{}');
symlinkSync(dir, at('inner/up')); // a linked folder leading back out of inner/

const refusal = (f: () => unknown): string => {
  const started = performance.now();
  try {
    f();
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    if (performance.now() - started > 1000) return 'too slow';
    return error.message;
  }
  return 'accepted';
};
const o = { maxBytes: 1024, what: 'input' };

test('a regular file is read', (t) => {
  t.is(readInputText(at('ok.txt'), o), 'hello\n');
});

test('links, FIFOs, devices and folders are refused at once, naming the file, never showing its content', (t) => {
  t.regex(refusal(() => readInputFile(at('passwd-link'), o)), /^input .*passwd-link: is a symbolic link/);
  t.notRegex(refusal(() => readInputFile(at('passwd-link'), o)), /root:/);
  t.regex(refusal(() => readInputFile(at('zero-link'), o)), /zero-link: is a symbolic link/);
  t.regex(refusal(() => readInputFile(at('fifo'), o)), /fifo: is a FIFO, not a regular file/);
  t.regex(refusal(() => readInputFile('/dev/zero', o)), /\/dev\/zero: is a character device, not a regular file/);
  t.regex(refusal(() => readInputFile(at('folder'), o)), /folder: is a folder, not a regular file/);
  t.regex(refusal(() => readInputFile(at('missing'), o)), /missing: not found/);
  t.regex(refusal(() => readInputFile(at('ok.txt/x'), o)), /ok\.txt\/x: not found \(a part of the path is not a folder\)/);
});

test('the limit is enforced on what is read, not on the stat size (procfs files report 0)', (t) => {
  t.regex(refusal(() => readInputFile('/proc/self/smaps', { maxBytes: 100, what: 'input' })), /smaps: larger than the 100-byte limit/);
  writeFileSync(at('big'), Buffer.alloc(2048));
  t.regex(refusal(() => readInputFile(at('big'), o)), /big: is 2048 bytes, larger than the 1024-byte limit/);
});

test('a file reached through a linked folder is refused when it must lie inside a folder', (t) => {
  t.deepEqual(readInputFile(at('inner/file.json'), { ...o, within: at('inner') }).toString(), '{}');
  t.regex(refusal(() => readInputFile(at('inner/up/ok.txt'), { ...o, within: at('inner') })), /lies outside .*inner/);
});

test('strict UTF-8: an invalid byte is an error at file:line:col', (t) => {
  t.is(decodeUtf8(Buffer.from('a\nü€😀\n'), 'f.yaml', 'suite file'), 'a\nü€😀\n');
  for (const [bytes, line, col] of [
    [Buffer.from([0x61, 0x0a, 0x62, 0xff]), 2, 2],
    [Buffer.from([0xc0, 0x80]), 1, 1], // overlong NUL
    [Buffer.from([0xed, 0xa0, 0x80]), 1, 1], // a UTF-16 surrogate
    [Buffer.from([0x61, 0xe2, 0x82]), 1, 2], // truncated sequence
    [Buffer.from([0xf4, 0x90, 0x80, 0x80]), 1, 1], // above U+10FFFF
  ] as const) {
    t.throws(() => decodeUtf8(bytes, 'f.yaml', 'suite file'), { message: new RegExp(`^f\\.yaml:${line}:${col}: suite file is not valid UTF-8`) }, bytes.toString('hex'));
  }
});
