/**
 * One hostile probe among honest ones, end to end on the real Docker engine: an image whose
 * command runs the real agent, except in the scenario run as uid 4242 where it prints a document
 * (echoing the real challenge) whose evidence nests 10,000 deep. The run must complete, write
 * every requested report and the bundle, keep the honest scenario's verdicts, and report the
 * hostile scenario inconclusive with the reason; the bundle verifies; no container is left.
 * A report destination that fails only at write time is named and costs nothing else.
 */
import test from 'ava';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../probes/index.js';
import { AGENT_BEGIN, AGENT_END } from '../../probes/model.js';
import { readReportFile } from '../../src/model/read-report.js';
import { noStack, runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { buildTestImage, busyboxSh, probeImage, removeTestImages } from '../helpers/test-images.js';

const BB = '/bin/busybox';
const SLOT = 'CHALLENGE_SLOT';

/** The hostile document, its challenge filled in at run time from the probe's own request. */
function hostileScript(): string {
  const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
  const body = `{"agent":{"version":1,"node":{"toString":1},"durationMs":1,"challenge":"${SLOT}"},"environment":{},"results":[{"id":"${CHECKS[0].id}","ok":true,"evidence":{"x":${deep}},"durationMs":1}]}`;
  const text = `${AGENT_BEGIN}\n${body}\n${AGENT_END}\n`;
  const print = `printf %s ${Buffer.from(text).toString('base64')} | ${BB} base64 -d`;
  const hostile = `c=$(echo "$ESCAPEKIT_AGENT" | ${BB} sed -n 's/.*"challenge":"\\([0-9a-f]*\\)".*/\\1/p'); ${print} | ${BB} sed "s/${SLOT}/$c/"`;
  return `if [ "$(${BB} id -u)" = 4242 ]; then ${hostile}; else exec /node /agent.mjs; fi`;
}

test('a run with one hostile probe completes, writes every report and the bundle, and reports only that scenario inconclusive', async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  t.timeout(300_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-hostile-run-'));
  const tag = `escapekit-test/hostile-run:${process.pid}`;
  const suite = path.join(dir, 'suite.yaml');
  writeFileSync(suite, 'name: mixed\ntarget: docker\nscenarios:\n  - name: honest\n    posture: {}\n  - name: hostile\n    posture: { user: 4242 }\n');
  const files = { json: 'r.json', html: 'r.html', junit: 'r.xml', sarif: 'r.sarif', markdown: 'r.md' };
  const bundle = path.join(dir, 'bundle');
  try {
    await buildTestImage(docker, tag, await probeImage(), busyboxSh(hostileScript()));
    const reports = Object.entries(files).flatMap(([format, file]) => ['--report', `${format}=${path.join(dir, file)}`]);
    // A destination that passes every check beforehand and still fails at write time (procfs refuses new files).
    const unwritable = '/proc/escapekit-report.json';
    const r = await runCli(['run', '--suite', suite, '--image', tag, '--timeout', '60', '--concurrency', '2', '--report', `json=${unwritable}`, ...reports, '--bundle', bundle]);
    t.is(r.code, 2, `a scenario error is exit 2\n${r.stderr}`);
    t.regex(r.stderr, /--report json=\/proc\/escapekit-report\.json: not written \(ENOENT/, 'the failed report is named; the others are still written');
    t.true(noStack(r.stderr) && !/internal error/.test(r.stderr), r.stderr);
    for (const file of Object.values(files)) t.true(existsSync(path.join(dir, file)), `${file} written`);
    const report = readReportFile(path.join(dir, files.json));
    const by = Object.fromEntries(report.scenarios.map((s) => [s.name, s]));
    t.is(by.honest.error, undefined, 'the honest scenario is unaffected');
    t.true(by.honest.checks.some((c) => c.status === 'holds' || c.status === 'broken'), 'the honest scenario keeps real verdicts');
    t.regex(by.hostile.error ?? '', /probe output rejected: agent document has nesting deeper than 64 levels/);
    t.true(by.hostile.checks.every((c) => c.status === 'inconclusive' || c.status === 'not-applicable'), 'the hostile scenario is inconclusive');
    const verified = await runCli(['verify', bundle]);
    t.is(verified.code, 0, verified.stdout);
    t.regex(verified.stdout, /valid \(run .*, \d+ files, run exit code 2\); NOT SIGNED/);
    t.deepEqual(await labelledContainers(docker, report.runId), []);
  } finally {
    await removeTestImages(docker, [tag]);
  }
});
