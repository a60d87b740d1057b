/** Ed25519 signing with node:crypto: round trip, strict base64, wrong keys, and key files that are not usable. */
import test from 'ava';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { decodeSignature, signBytes, verifyBytes } from '../../../src/bundle/sign.js';
import { fingerprint, generateKeys, loadPrivateKey, loadPublicKey, parsePublicKey } from '../../../src/bundle/keys.js';
import { UsageError } from '../../../src/errors.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-sign-'));
const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const keys = generateKeys();
const priv = loadPrivateKey(file('k.pem', keys.privatePem));
const pub = loadPublicKey(file('k.pub', keys.publicPem));
const data = Buffer.from('{"manifest":1}\n');

test('sign and verify round trip; any change to the data or key fails', (t) => {
  const sig = signBytes(data, priv);
  t.regex(sig, /^[A-Za-z0-9+/]{86}==\n$/);
  t.true(verifyBytes(data, sig, pub));
  t.false(verifyBytes(Buffer.from('{"manifest":2}\n'), sig, pub));
  t.false(verifyBytes(data, sig, parsePublicKey(generateKeys().publicPem)!));
  t.is(fingerprint(priv), fingerprint(pub), 'the private key names the same signer');
});

test('every one-byte change of the signature text is rejected, padding included', (t) => {
  const sig = signBytes(data, priv);
  for (let i = 0; i < sig.length; i++) {
    const altered = Buffer.from(sig, 'latin1');
    altered[i] ^= 0x01;
    t.false(verifyBytes(data, altered.toString('latin1'), pub), `byte ${i}`);
  }
  t.is(decodeSignature(sig.replace(/==\n$/, '<=\n')), undefined, 'Buffer.from would ignore the bad character; we do not');
});

test('unusable key files are usage errors naming the file', (t) => {
  t.throws(() => loadPrivateKey(path.join(dir, 'nope.pem')), { instanceOf: UsageError, message: /--sign .*nope\.pem: not found/ });
  t.throws(() => loadPrivateKey(file('junk.pem', 'hello')), { instanceOf: UsageError, message: /not a PEM private key/ });
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  t.throws(() => loadPrivateKey(file('rsa.pem', rsa)), { instanceOf: UsageError, message: /an Ed25519 key is needed, got rsa/ });
  t.throws(() => loadPublicKey(file('priv-as-pub.pem', 'x')), { instanceOf: UsageError, message: /--pubkey .*: not a PEM Ed25519 public key/ });
  t.throws(() => loadPrivateKey(file('pub-as-priv.pem', keys.publicPem)), { instanceOf: UsageError });
});
