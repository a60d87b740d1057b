/**
 * Verifies an evidence bundle: the signature over manifest.json (with the auditor's key, or the
 * bundle's own signer.pub, said so), then every listed file's SHA-256, and no file missing or extra.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { KeyObject } from 'node:crypto';
import { UsageError } from '../errors.js';
import { fingerprint, parsePublicKey } from './keys.js';
import { MANIFEST, parseManifest, sha256, SIGNATURE, SIGNER, walkBundle, type Manifest } from './manifest.js';
import { verifyBytes } from './sign.js';

/** Outcome of a verification: problems (each naming its file) make the bundle invalid; notes inform. */
export interface VerifyResult {
  problems: string[];
  notes: string[];
  manifest?: Manifest;
}

function checkSignature(dir: string, bytes: Buffer, pubkey: KeyObject | undefined, r: VerifyResult): void {
  const sigFile = path.join(dir, SIGNATURE);
  if (!existsSync(sigFile)) {
    if (pubkey) r.problems.push(`${SIGNATURE}: missing: the bundle is not signed, but --pubkey expects a signature`);
    else r.notes.push('not signed: the hashes detect accidental damage only; anyone can rewrite an unsigned manifest');
    return;
  }
  let key = pubkey;
  if (!key) {
    const signerFile = path.join(dir, SIGNER);
    if (!existsSync(signerFile)) {
      r.problems.push(`${SIGNER}: missing: cannot check ${SIGNATURE} (pass --pubkey)`);
      return;
    }
    key = parsePublicKey(readFileSync(signerFile, 'utf8'));
    if (!key) {
      r.problems.push(`${SIGNER}: not a PEM Ed25519 public key`);
      return;
    }
  }
  const sigText = readFileSync(sigFile, 'latin1');
  if (!verifyBytes(bytes, sigText, key)) {
    r.problems.push(`${SIGNATURE}: signature does not verify over ${MANIFEST} with ${pubkey ? '--pubkey' : `the bundled ${SIGNER}`} (${fingerprint(key)}): one of the two files was altered, or another key signed`);
  } else if (pubkey) {
    r.notes.push(`signature valid: signed by ${fingerprint(key)} (the key given with --pubkey)`);
  } else {
    r.notes.push(`signature valid against the bundle's own ${SIGNER} (${fingerprint(key)}): this proves the files match what that key signed, not who holds it; pass --pubkey with the signer's published key`);
  }
}

function checkFiles(dir: string, manifest: Manifest, r: VerifyResult): void {
  const { files, odd } = walkBundle(dir);
  for (const p of odd) r.problems.push(`${p}: not a regular file`);
  const present = new Set(files);
  for (const entry of manifest.files) {
    if (!present.has(entry.path)) {
      r.problems.push(`${entry.path}: missing`);
      continue;
    }
    const bytes = readFileSync(path.join(dir, ...entry.path.split('/')));
    if (sha256(bytes) !== entry.sha256) r.problems.push(`${entry.path}: sha256 mismatch${bytes.length !== entry.bytes ? ` (size ${bytes.length}, listed ${entry.bytes})` : ''}`);
  }
  const listed = new Set(manifest.files.map((f) => f.path));
  for (const p of files) if (!listed.has(p)) r.problems.push(`${p}: not in the manifest (added)`);
}

/** Verifies the bundle in `dir`; bad input (no folder, no manifest) is a usage error. */
export function verifyBundle(dir: string, pubkey?: KeyObject): VerifyResult {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`verify: ${dir} is not a folder`);
  const manifestFile = path.join(dir, MANIFEST);
  if (!existsSync(manifestFile)) throw new UsageError(`verify: ${dir} is not an escapekit bundle (no ${MANIFEST})`);
  const r: VerifyResult = { problems: [], notes: [] };
  const bytes = readFileSync(manifestFile);
  checkSignature(dir, bytes, pubkey, r);
  const manifest = parseManifest(bytes);
  if (typeof manifest === 'string') {
    r.problems.push(`${MANIFEST}: ${manifest}`);
    return r;
  }
  r.manifest = manifest;
  checkFiles(dir, manifest, r);
  return r;
}
