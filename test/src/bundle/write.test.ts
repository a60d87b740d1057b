/** Writing a bundle: canonical report, evidence per check, rendered reports, manifest, signature; bad --bundle/--sign refused early. */
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { evidenceFiles, safeSegment } from '../../../src/bundle/evidence.js';
import { generateKeys } from '../../../src/bundle/keys.js';
import { parseManifest } from '../../../src/bundle/manifest.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { UsageError } from '../../../src/errors.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { richReport } from '../../helpers/rich-report.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'ek-bundle-'));
const keyFile = (() => {
  const f = path.join(tmp(), 'k.pem');
  writeFileSync(f, generateKeys().privatePem);
  return f;
})();

test('writes report.json, evidence per check, rendered reports, a manifest of all of them, and a signature', (t) => {
  const dir = path.join(tmp(), 'bundle');
  const report = sampleReport();
  const out = writeBundle(planBundle(dir, keyFile)!, report, DEFAULT_POLICY);
  t.regex(out.signer ?? '', /^SHA256:/);
  t.deepEqual(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')), report);
  const ev = JSON.parse(readFileSync(path.join(dir, 'evidence', 'docker-canaries', 'host-pid', 'host-pid-namespace.json'), 'utf8'));
  t.deepEqual(ev, { runId: report.runId, suite: 'docker-canaries', scenario: 'host-pid', check: { id: 'host-pid-namespace', boundary: 'host-pid', status: 'broken', summary: "PID namespace is the host's", durationMs: 3 }, evidence: { pidNamespace: 'pid:[4026531836]' } });
  const manifest = parseManifest(readFileSync(path.join(dir, 'manifest.json')));
  if (typeof manifest === 'string') return t.fail(manifest);
  t.deepEqual(manifest.files.map((f) => f.path), [
    'evidence/docker-baseline/hardened/host-pid-namespace.json',
    'evidence/docker-canaries/host-pid/cap-sys-admin.json',
    'evidence/docker-canaries/host-pid/host-pid-namespace.json',
    'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif', 'signer.pub',
  ]);
  t.deepEqual(manifest.outcome, { exitCode: 2, failOn: 'unmet', inconclusive: 'fail' });
  t.true(existsSync(path.join(dir, 'manifest.sig')));
  t.is(out.files, 9);
});

test('without a key there is no signature and no signer.pub', (t) => {
  const dir = path.join(tmp(), 'b');
  const out = writeBundle(planBundle(dir, undefined)!, sampleReport(), DEFAULT_POLICY);
  t.is(out.signer, undefined);
  t.false(existsSync(path.join(dir, 'manifest.sig')) || existsSync(path.join(dir, 'signer.pub')));
});

test('evidence paths: one per check and node, safe segments, no collisions', (t) => {
  const r = richReport();
  r.scenarios.push({ ...r.scenarios[0], node: 'worker/../1' }, { ...r.scenarios[0], node: 'worker_.._1' });
  const files = evidenceFiles(r);
  t.is(new Set(files.map((f) => f.path)).size, files.length);
  t.true(files.some((f) => f.path === 'evidence/docker-canaries/host-pid@worker_.._1/host-pid-namespace.json'));
  t.true(files.some((f) => f.path === 'evidence/docker-canaries/host-pid@worker_.._1/host-pid-namespace~2.json'));
  t.is(safeSegment('..'), '_');
  t.is(safeSegment('a b/c'), 'a_b_c');
});

test('--bundle must be new or empty and --sign needs --bundle and a usable key, all before the run', (t) => {
  const full = tmp();
  writeFileSync(path.join(full, 'x'), 'x');
  t.throws(() => planBundle(full, undefined), { instanceOf: UsageError, message: /--bundle .*: exists and is not an empty folder/ });
  const empty = path.join(tmp(), 'empty');
  mkdirSync(empty);
  t.is(planBundle(empty, undefined)?.dir, empty);
  t.throws(() => planBundle(undefined, keyFile), { instanceOf: UsageError, message: /--sign needs --bundle/ });
  t.throws(() => planBundle(path.join(tmp(), 'n'), path.join(tmp(), 'missing.pem')), { instanceOf: UsageError, message: /--sign .*missing\.pem: not found/ });
  t.is(planBundle(undefined, undefined), undefined);
});
