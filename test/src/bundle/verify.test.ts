/** Verification: every altered byte, missing or added file is named; signatures checked with --pubkey or the bundled key, said so. */
import test from 'ava';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { verifyBundle } from '../../../src/bundle/verify.js';
import { generateKeys, parsePublicKey } from '../../../src/bundle/keys.js';
import { walkBundle } from '../../../src/bundle/manifest.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { UsageError } from '../../../src/errors.js';
import { sampleReport } from '../../helpers/sample-report.js';

const keys = generateKeys();
const pub = parsePublicKey(keys.publicPem)!;
const keyFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-key-')), 'k.pem');
writeFileSync(keyFile, keys.privatePem);

function bundle(signed = true): string {
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-verify-')), 'b');
  writeBundle(planBundle(dir, signed ? keyFile : undefined)!, sampleReport(), DEFAULT_POLICY);
  return dir;
}
const flipByte = (file: string, at: number) => {
  const bytes = readFileSync(file);
  bytes[at % bytes.length] ^= 0x01;
  writeFileSync(file, bytes);
};

test('an intact signed bundle is valid with --pubkey, and with its own signer.pub (said so)', (t) => {
  const dir = bundle();
  const withKey = verifyBundle(dir, pub);
  t.deepEqual(withKey.problems, []);
  t.regex(withKey.notes.join('\n'), /signature valid: signed by SHA256:.* \(the key given with --pubkey\)/);
  const own = verifyBundle(dir);
  t.deepEqual(own.problems, []);
  t.regex(own.notes.join('\n'), /against the bundle's own signer\.pub .*pass --pubkey/);
});

test('one altered byte in any file is detected and names that file', (t) => {
  const dir = bundle();
  const files = [...walkBundle(dir).files, 'manifest.json', 'manifest.sig'];
  t.true(files.length >= 10);
  for (const [i, rel] of files.entries()) {
    const file = path.join(dir, rel);
    const original = readFileSync(file);
    flipByte(file, i * 7919);
    for (const key of [pub, undefined]) {
      const r = verifyBundle(dir, key);
      t.true(r.problems.length > 0, `${rel} altered, key ${key ? 'given' : 'bundled'}`);
      t.true(r.problems.some((p) => p.startsWith(`${rel}: `) || (rel === 'manifest.json' && p.startsWith('manifest.sig: signature does not verify over manifest.json'))), `${rel}: ${r.problems.join(' | ')}`);
    }
    writeFileSync(file, original);
  }
  t.deepEqual(verifyBundle(dir, pub).problems, [], 'restored');
});

test('missing, added and symlinked files are named', (t) => {
  const dir = bundle();
  rmSync(path.join(dir, 'report.md'));
  writeFileSync(path.join(dir, 'evidence', 'extra.json'), '{}');
  symlinkSync('/etc/hostname', path.join(dir, 'evidence', 'link.json'));
  t.deepEqual(verifyBundle(dir, pub).problems.sort(), ['evidence/extra.json: not in the manifest (added)', 'evidence/link.json: not a regular file', 'report.md: missing']);
});

test('a different signer, an unsigned bundle with --pubkey, and a missing signer.pub are invalid', (t) => {
  const other = parsePublicKey(generateKeys().publicPem)!;
  t.regex(verifyBundle(bundle(), other).problems[0], /^manifest\.sig: signature does not verify over manifest\.json with --pubkey \(SHA256:/);
  const unsigned = bundle(false);
  t.deepEqual(verifyBundle(unsigned, pub).problems, ['manifest.sig: missing: the bundle is not signed, but --pubkey expects a signature']);
  const plain = verifyBundle(unsigned);
  t.deepEqual(plain.problems, []);
  t.regex(plain.notes[0], /not signed/);
  const noSigner = bundle();
  rmSync(path.join(noSigner, 'signer.pub'));
  t.true(verifyBundle(noSigner).problems.includes('signer.pub: missing: cannot check manifest.sig (pass --pubkey)'));
});

test('a folder that is not a bundle is bad input', (t) => {
  t.throws(() => verifyBundle(path.join(os.tmpdir(), 'ek-no-such-dir')), { instanceOf: UsageError, message: /is not a folder/ });
  t.throws(() => verifyBundle(mkdtempSync(path.join(os.tmpdir(), 'ek-empty-'))), { instanceOf: UsageError, message: /not an escapekit bundle \(no manifest\.json\)/ });
});
