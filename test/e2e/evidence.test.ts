/**
 * End to end on the real Docker engine, one small run shared by every assertion: SARIF valid
 * against the official schema, JUnit valid against the Ant schema, a signed evidence bundle
 * that verifies, and every altered byte detected and named.
 */
import test from 'ava';
import { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { verifyBundle } from '../../src/bundle/verify.js';
import { loadPublicKey } from '../../src/bundle/keys.js';
import { walkBundle } from '../../src/bundle/manifest.js';
import type { ReportFileV2 } from '../../src/model/report-file.js';
import { createHash } from 'node:crypto';
import { runCli, type CliResult } from '../helpers/cli.js';
import { requireDocker } from '../helpers/docker.js';
import { requireTool } from '../helpers/require.js';
import { REPO_ROOT } from '../helpers/paths.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-evidence-'));
const file = (name: string) => path.join(out, name);
const SUITE = [
  'name: ek-evidence',
  'target: docker',
  'scenarios:',
  '  - name: plain',
  '    posture: {}',
  '    expect: { holds: [host-pid, host-network] }',
  '  - name: host-pid',
  '    posture: { hostPID: true }',
  '    expect: { broken: [host-pid], holds: [host-network] }',
  '',
].join('\n');

let shared: Promise<CliResult> | undefined;
/** The one real run (started by the first test that needs it). */
function theRun(): Promise<CliResult> {
  shared ??= (async () => {
    writeFileSync(file('suite.yaml'), SUITE);
    const keys = await runCli(['keygen', file('signer.pem'), file('signer.pub')]);
    if (keys.code !== 0) throw new Error(keys.stderr);
    return runCli(['run', '-q', '--suite', file('suite.yaml'), '--report', `json=${file('r.json')}`, '--report', `sarif=${file('r.sarif')}`, '--report', `junit=${file('r.xml')}`, '--bundle', file('bundle'), '--sign', file('signer.pem')]);
  })();
  return shared;
}

test.serial('the run succeeds and its SARIF validates against the official schema', async (t) => {
  if (!(await requireDocker(t))) return;
  const r = await theRun();
  t.is(r.code, 0, r.stderr);
  const log = JSON.parse(readFileSync(file('r.sarif'), 'utf8'));
  t.deepEqual(sarifSchemaErrors(log), []);
  const run = log.runs[0];
  t.is(run.tool.driver.rules.length, CHECKS.length + 2);
  const pid = run.results.find((x: { message: { text: string } }) => x.message.text.startsWith('ek-evidence/host-pid: boundary host-pid is broken'));
  t.truthy(pid, 'the detected canary is a result');
  t.is(pid.level, 'note');
  t.is(pid.suppressions[0].status, 'accepted');
  t.is(run.invocations[0].exitCode, 0);
  t.true(run.invocations[0].executionSuccessful);
});

test.serial('the JUnit report validates against the Ant JUnit schema', async (t) => {
  if (!(await requireDocker(t)) || !requireTool(t, 'xmllint')) return;
  t.is((await theRun()).code, 0);
  const schema = path.join(REPO_ROOT, 'test', 'fixtures', 'schemas', 'junit-ant.xsd');
  t.notThrows(() => execFileSync('xmllint', ['--noout', '--schema', schema, file('r.xml')], { stdio: 'pipe' }));
});

test.serial('the signed bundle verifies, and holds the canonical report and raw evidence per check', async (t) => {
  if (!(await requireDocker(t))) return;
  t.is((await theRun()).code, 0);
  const v = await runCli(['verify', file('bundle'), '--pubkey', file('signer.pub')]);
  t.is(v.code, 0, v.stdout + v.stderr);
  t.regex(v.stdout, /signature valid: signed by SHA256:/);
  t.deepEqual(JSON.parse(readFileSync(file('bundle/report.json'), 'utf8')), JSON.parse(readFileSync(file('r.json'), 'utf8')));
  const stored = JSON.parse(readFileSync(file('bundle/report.json'), 'utf8')) as ReportFileV2;
  const scenario = stored.scenarios.find((s) => s.suite === 'ek-evidence' && s.name === 'host-pid')!;
  const check = stored.results[scenario.result].checks.map((ref) => stored.checks[ref]).find((c) => c.id === 'host-pid-namespace')!;
  t.is(check.status, 'broken');
  const bytes = readFileSync(file(`bundle/evidence/${String(check.evidence)}.json`));
  t.is(createHash('sha256').update(bytes).digest('hex') as string | null, check.evidence, 'evidence file named by the SHA-256 of its bytes');
  t.deepEqual(JSON.parse(bytes.toString('utf8')), stored.evidence[check.evidence!]);
  t.is(readdirSync(file('bundle/evidence')).length, Object.keys(stored.evidence).length, 'one file per distinct evidence document');
});

test.serial('one altered byte in each file in turn: verify fails and names that file', async (t) => {
  if (!(await requireDocker(t))) return;
  t.is((await theRun()).code, 0);
  const copy = file('tampered');
  cpSync(file('bundle'), copy, { recursive: true });
  const key = loadPublicKey(file('signer.pub'));
  const files = [...walkBundle(copy).files, 'manifest.json', 'manifest.sig'];
  t.true(files.filter((f) => f.startsWith('evidence/')).length > 5, `${files.length} files`);
  const viaCli = new Set(['report.json', 'manifest.sig', files.find((f) => f.startsWith('evidence/'))!]);
  for (const [i, rel] of files.entries()) {
    const target = path.join(copy, rel);
    const original = readFileSync(target);
    const altered = Buffer.from(original);
    altered[(i * 104729) % altered.length] ^= 0x20;
    writeFileSync(target, altered);
    const named = (p: string) => p.startsWith(`${rel}: `) || (rel === 'manifest.json' && p.startsWith('manifest.sig: signature does not verify over manifest.json'));
    t.true(verifyBundle(copy, key).problems.some(named), rel);
    if (viaCli.has(rel)) {
      const r = await runCli(['verify', copy, '--pubkey', file('signer.pub')]);
      t.is(r.code, 1, rel);
      t.true(r.stdout.split('\n').some(named), `${rel}: ${r.stdout}`);
    }
    writeFileSync(target, original);
  }
  t.deepEqual(verifyBundle(copy, key).problems, [], 'restored copy is valid again');
});
