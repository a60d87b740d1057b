/** Ed25519 signatures over manifest.json bytes, stored as one line of strict base64. */
import { sign, verify, type KeyObject } from 'node:crypto';

/** Signs bytes; returns the manifest.sig text. */
export function signBytes(bytes: Buffer, key: KeyObject): string {
  return `${sign(null, bytes, key).toString('base64')}\n`;
}

/** Decodes manifest.sig text strictly: canonical base64 of exactly 64 bytes, or undefined. */
export function decodeSignature(text: string): Buffer | undefined {
  const trimmed = text.replace(/\n$/, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(trimmed)) return undefined;
  const sig = Buffer.from(trimmed, 'base64');
  return sig.length === 64 && sig.toString('base64') === trimmed ? sig : undefined;
}

/** Whether `sigText` is a valid signature of `bytes` by `key`. */
export function verifyBytes(bytes: Buffer, sigText: string, key: KeyObject): boolean {
  const sig = decodeSignature(sigText);
  if (!sig) return false;
  try {
    return verify(null, bytes, key, sig);
  } catch {
    return false;
  }
}
