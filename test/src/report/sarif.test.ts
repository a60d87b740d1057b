/** SARIF output: valid against the official 2.1.0 schema, one rule per check, results for breaks and unmet expectations. */
import test from 'ava';
import { CHECKS } from '../../../probes/index.js';
import { renderSarif } from '../../../src/report/sarif.js';
import type { Report } from '../../../src/model/report.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { richReport, reportWithBaseline } from '../../helpers/rich-report.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';

type Json = Record<string, any>;
const sarif = (r: Report, policy?: Parameters<typeof renderSarif>[1]): Json => JSON.parse(renderSarif(r, policy)) as Json;
const results = (log: Json): Json[] => log.runs[0].results;
const find = (log: Json, text: string): Json => {
  const r = results(log).find((x) => String(x.message.text).includes(text));
  if (!r) throw new Error(`no result mentions ${text}`);
  return r;
};

test('sample, rich, kind and baseline reports validate against the SARIF 2.1.0 schema', (t) => {
  for (const r of [sampleReport(), richReport({ withError: true }), richReport({ kind: true }), reportWithBaseline()]) {
    t.deepEqual(sarifSchemaErrors(sarif(r)), []);
  }
});

test('the schema check is real: a broken log is rejected', (t) => {
  const log = sarif(sampleReport());
  log.runs[0].results[0].level = 'severe';
  delete log.runs[0].invocations[0].executionSuccessful;
  t.is(sarifSchemaErrors(log).length, 2);
});

test('one rule per registered check with rationale, method, remediation, mappings and security-severity', (t) => {
  const rules: Json[] = sarif(sampleReport()).runs[0].tool.driver.rules;
  for (const check of CHECKS) {
    const rule = rules.find((r) => r.id === check.id)!;
    t.truthy(rule, check.id);
    t.is(rule.shortDescription.text, check.title);
    t.true(rule.help.text.includes(check.remediation) && rule.help.text.includes(check.method) && rule.help.markdown.includes(check.rationale), check.id);
    t.is(rule.properties.boundary, check.boundary);
    t.is(rule.properties.severity, check.severity);
    t.deepEqual(rule.properties.mappings, check.mappings.map((m) => ({ framework: m.framework, id: m.id })));
    for (const m of check.mappings) t.true(rule.properties.tags.includes(`external/${m.framework}/${m.id}`));
  }
  const pid = rules.find((r) => r.id === 'host-pid-namespace')!;
  t.is(pid.properties['security-severity'], { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' }[pid.properties.severity as string]);
  t.regex(pid.help.markdown, /\[T1611\]\(https:\/\/attack\.mitre\.org\/techniques\/T1611\/\)/);
  t.is(rules.length, CHECKS.length + 2, 'plus the kit rules for unmet expectations and admission regressions');
});

test('an expected break is a suppressed note; an unexpected unmet high break is an error', (t) => {
  const log = sarif(sampleReport());
  const canary = find(log, 'docker-canaries/host-pid: boundary host-pid is broken');
  t.is(canary.level, 'note');
  t.is(canary.suppressions[0].status, 'accepted');
  t.is(canary.ruleId, 'host-pid-namespace');
  t.is(log.runs[0].tool.driver.rules[canary.ruleIndex].id, 'host-pid-namespace');
  const hardened = find(log, 'docker-baseline/hardened: boundary host-pid is broken');
  t.is(hardened.level, 'error');
  t.is(hardened.suppressions, undefined);
  t.like(hardened.properties, { suite: 'docker-baseline', scenario: 'hardened', boundary: 'host-pid', unmet: true, expected: 'holds' });
  t.deepEqual(hardened.locations[0].logicalLocations[0], { name: 'hardened', fullyQualifiedName: 'docker-baseline/hardened', kind: 'resource' });
  t.regex(hardened.partialFingerprints['escapekitFinding/v1'], /^[0-9a-f]{64}$/);
  t.is(results(log).length, 2, 'holds verdicts make no results');
});

test('scenario errors are tool notifications; the invocation carries the exit code and policy', (t) => {
  const inv = sarif(sampleReport()).runs[0].invocations[0];
  t.false(inv.executionSuccessful);
  t.is(inv.exitCode, 2);
  t.regex(inv.toolExecutionNotifications[0].message.text, /host-block-device: docker: no such device/);
  t.deepEqual(inv.properties.policy, { failOn: 'unmet', inconclusive: 'fail' });
  const ok = sarif(richReport(), { failOn: 'never', inconclusive: 'fail' }).runs[0].invocations[0];
  t.true(ok.executionSuccessful);
  t.is(ok.exitCode, 0);
});

test('blind canaries and inconclusive verdicts are unmet-expectation results; --inconclusive pass lowers the latter to warnings', (t) => {
  const log = sarif(richReport());
  const blind = find(log, 'blind-canary');
  t.is(blind.ruleId, 'escapekit/expectation-unmet');
  t.is(blind.level, 'error');
  t.regex(blind.message.text, /kit may be blind/);
  t.is(find(log, 'docker-baseline/unsure').level, 'error');
  t.is(find(sarif(richReport(), { failOn: 'unmet', inconclusive: 'pass' }), 'docker-baseline/unsure').level, 'warning');
});

test('regressions are error results marked REGRESSION; admission regressions have their own rule', (t) => {
  const log = sarif(reportWithBaseline());
  const reg = find(log, 'REGRESSION: docker-canaries/hostile: boundary host-pid');
  t.is(reg.level, 'error', 'a regression fails the run, even on a boundary the suite expects broken');
  t.is(reg.suppressions, undefined);
  t.true(reg.properties.regression);
  const adm = find(log, 'admission was denied in the baseline');
  t.is(adm.ruleId, 'escapekit/admission-regression');
  t.is(adm.level, 'error');
  t.deepEqual(log.runs[0].properties.baseline.fixed, ['docker-canaries/host-pid capabilities: broken in the baseline, holds now']);
});

test('a suite file in the report becomes the physical location; otherwise the scenario id under its own base', (t) => {
  const r = sampleReport();
  (r.scenarios[1] as unknown as Json).suiteFile = 'suites/docker-baseline.yaml';
  const log = sarif(r);
  t.deepEqual(find(log, 'docker-baseline/hardened').locations[0].physicalLocation.artifactLocation, { uri: 'suites/docker-baseline.yaml', uriBaseId: '%SRCROOT%' });
  t.deepEqual(find(log, 'docker-canaries/host-pid').locations[0].physicalLocation.artifactLocation, { uri: 'docker-canaries/host-pid', uriBaseId: 'ESCAPEKIT_SCENARIO' });
  t.deepEqual(sarifSchemaErrors(log), []);
});

test('hostile evidence stays data: the log is valid JSON carrying the text verbatim', (t) => {
  const log = sarif(richReport());
  t.regex(find(log, 'docker-canaries/hostile').message.text, /<script>window\.__pwned=1<\/script>/);
});
