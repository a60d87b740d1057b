/** Writing a bundle: canonical report, each distinct evidence document once (named by its hash), rendered reports, manifest, signature; bad --bundle/--sign refused early. */
import test from 'ava';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { createHash } from 'node:crypto';
import { evidenceFiles } from '../../../src/bundle/evidence.js';
import { readReportFile } from '../../../src/model/read-report.js';
import { contentHash } from '../../../src/model/content-hash.js';
import type { ReportFileV2 } from '../../../src/model/report-file.js';
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

test('writes report.json (v2), each distinct evidence document once, rendered reports, a manifest of all of them, and a signature', (t) => {
  const dir = path.join(tmp(), 'bundle');
  const report = sampleReport();
  const out = writeBundle(planBundle(dir, keyFile)!, report, DEFAULT_POLICY);
  t.regex(out.signer ?? '', /^SHA256:/);
  t.deepEqual(readReportFile(path.join(dir, 'report.json')).scenarios, report.scenarios, 'report.json reads back to the same scenarios');
  const stored = JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8')) as ReportFileV2;
  const pid = contentHash({ pidNamespace: 'pid:[4026531836]' });
  t.deepEqual(stored.evidence[pid], { pidNamespace: 'pid:[4026531836]' });
  const bytes = readFileSync(path.join(dir, 'evidence', `${pid}.json`));
  t.deepEqual(JSON.parse(bytes.toString('utf8')), { pidNamespace: 'pid:[4026531836]' });
  t.is(createHash('sha256').update(bytes).digest('hex'), pid, 'the file is named by the SHA-256 of its bytes');
  const manifest = parseManifest(readFileSync(path.join(dir, 'manifest.json')));
  if (typeof manifest === 'string') return t.fail(manifest);
  const evidence = Object.keys(stored.evidence).map((h) => `evidence/${h}.json`).sort();
  t.is(evidence.length, 3, 'three distinct documents in the sample');
  t.deepEqual(manifest.files.map((f) => f.path), [...evidence, 'report.html', 'report.json', 'report.junit.xml', 'report.md', 'report.sarif', 'signer.pub']);
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

test('evidence files: one per distinct document whatever the node count, named by content hash', (t) => {
  const r = richReport();
  const before = [...evidenceFiles(r)];
  for (let i = 0; i < 50; i++) r.scenarios.push({ ...r.scenarios[0], node: `worker-${i}`, checks: r.scenarios[0].checks.map((c) => ({ ...c, evidence: c.evidence && structuredClone(c.evidence) })) });
  const files = [...evidenceFiles(r)];
  t.deepEqual(files.map((f) => f.path), before.map((f) => f.path), '50 more nodes with equal evidence add no file');
  for (const f of files) t.is(`evidence/${createHash('sha256').update(f.text).digest('hex')}.json`, f.path);
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
