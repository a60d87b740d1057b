/** The bundle manifest: SHA-256 and size of every file, by relative POSIX path, sorted; signed as raw bytes. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** File names with a fixed meaning at the top of a bundle. */
export const MANIFEST = 'manifest.json';
export const SIGNATURE = 'manifest.sig';
export const SIGNER = 'signer.pub';

/** One file of the bundle. */
export interface ManifestEntry {
  path: string;
  sha256: string;
  bytes: number;
}

/** What manifest.json holds (format version 1). */
export interface Manifest {
  escapekitBundle: 1;
  tool: { name: string; version: string };
  runId: string;
  createdAt: string;
  /** The run's exit code and the policy that decided it: signed with everything else. */
  outcome: { exitCode: number; failOn: string; inconclusive: string };
  algorithm: 'sha256';
  files: ManifestEntry[];
}

/** Hex SHA-256 of bytes. */
export function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Every entry under `dir` (relative POSIX paths, sorted), except manifest.json and manifest.sig at
 * the top; non-regular files (links, FIFOs, devices...) are listed in `odd` and never followed;
 * `folders` lists every folder below the top.
 */
export function walkBundle(dir: string): { files: string[]; odd: string[]; folders: string[] } {
  const files: string[] = [];
  const odd: string[] = [];
  const folders: string[] = [];
  const visit = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = rel ? `${rel}/${name}` : name;
      if (child === MANIFEST || child === SIGNATURE) continue;
      const st = lstatSync(path.join(dir, child));
      if (st.isDirectory()) {
        folders.push(child);
        visit(child);
      } else if (st.isFile()) files.push(child);
      else odd.push(child);
    }
  };
  visit('');
  const byPath = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { files: files.sort(byPath), odd: odd.sort(byPath), folders: folders.sort(byPath) };
}

/** Hashes every file of `dir` into a manifest. */
export function buildManifest(dir: string, meta: Omit<Manifest, 'escapekitBundle' | 'algorithm' | 'files'>): Manifest {
  const files = walkBundle(dir).files.map((p) => {
    const bytes = readFileSync(path.join(dir, p));
    return { path: p, sha256: sha256(bytes), bytes: bytes.length };
  });
  return { escapekitBundle: 1, ...meta, algorithm: 'sha256', files };
}

/** The exact bytes written to manifest.json (and signed). */
export function manifestBytes(m: Manifest): Buffer {
  return Buffer.from(`${JSON.stringify(m, null, 2)}\n`, 'utf8');
}

/** A manifest path is relative, normalised POSIX, and stays inside the bundle. */
export function isSafeEntryPath(p: string): boolean {
  return p.length > 0 && p.length <= 4096 && !p.startsWith('/') && !p.includes('\\') && !/[\x00-\x1f\x7f]/.test(p) && p.split('/').every((seg) => seg !== '' && seg !== '.' && seg !== '..');
}

/** Parses and shape-checks manifest bytes; returns a reason string when they are not a manifest. */
export function parseManifest(bytes: Buffer): Manifest | string {
  let m: unknown;
  try {
    m = JSON.parse(bytes.toString('utf8'));
  } catch {
    return 'not valid JSON'; // the parser's message quotes the content, which may be any file's
  }
  const o = m as Partial<Manifest>;
  if (typeof o !== 'object' || o === null || o.escapekitBundle !== 1 || o.algorithm !== 'sha256' || !Array.isArray(o.files)) return 'not an escapekit bundle manifest (escapekitBundle 1, sha256)';
  for (const [i, f] of o.files.entries()) {
    const e = f as Partial<ManifestEntry>;
    if (typeof e?.path !== 'string' || !isSafeEntryPath(e.path)) return `files[${i}]: unsafe or missing path`;
    if (typeof e.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(e.sha256) || !Number.isSafeInteger(e.bytes) || (e.bytes as number) < 0) return `files[${i}] (${e.path}): bad sha256 or bytes`;
  }
  if (typeof o.runId !== 'string' || typeof o.createdAt !== 'string') return 'runId and createdAt must be strings';
  if (typeof o.tool !== 'object' || o.tool === null || typeof o.tool.name !== 'string' || typeof o.tool.version !== 'string') return 'tool must name the tool and its version';
  const out = o.outcome as Partial<Manifest['outcome']> | undefined;
  if (typeof out !== 'object' || out === null || !Number.isInteger(out.exitCode) || typeof out.failOn !== 'string' || typeof out.inconclusive !== 'string') return 'outcome must hold the exit code and its policy';
  const paths = o.files.map((f) => f.path);
  if (new Set(paths).size !== paths.length) return 'a path is listed twice';
  return o as Manifest;
}
