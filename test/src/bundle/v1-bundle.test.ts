/** A bundle written before schemaVersion 2 (report.json with evidence inline, one evidence file per check) still verifies and renders. */
import test from 'ava';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateKeys, loadPrivateKey, loadPublicKey } from '../../../src/bundle/keys.js';
import { buildManifest, manifestBytes, MANIFEST, SIGNATURE } from '../../../src/bundle/manifest.js';
import { signBytes } from '../../../src/bundle/sign.js';
import { verifyBundle } from '../../../src/bundle/verify.js';
import { readReportFile } from '../../../src/model/read-report.js';
import { runCli } from '../../helpers/cli.js';
import { sampleReport } from '../../helpers/sample-report.js';

test('a version 1 bundle verifies, and its report.json is read by --baseline and report', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-v1-bundle-'));
  const keys = generateKeys();
  writeFileSync(path.join(dir, 'k.pem'), keys.privatePem);
  writeFileSync(path.join(dir, 'k.pub'), keys.publicPem);
  const bundle = path.join(dir, 'bundle');
  const report = { ...sampleReport(), schemaVersion: 1 as const };
  mkdirSync(path.join(bundle, 'evidence', 'docker-canaries', 'host-pid'), { recursive: true });
  writeFileSync(path.join(bundle, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  const check = report.scenarios[0].checks[0];
  writeFileSync(path.join(bundle, 'evidence', 'docker-canaries', 'host-pid', 'host-pid-namespace.json'), JSON.stringify({ runId: report.runId, suite: 'docker-canaries', scenario: 'host-pid', check: { id: check.id, status: check.status }, evidence: check.evidence }));
  const manifest = buildManifest(bundle, { tool: report.tool, runId: report.runId, createdAt: report.finishedAt, outcome: { exitCode: 2, failOn: 'unmet', inconclusive: 'fail' } });
  const bytes = manifestBytes(manifest);
  writeFileSync(path.join(bundle, MANIFEST), bytes);
  writeFileSync(path.join(bundle, SIGNATURE), signBytes(bytes, loadPrivateKey(path.join(dir, 'k.pem'))));
  t.deepEqual(verifyBundle(bundle, loadPublicKey(path.join(dir, 'k.pub'))).problems, []);
  t.deepEqual(readReportFile(path.join(bundle, 'report.json')).scenarios, report.scenarios);
  const r = await runCli(['report', path.join(bundle, 'report.json'), '--report', 'junit']);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /<testcase name="hardened"/);
});
