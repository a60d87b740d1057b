/** Manifest: sorted relative paths with SHA-256 and size; manifest and signature excluded; unsafe paths refused. */
import test from 'ava';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildManifest, isSafeEntryPath, manifestBytes, parseManifest, sha256, walkBundle } from '../../../src/bundle/manifest.js';

const meta = { tool: { name: 'escapekit', version: '0.1.0' }, runId: 'r1', createdAt: '2026-01-01T00:00:00Z', outcome: { exitCode: 0, failOn: 'unmet', inconclusive: 'fail' } };

function bundleDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-manifest-'));
  mkdirSync(path.join(dir, 'evidence', 'b'), { recursive: true });
  writeFileSync(path.join(dir, 'report.json'), '{}\n');
  writeFileSync(path.join(dir, 'evidence', 'b', 'z.json'), 'z');
  writeFileSync(path.join(dir, 'evidence', 'a.json'), 'a');
  writeFileSync(path.join(dir, 'manifest.json'), 'old');
  writeFileSync(path.join(dir, 'manifest.sig'), 'old');
  return dir;
}

test('lists every file but the manifest and its signature, sorted, with hash and size', (t) => {
  const m = buildManifest(bundleDir(), meta);
  t.deepEqual(m.files, [
    { path: 'evidence/a.json', sha256: sha256('a'), bytes: 1 },
    { path: 'evidence/b/z.json', sha256: sha256('z'), bytes: 1 },
    { path: 'report.json', sha256: sha256('{}\n'), bytes: 3 },
  ]);
  t.is(sha256('a'), 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb');
  t.deepEqual(parseManifest(manifestBytes(m)), m, 'round-trips');
});

test('symlinks and other non-regular files are reported, never followed', (t) => {
  const dir = bundleDir();
  symlinkSync('/etc/hostname', path.join(dir, 'evidence', 'link.json'));
  const { files, odd } = walkBundle(dir);
  t.deepEqual(odd, ['evidence/link.json']);
  t.false(files.includes('evidence/link.json'));
});

test('paths must stay inside the bundle', (t) => {
  for (const bad of ['../x', '/etc/passwd', 'a//b', './a', 'a/../../b', 'a\\b', '']) t.false(isSafeEntryPath(bad), bad);
  t.true(isSafeEntryPath('evidence/s/n@node-1/check.json'));
});

test('malformed manifests are named, not crashed on', (t) => {
  const ok = buildManifest(bundleDir(), meta);
  const bytes = (o: unknown) => Buffer.from(JSON.stringify(o));
  t.regex(parseManifest(Buffer.from('{"escapekitBundle":')) as string, /^not valid JSON/);
  t.regex(parseManifest(bytes({ ...ok, algorithm: 'md5' })) as string, /not an escapekit bundle manifest/);
  t.regex(parseManifest(bytes({ ...ok, files: [{ path: '../../etc/passwd', sha256: sha256('x'), bytes: 1 }] })) as string, /files\[0\]: unsafe or missing path/);
  t.regex(parseManifest(bytes({ ...ok, files: [{ path: 'a', sha256: 'nothex', bytes: 1 }] })) as string, /files\[0\] \(a\): bad sha256/);
  t.regex(parseManifest(bytes({ ...ok, files: [ok.files[0], ok.files[0]] })) as string, /listed twice/);
});
