/** JUnit output validates against the Apache Ant JUnit schema and carries rationale and remediation. */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
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
