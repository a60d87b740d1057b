/** `escapekit verify` and `keygen` as a user runs them: exit 0 valid, 1 altered (naming the file), 2 bad input. */
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { contentHash } from '../../../src/model/content-hash.js';
import { noStack, runCli } from '../../helpers/cli.js';
import { sampleReport } from '../../helpers/sample-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-verify-cli-'));
const priv = path.join(dir, 'signer.pem');
const pub = path.join(dir, 'signer.pub.pem');

test.serial('keygen writes a private key (0600) and a public key, and never overwrites', async (t) => {
  const r = await runCli(['keygen', priv, pub]);
  t.is(r.code, 0, r.stderr);
  t.regex(r.stdout, /SHA256:[A-Za-z0-9+/]{43}/);
  t.regex(readFileSync(priv, 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
  t.regex(readFileSync(pub, 'utf8'), /^-----BEGIN PUBLIC KEY-----/);
  t.is(statSync(priv).mode & 0o777, 0o600);
  const again = await runCli(['keygen', priv, path.join(dir, 'other.pub')]);
  t.is(again.code, 2);
  t.regex(again.stderr, /exists; keys are never overwritten/);
  t.false(existsSync(path.join(dir, 'other.pub')));
});

test.serial('verify: valid is 0, an altered evidence file is 1 and named, bad input is 2', async (t) => {
  const bundle = path.join(dir, 'bundle');
  writeBundle(planBundle(bundle, priv)!, sampleReport(), DEFAULT_POLICY);
  const ok = await runCli(['verify', bundle, '--pubkey', pub]);
  t.is(ok.code, 0, ok.stdout + ok.stderr);
  t.regex(ok.stdout, /bundle .*: valid \(run 20261126t120000-abcdef, 9 files, run exit code 2\)/);
  const own = await runCli(['verify', bundle]);
  t.is(own.code, 0);
  t.regex(own.stdout, /note: signature valid against the bundle's own signer\.pub/);

  const hash = contentHash({ pidNamespace: 'pid:[4026531836]' });
  const evidence = path.join(bundle, 'evidence', `${hash}.json`);
  writeFileSync(evidence, readFileSync(evidence, 'utf8').replace('4026531836', '4026531837'));
  const bad = await runCli(['verify', bundle, '--pubkey', pub]);
  t.is(bad.code, 1);
  t.regex(bad.stdout, new RegExp(`^evidence/${hash}\\.json: sha256 mismatch$`, 'm'));
  t.regex(bad.stdout, /INVALID, 1 problem/);

  for (const args of [['verify'], ['verify', path.join(dir, 'nope')], ['verify', dir], ['verify', bundle, '--pubkey', priv], ['verify', bundle, '--pubkey', path.join(dir, 'nope.pem')]]) {
    const r = await runCli(args);
    t.is(r.code, 2, args.join(' '));
    t.true(noStack(r.stderr) && r.stderr.startsWith('escapekit: '), r.stderr);
  }
});

test('run refuses bad policy, bundle and signing options before touching any engine', async (t) => {
  const full = mkdtempSync(path.join(os.tmpdir(), 'ek-full-'));
  writeFileSync(path.join(full, 'x'), '');
  const cases: Array<[string[], RegExp]> = [
    [['--fail-on', 'sometimes'], /--fail-on must be one of unmet, broken, never, got 'sometimes'/],
    [['--inconclusive', 'ignore'], /--inconclusive must be one of fail, pass/],
    [['--sign', priv], /--sign needs --bundle DIR/],
    [['--bundle', full], /--bundle .*: exists and is not an empty folder/],
    [['--bundle', path.join(dir, 'new'), '--sign', pub], /--sign .*: not a PEM private key/],
    [['--baseline', path.join(dir, 'missing.json')], /--baseline .*missing\.json: not found/],
    [['--report', 'pdf=x.pdf'], /unknown format 'pdf' \(known: console, json, junit, sarif, markdown, html\)/],
  ];
  const results = await Promise.all(cases.map(([args]) => runCli(['run', '--target', 'docker', ...args], { env: { DOCKER_HOST: 'unix:///nonexistent.sock' } })));
  for (const [i, [args, message]] of cases.entries()) {
    const r = results[i];
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, message);
    t.true(noStack(r.stderr));
  }
  t.false(existsSync(path.join(dir, 'new')), 'no bundle folder was created');
});
