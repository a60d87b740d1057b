/** Suite loading: valid files load; every kind of bad input names file:line:col. */
import test from 'ava';
import { writeFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseSuite, loadSuiteFile, MAX_SUITE_BYTES } from '../../../src/suite/load.js';
import { shippedSuiteNames, resolveSuite } from '../../../src/suite/resolve.js';
import { UsageError } from '../../../src/errors.js';

const bad = (text: string) => {
  try {
    parseSuite(text, 'f.yaml');
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected the suite to be refused');
};

const VALID = `name: s
scenarios:
  - name: a
    posture: { privileged: true, user: "1000:1000", capabilities: { add: [CAP_SYS_ADMIN, net_admin], drop: [ALL] } }
    expect: { broken: [capabilities], holds: ['*'] }
`;

test('a valid suite loads with defaults', (t) => {
  const s = parseSuite(VALID, 'f.yaml');
  t.is(s.name, 's');
  t.is(s.target, 'any');
  t.is(s.scenarios[0].expect.admission, 'allowed');
  t.deepEqual(s.scenarios[0].posture.capabilities, { add: ['CAP_SYS_ADMIN', 'net_admin'], drop: ['ALL'] });
  t.deepEqual(s.scenarios[0].expect.holds, ['*']);
});

test('every shipped suite loads', (t) => {
  t.true(shippedSuiteNames().length >= 2);
  for (const name of shippedSuiteNames()) t.notThrows(() => loadSuiteFile(resolveSuite(name)), name);
});

test('unknown posture key names file:line:col', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture:\n      privilegd: true\n'), /f\.yaml:5:7: unknown key 'privilegd' in posture/);
});

test('unknown boundary id names file:line:col', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    expect:\n      broken: [host-pids]\n'), /f\.yaml:5:16: expect\.broken\[0\]: unknown boundary id 'host-pids'/);
});

test('wrong types are refused', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture: { hostPID: "yes" }\n'), /f\.yaml:4:25: posture\.hostPID must be true or false, got a string/);
  t.regex(bad('name: s\nscenarios: {}\n'), /f\.yaml:2:12: scenarios must be a list/);
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture: { user: root }\n'), /posture\.user must be a uid/);
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture: { mounts: [{ hostPath: etc, path: /x }] }\n'), /hostPath 'etc' is invalid: must be an absolute path/);
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture: { capabilities: { add: [SYS_ADMINN] } }\n'), /unknown capability 'SYS_ADMINN'/);
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    expect: { admission: maybe }\n'), /expect\.admission must be one of allowed, denied/);
});

test('invalid YAML names the position', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: [a\n'), /f\.yaml:\d+:\d+: invalid YAML/);
});

test('duplicate scenario names and keys are refused', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: a\n  - name: a\n'), /f\.yaml:4:11: duplicate scenario name 'a' \(first at f\.yaml:3:11\)/);
  t.regex(bad('name: s\nname: t\nscenarios: []\n'), /invalid YAML: Map keys must be unique/);
});

test('a boundary both broken and holds is a contradiction', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    expect: { broken: [host-pid], holds: [host-pid] }\n'), /both broken and holds/);
});

test('hostile strings are refused and shortened in messages', (t) => {
  const msg = bad(`name: s\nscenarios:\n  - name: "$(rm -rf /)\\u001b[31m${'x'.repeat(500)}"\n`);
  t.regex(msg, /scenarios\[0\]\.name '.*' is invalid/);
  t.false(msg.includes('\u001b'), 'no terminal escapes echoed');
  t.true(msg.length < 600);
});

test('huge files are refused before parsing', (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-'));
  const file = path.join(dir, 'huge.yaml');
  writeFileSync(file, `name: s\n#${'x'.repeat(MAX_SUITE_BYTES)}\n`);
  t.throws(() => loadSuiteFile(file), { message: /suite file .*huge\.yaml: is \d+ bytes, larger than/ });
});

test('missing files and unknown suite names are clear errors', (t) => {
  t.throws(() => resolveSuite('no-such-suite'), { message: /unknown suite 'no-such-suite' \(shipped: .*docker-baseline/ });
  t.throws(() => resolveSuite('./nope.yaml'), { message: /suite file not found: \.\/nope\.yaml/ });
});

test('unresolved YAML tags are refused, not silently dropped', (t) => {
  t.regex(bad('name: s\nscenarios:\n  - name: !custom a\n'), /f\.yaml:3:11: invalid YAML: Unresolved tag: !custom/);
});

test('mount types are validated', (t) => {
  const s = parseSuite('name: s\nscenarios:\n  - name: a\n    posture: { mounts: [{ hostPath: /etc/passwd, path: /p, type: File }] }\n', 'f.yaml');
  t.is(s.scenarios[0].posture.mounts![0].type, 'File');
  t.regex(bad('name: s\nscenarios:\n  - name: a\n    posture: { mounts: [{ hostPath: /etc/passwd, path: /p, type: file }] }\n'), /posture\.mounts\[0\]\.type must be one of Directory, File, Socket, CharDevice, BlockDevice/);
});
