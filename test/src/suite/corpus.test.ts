/**
 * The bad-suite corpus (test/fixtures/bad-suites/*.yaml): each file states on `# expect
 * LINE:COL MESSAGE-REGEX` lines the problems it must produce. Every file is refused with a
 * UsageError naming file:line:col, fast, without echoing terminal escapes or huge strings.
 * Generated cases (too big to commit) cover size limits and deep nesting. A few files also go
 * through the real CLI with a recording proxy in front of the real engine: exit 2, no stack
 * trace, and not a single request reaches the engine, so no container can have been created.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { loadSuiteFile, MAX_SUITE_BYTES, parseSuite } from '../../../src/suite/load.js';
import { noStack, runCli } from '../../helpers/cli.js';
import { requireDocker } from '../../helpers/docker.js';
import { startDockerProxy } from '../../helpers/docker-proxy.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const CORPUS = path.join(REPO_ROOT, 'test', 'fixtures', 'bad-suites');
const files = readdirSync(CORPUS).filter((f) => f.endsWith('.yaml')).sort();
const work = mkdtempSync(path.join(os.tmpdir(), 'ek-corpus-'));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The problems a corpus file declares, as regexes over the error message. */
function declared(file: string): RegExp[] {
  const text = readFileSync(file, 'latin1');
  return [...text.matchAll(/^# expect (\d+):(\d+) (.*)$/gm)].map(([, line, col, message]) => new RegExp(`${escape(file)}:${line}:${col}: ${message}`));
}

/** The UsageError message a load produces (fails the test on success or another error type). */
function refusal(load: () => unknown): string {
  try {
    load();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw new Error(`not a UsageError: ${String(error)}`);
  }
  throw new Error('the suite was accepted');
}

test('the corpus is not empty and every file declares its problems', (t) => {
  t.true(files.length >= 20, `${files.length} files`);
  for (const f of files) t.true(declared(path.join(CORPUS, f)).length > 0, f);
});

for (const f of files) {
  test(`corpus: ${f}`, (t) => {
    const file = path.join(CORPUS, f);
    const started = performance.now();
    const message = refusal(() => loadSuiteFile(file));
    t.true(performance.now() - started < 1000, 'refused within a second');
    for (const re of declared(file)) t.regex(message, re);
    t.false(/[\x00-\x08\x0b-\x1f\x7f]/.test(message), 'no control characters echoed');
    t.false(/[\u202a-\u202e\u2066-\u2069]/.test(message), 'no bidirectional overrides echoed');
    t.true(message.length < 4000, `message of ${message.length} characters`);
  });
}

test('a file over the size limit is refused before parsing, naming the file', (t) => {
  const file = path.join(work, 'huge.yaml');
  writeFileSync(file, `name: huge\nscenarios:\n${'  - name: a\n'.repeat(MAX_SUITE_BYTES / 12 + 10)}`);
  const started = performance.now();
  t.regex(refusal(() => loadSuiteFile(file)), new RegExp(`suite file ${escape(file)}: is \\d+ bytes, larger than the ${MAX_SUITE_BYTES}-byte limit`));
  t.true(performance.now() - started < 500);
});

test('deep nesting (flow and block) is a positioned error, not a crash', (t) => {
  for (const [what, text] of [
    ['flow', `name: s\nscenarios: ${'['.repeat(50_000)}${']'.repeat(50_000)}\n`],
    ['block', `name: s\nscenarios:\n${Array.from({ length: 3000 }, (_, k) => `${' '.repeat(2 + 2 * k)}- a${k}:\n`).join('')}`],
    ['mapping', `name: s\nscenarios: ${'{a: '.repeat(20_000)}1${'}'.repeat(20_000)}\n`],
  ]) {
    t.regex(refusal(() => parseSuite(text, 'deep.yaml')), /deep\.yaml:\d+:\d+: /, what);
  }
});

test('aliases are never expanded: a billion-laughs bomb in every position is refused at once', (t) => {
  const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 12 }, (_, i) => `b${i}: &b${i} [${Array(10).fill(i ? `*b${i - 1}` : '*a').join(',')}]`)].join('\n');
  for (const tail of ['scenarios: *b11', 'scenarios:\n  - name: a\n    posture: *b11', 'scenarios:\n  - name: a\n    expect: { holds: *b11 }', 'scenarios:\n  - name: a\n    posture: { mounts: *b11 }']) {
    const started = performance.now();
    t.regex(refusal(() => parseSuite(`name: s\n${bomb}\n${tail}\n`, 'bomb.yaml')), /bomb\.yaml:\d+:\d+: /);
    t.true(performance.now() - started < 1000);
  }
});

test('an alias in place of a value is named as an alias', (t) => {
  t.regex(refusal(() => parseSuite('name: &n s\nscenarios:\n  - name: *n\n', 'alias.yaml')), /alias\.yaml:3:11: .*alias/i);
});

test('a uid beyond 2^32-2 is refused, 2^32-2 itself is accepted', (t) => {
  const suite = (user: string) => `name: s\nscenarios:\n  - name: a\n    posture: { user: ${user} }\n`;
  for (const user of ['99999999999999999999999', '4294967295', '"4294967295:0"', '"0:4294967295"']) {
    t.regex(refusal(() => parseSuite(suite(user), 'uid.yaml')), /uid\.yaml:4:\d+: posture\.user/, user);
  }
  t.notThrows(() => parseSuite(suite('4294967294'), 'uid.yaml'));
  t.notThrows(() => parseSuite(suite('"4294967294:4294967294"'), 'uid.yaml'));
});

test.serial('through the real CLI: exit 2, file:line:col, no stack trace, no request to the engine', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  const proxy = await startDockerProxy();
  try {
    const picked = ['unknown-key-posture.yaml', 'alias-bomb.yaml', 'hostile-terminal-escapes.yaml', 'duplicate-scenario-names.yaml', 'invalid-yaml-unclosed-flow.yaml'];
    await Promise.all(picked.map(async (f) => {
      const file = path.join(CORPUS, f);
      const r = await runCli(['run', '--suite', file], { env: { DOCKER_HOST: proxy.dockerHost } });
      t.is(r.code, 2, `${f}: ${r.stderr}`);
      for (const re of declared(file)) t.regex(r.stderr, re, f);
      t.true(noStack(r.stderr), f);
      t.false(r.stderr.includes('\x1b'), `${f}: terminal escape echoed`);
    }));
    t.deepEqual(proxy.requests.map((x) => `${x.method} ${x.path}`), [], 'the engine was never contacted');
  } finally {
    await proxy.close();
  }
});
