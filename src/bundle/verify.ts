/**
 * Verifies an evidence bundle: the signature over manifest.json (with the auditor's key, or the
 * bundle's own signer.pub, said so), then every listed file's SHA-256, and no file or folder
 * missing or extra. The bundle is untrusted: every file is read with the safe reader (no link
 * followed, no FIFO or device opened, nothing outside the bundle, bounded sizes).
 */
import { createHash, type KeyObject } from 'node:crypto';
import { lstatSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { InputFileError, readChunks, readInputFile, withInputFile } from '../io/safe-read.js';
import { fingerprint, parsePublicKey } from './keys.js';
import { MANIFEST, parseManifest, SIGNATURE, SIGNER, walkBundle, type Manifest } from './manifest.js';
import { verifyBytes } from './sign.js';

/** Largest manifest.json accepted. */
export const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;
/** Largest manifest.sig accepted (one line of base64 of 64 bytes is 89). */
export const MAX_SIGNATURE_BYTES = 1024;
/** Largest signer.pub accepted. */
export const MAX_SIGNER_BYTES = 16 * 1024;
/** Largest bundle file accepted (reports and evidence stay far below). */
export const MAX_BUNDLE_FILE_BYTES = 1024 * 1024 * 1024;

/** Outcome of a verification: problems (each naming its file) make the bundle invalid; notes inform. */
export interface VerifyResult {
  problems: string[];
  notes: string[];
  manifest?: Manifest;
  /** Whether the manifest carries a signature that verified. */
  signed: boolean;
}

/** The bytes of a top-level bundle file, or the problem that prevents reading it (named by its bundle path). */
function readBundleFile(root: string, rel: string, maxBytes: number): Buffer | string {
  try {
    return readInputFile(path.join(root, rel), { maxBytes, what: rel, within: root });
  } catch (error) {
    if (error instanceof InputFileError) return `${rel}: ${error.reason}`;
    throw error;
  }
}

/** Whether a top-level name exists at all (a link or FIFO counts: it is then refused when read). */
function present(root: string, rel: string): boolean {
  try {
    lstatSync(path.join(root, rel));
    return true;
  } catch {
    return false;
  }
}

function checkSignature(root: string, bytes: Buffer, pubkey: KeyObject | undefined, r: VerifyResult): void {
  if (!present(root, SIGNATURE)) {
    if (pubkey) r.problems.push(`${SIGNATURE}: missing: the bundle is not signed, but --pubkey expects a signature`);
    else r.notes.push('not signed: the hashes detect accidental damage only; anyone can rewrite an unsigned manifest');
    return;
  }
  let key = pubkey;
  if (!key) {
    if (!present(root, SIGNER)) {
      r.problems.push(`${SIGNER}: missing: cannot check ${SIGNATURE} (pass --pubkey)`);
      return;
    }
    const signer = readBundleFile(root, SIGNER, MAX_SIGNER_BYTES);
    if (typeof signer === 'string') return void r.problems.push(signer);
    key = parsePublicKey(signer.toString('utf8'));
    if (!key) return void r.problems.push(`${SIGNER}: not a PEM Ed25519 public key`);
  }
  const sig = readBundleFile(root, SIGNATURE, MAX_SIGNATURE_BYTES);
  if (typeof sig === 'string') return void r.problems.push(sig);
  if (!verifyBytes(bytes, sig.toString('latin1'), key)) {
    r.problems.push(`${SIGNATURE}: signature does not verify over ${MANIFEST} with ${pubkey ? '--pubkey' : `the bundled ${SIGNER}`} (${fingerprint(key)}): one of the two files was altered, or another key signed`);
    return;
  }
  r.signed = true;
  if (pubkey) r.notes.push(`signature valid: signed by ${fingerprint(key)} (the key given with --pubkey)`);
  else r.notes.push(`signature valid against the bundle's own ${SIGNER} (${fingerprint(key)}): this proves the files match what that key signed, not who holds it; pass --pubkey with the signer's published key`);
}

/** The problem with one listed file, or undefined when its size and SHA-256 match. */
function checkEntry(root: string, entry: Manifest['files'][number]): string | undefined {
  if (entry.bytes > MAX_BUNDLE_FILE_BYTES) return `${entry.path}: listed as ${entry.bytes} bytes, larger than the ${MAX_BUNDLE_FILE_BYTES}-byte limit`;
  const file = path.join(root, ...entry.path.split('/'));
  // Any size opens (a mismatch is reported from fstat); at most the listed size is ever read.
  const limits = { maxBytes: Number.MAX_SAFE_INTEGER, what: entry.path, within: root };
  try {
    return withInputFile(file, limits, (fd, st) => {
      if (st.size !== entry.bytes) return `${entry.path}: sha256 mismatch (size ${st.size}, listed ${entry.bytes})`;
      const hash = createHash('sha256');
      const n = readChunks(fd, file, { ...limits, maxBytes: entry.bytes }, (b) => hash.update(b));
      return hash.digest('hex') !== entry.sha256 ? `${entry.path}: sha256 mismatch${n !== entry.bytes ? ` (size ${n}, listed ${entry.bytes})` : ''}` : undefined;
    });
  } catch (error) {
    if (error instanceof InputFileError) return `${entry.path}: ${error.reason}`;
    throw error;
  }
}

function checkFiles(root: string, manifest: Manifest, r: VerifyResult): void {
  const { files, odd, folders } = walkBundle(root);
  for (const p of odd) r.problems.push(`${p}: not a regular file`);
  const onDisk = new Set(files);
  for (const entry of manifest.files) {
    if (!onDisk.has(entry.path)) {
      r.problems.push(`${entry.path}: missing`);
      continue;
    }
    const problem = checkEntry(root, entry);
    if (problem) r.problems.push(problem);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const p of files) if (!listed.has(p)) r.problems.push(`${p}: not in the manifest (added)`);
  // A folder no listed file lives in was added after signing (an empty one included).
  const used = new Set(manifest.files.flatMap((f) => f.path.split('/').slice(0, -1).map((_, i, segs) => segs.slice(0, i + 1).join('/'))));
  for (const d of folders) if (!used.has(d)) r.problems.push(`${d}/: folder not in the manifest (added)`);
}

/** Verifies the bundle in `dir`; bad input (no folder, no manifest) is a usage error. */
export function verifyBundle(dir: string, pubkey?: KeyObject): VerifyResult {
  let root: string;
  try {
    root = realpathSync(dir);
    if (!lstatSync(root).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new UsageError(`verify: ${dir} is not a folder`);
  }
  if (!present(root, MANIFEST)) throw new UsageError(`verify: ${dir} is not an escapekit bundle (no ${MANIFEST})`);
  const r: VerifyResult = { problems: [], notes: [], signed: false };
  const bytes = readBundleFile(root, MANIFEST, MAX_MANIFEST_BYTES);
  if (typeof bytes === 'string') {
    r.problems.push(bytes);
    return r;
  }
  checkSignature(root, bytes, pubkey, r);
  const manifest = parseManifest(bytes);
  if (typeof manifest === 'string') {
    r.problems.push(`${MANIFEST}: ${manifest}`);
    return r;
  }
  r.manifest = manifest;
  checkFiles(root, manifest, r);
  return r;
}
