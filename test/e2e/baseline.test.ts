/**
 * Regression gate end to end on the real Docker engine: a baseline from a hardened run, then the
 * same suite/scenario names with a weakened posture. The regression alone exits 1 and is named
 * in the console, Markdown, HTML, JUnit and SARIF; --fail-on never turns it into exit 0.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readReportFile } from '../../src/model/read-report.js';
import { runCli } from '../helpers/cli.js';
import { requireDocker } from '../helpers/docker.js';
import { sarifSchemaErrors } from '../helpers/sarif-schema.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'ek-e2e-baseline-'));
const file = (name: string) => path.join(out, name);
const suite = (posture: string, expect: string) => `name: ek-regress\ntarget: docker\nscenarios:\n  - name: app\n    posture: ${posture}\n    expect: ${expect}\n`;
const REGRESSION = 'ek-regress/app host-pid: held in the baseline, broken now';

test('a boundary that held in the baseline and breaks now fails the run and is named in every report', async (t) => {
  if (!(await requireDocker(t))) return;
  writeFileSync(file('hardened.yaml'), suite('{ user: "65534:65534", capabilities: { drop: [ALL] } }', '{ holds: [host-pid, capabilities] }'));
  const base = await runCli(['run', '-q', '--suite', file('hardened.yaml'), '--report', `json=${file('baseline.json')}`]);
  t.is(base.code, 0, base.stderr);
  t.is((readReportFile(file('baseline.json'))).scenarios[0].boundaries['host-pid'], 'holds');

  // Same suite and scenario names, weakened posture, and no expectation that could fail on its own.
  writeFileSync(file('weakened.yaml'), suite('{ user: "65534:65534", capabilities: { drop: [ALL] }, hostPID: true }', '{}'));
  const reports = ['json=now.json', 'markdown=now.md', 'html=now.html', 'junit=now.xml', 'sarif=now.sarif'].flatMap((r) => ['--report', `${r.split('=')[0]}=${file(r.split('=')[1])}`]);
  const [gated, lenient] = await Promise.all([
    runCli(['run', '--suite', file('weakened.yaml'), '--baseline', file('baseline.json'), ...reports]),
    runCli(['run', '-q', '--suite', file('weakened.yaml'), '--baseline', file('baseline.json'), '--fail-on', 'never']),
  ]);
  t.is(gated.code, 1, gated.stderr);
  t.regex(gated.stderr, /0 unmet, 0 errors/, 'the expectation itself is met...');
  t.true(gated.stderr.includes(`regression: ${REGRESSION}`), `...the regression alone fails it:\n${gated.stderr}`);
  t.is(lenient.code, 0, `--fail-on never: ${lenient.stderr}`);

  const now = readReportFile(file('now.json'));
  t.true(now.baseline?.regressions.includes(REGRESSION), JSON.stringify(now.baseline?.regressions));
  // hostPID also reaches the root of another uid-65534 container (the concurrent lenient run's probe): host-filesystem may break too.
  t.true(now.baseline!.regressions.every((r) => /^ek-regress\/app (host-pid|host-filesystem): held in the baseline, broken now$/.test(r)), JSON.stringify(now.baseline?.regressions));
  t.true(readFileSync(file('now.md'), 'utf8').includes(`**REGRESSION** ${REGRESSION}`));
  t.true(readFileSync(file('now.html'), 'utf8').includes(`▲ REGRESSION ${REGRESSION}`));
  t.regex(readFileSync(file('now.xml'), 'utf8'), new RegExp(`<failure message="regression: ${REGRESSION.replace(/[/.]/g, '\\$&')}" type="regression">`));
  const sarif = JSON.parse(readFileSync(file('now.sarif'), 'utf8'));
  t.deepEqual(sarifSchemaErrors(sarif), []);
  const hit = sarif.runs[0].results.find((r: { message: { text: string } }) => r.message.text.startsWith('REGRESSION: ek-regress/app: boundary host-pid is broken'));
  t.is(hit?.level, 'error');
  t.is(sarif.runs[0].invocations[0].exitCode, 1);
});
