/** Report files are written atomically and leave no temporary file behind, even when the write fails. */
import test from 'ava';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeAtomic } from '../../../src/cli/output.js';

test('writes the file and nothing else', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-out-'));
  writeAtomic(path.join(dir, 'sub', 'r.json'), '{}');
  t.is(readFileSync(path.join(dir, 'sub', 'r.json'), 'utf8'), '{}');
  t.deepEqual(readdirSync(path.join(dir, 'sub')), ['r.json']);
});

test('a failed rename removes the temporary file', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-out-'));
  const target = path.join(dir, 'r.json');
  mkdirSync(target);
  writeFileSync(path.join(target, 'keep'), 'x'); // a non-empty folder: rename over it fails
  t.throws(() => writeAtomic(target, '{}'));
  t.deepEqual(readdirSync(dir), ['r.json']);
});
