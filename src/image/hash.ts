/** Content hash of the probe image inputs, memoised by file size and mtime. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TarEntry } from './tar.js';

const memoFile = path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'escapekit', 'file-hashes.json');

function loadMemo(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(memoFile, 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

async function fileDigest(source: string, memo: Record<string, string>): Promise<string> {
  const s = statSync(source);
  const key = `${source}:${s.size}:${s.mtimeMs}:${s.ino}`;
  if (memo[key]) return memo[key];
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(source)) hash.update(chunk as Buffer);
  return (memo[key] = hash.digest('hex'));
}

/** A stable hash of every entry's path, mode and content. */
export async function hashEntries(entries: TarEntry[]): Promise<string> {
  const memo = loadMemo();
  const hash = createHash('sha256');
  for (const e of entries) {
    hash.update(`${e.kind}\0${e.path}\0`);
    if (e.kind === 'file') hash.update(`${e.mode}\0${await fileDigest(e.source, memo)}\0`);
    else if (e.kind === 'data') hash.update(`${e.mode}\0`).update(e.data);
    else if (e.kind === 'symlink') hash.update(e.target);
    else hash.update(`${e.mode}`);
  }
  try {
    mkdirSync(path.dirname(memoFile), { recursive: true });
    writeFileSync(memoFile, JSON.stringify(memo));
  } catch {
    // A read-only home only costs a re-hash next time.
  }
  return hash.digest('hex');
}
