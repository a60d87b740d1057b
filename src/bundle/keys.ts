/** Ed25519 keys for bundle signatures (node:crypto only): load, generate, fingerprint. */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { UsageError } from '../errors.js';
import { readInputText } from '../io/safe-read.js';

/** Largest key file accepted (an Ed25519 PEM is about 120 bytes; RSA keys, refused later, stay below too). */
export const MAX_KEY_BYTES = 16 * 1024;

function readKeyFile(file: string, option: string): string {
  return readInputText(file, { maxBytes: MAX_KEY_BYTES, what: option });
}

/** Loads a PEM PKCS#8 Ed25519 private key; anything else is a usage error. */
export function loadPrivateKey(file: string, option = '--sign'): KeyObject {
  const pem = readKeyFile(file, option);
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    const encrypted = /ENCRYPTED/.test(pem) ? ' (encrypted keys are not supported)' : '';
    throw new UsageError(`${option} ${file}: not a PEM private key${encrypted}`, `create one with 'escapekit keygen PRIVATE.pem PUBLIC.pem'`);
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new UsageError(`${option} ${file}: an Ed25519 key is needed, got ${key.asymmetricKeyType ?? 'an unknown key type'}`);
  return key;
}

/** Parses PEM text as an Ed25519 public key, or returns undefined (private keys are refused: they must not travel). */
export function parsePublicKey(pem: string): KeyObject | undefined {
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) return undefined;
  try {
    const key = createPublicKey({ key: pem, format: 'pem' });
    return key.type === 'public' && key.asymmetricKeyType === 'ed25519' ? key : undefined;
  } catch {
    return undefined;
  }
}

/** Loads a PEM SPKI Ed25519 public key; anything else is a usage error. */
export function loadPublicKey(file: string, option = '--pubkey'): KeyObject {
  const pem = readKeyFile(file, option);
  if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) throw new UsageError(`${option} ${file}: this is a private key; give the signer's public key`);
  const key = parsePublicKey(pem);
  if (!key) throw new UsageError(`${option} ${file}: not a PEM Ed25519 public key`);
  return key;
}

/** PEM (SPKI) text of the public half of a key. */
export function publicPem(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  return pub.export({ type: 'spki', format: 'pem' }).toString();
}

/** `SHA256:<base64>` of the SPKI DER, to name a key in messages. */
export function fingerprint(key: KeyObject): string {
  const pub = key.type === 'private' ? createPublicKey(key) : key;
  const der = pub.export({ type: 'spki', format: 'der' });
  return `SHA256:${createHash('sha256').update(der).digest('base64').replace(/=+$/, '')}`;
}

/** A new Ed25519 key pair as PEM texts. */
export function generateKeys(): { privatePem: string; publicPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  return { privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(), publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString() };
}
