/** JUnit output validates against the Apache Ant JUnit schema and carries rationale and remediation. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderJunit } from '../../../src/report/junit.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { requireTool } from '../../helpers/require.js';
import { REPO_ROOT } from '../../helpers/paths.js';

test('failures carry unmet lines, rationale and remediation; errors are errors', (t) => {
  const xml = renderJunit(sampleReport());
  t.regex(xml, /<testsuite package="escapekit" id="0" name="docker-canaries"[^>]* tests="2" failures="0" errors="1"/);
  t.regex(xml, /<failure message="host-pid: expected holds, got broken[^"]*" type="unmet-expectation">/);
  t.regex(xml, /rationale: In the host PID namespace/);
  t.regex(xml, /remediation: Do not set hostPID/);
  t.regex(xml, /<error message="docker: no such device \/dev\/loop0" type="run-error">/);
  t.regex(xml, /kernel threads &lt;visible&gt; &amp; &quot;quoted&quot;/);
  t.regex(xml, /timestamp="2026-11-26T12:00:00"/);
});

test('validates against the JUnit XML schema (xmllint)', (t) => {
  if (!requireTool(t, 'xmllint')) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-junit-'));
  const file = path.join(dir, 'r.xml');
  writeFileSync(file, renderJunit(sampleReport()));
  const schema = path.join(REPO_ROOT, 'test', 'fixtures', 'schemas', 'junit-ant.xsd');
  t.notThrows(() => execFileSync('xmllint', ['--noout', '--schema', schema, file], { stdio: 'pipe' }));
});

test('baseline regressions fail the scenario testcase, even when its expectation is met', (t) => {
  const r = sampleReport();
  r.baseline = { file: 'base.json', regressions: ['docker-canaries/host-pid capabilities: held in the baseline, broken now'], fixed: [] };
  const xml = renderJunit(r);
  t.regex(xml, /<testcase name="host-pid"[^>]*>\n {6}<failure message="regression: docker-canaries\/host-pid capabilities: held in the baseline, broken now" type="regression">/);
  t.regex(xml, /name="docker-canaries"[^>]* failures="1" errors="1"/);
});

test('regressed scenarios validate against the JUnit XML schema too', (t) => {
  if (!requireTool(t, 'xmllint')) return;
  const r = sampleReport();
  r.baseline = { file: 'base.json', regressions: ['docker-canaries/host-pid capabilities: held in the baseline, broken now', 'docker-baseline/hardened host-pid: held in the baseline, broken now'], fixed: [] };
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-junit-')), 'r.xml');
  writeFileSync(file, renderJunit(r));
  t.regex(readFileSync(file, 'utf8'), /regression: docker-baseline\/hardened host-pid/, 'appended to the unmet failure');
  t.notThrows(() => execFileSync('xmllint', ['--noout', '--schema', path.join(REPO_ROOT, 'test', 'fixtures', 'schemas', 'junit-ant.xsd'), file], { stdio: 'pipe' }));
});
