/**
 * Per-node results in the human reports: one matrix row per scenario, the verdict when all nodes
 * agree, counts and names where they differ; JUnit and SARIF one entry per distinct outcome.
 */
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Report, ScenarioReport } from '../../../src/model/report.js';
import { renderConsole } from '../../../src/report/console.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderSarif } from '../../../src/report/sarif.js';
import { boundarySplit, scenarioGroups } from '../../../src/report/groups.js';
import { differingNodes } from '../../../src/report/differing-nodes.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { sarifSchemaErrors } from '../../helpers/sarif-schema.js';
import { requireTool } from '../../helpers/require.js';
import { REPO_ROOT } from '../../helpers/paths.js';

/** The sample's met scenario on 100 nodes; node-b, node-c and node-d see host-pid hold (the suite expects broken). */
function fleet(): Report {
  const r = sampleReport();
  const [canary] = r.scenarios;
  const odd = new Set(['node-b', 'node-c', 'node-d']);
  const held: ScenarioReport = {
    ...canary,
    checks: canary.checks.map((c) => (c.boundary === 'host-pid' ? { ...c, status: 'holds', summary: 'own PID namespace', evidence: { pidNamespace: 'pid:[4026532259]' } } : c)),
    boundaries: { ...canary.boundaries, 'host-pid': 'holds' },
    expectation: { met: false, unmet: ['host-pid: expected broken, got holds (host-pid-namespace: own PID namespace)'] },
  };
  const names = ['node-a', 'node-b', 'node-c', 'node-d', ...Array.from({ length: 96 }, (_, i) => `node-${String(i).padStart(3, '0')}`)];
  r.scenarios = [...names.map((node) => ({ ...(odd.has(node) ? held : canary), node })), r.scenarios[1]];
  r.summary = { scenarios: 101, met: 97, unmet: 4, errors: 0 };
  return r;
}

test('groups: one per scenario, outcomes largest first, the differing nodes named', (t) => {
  const [canary, hardened] = scenarioGroups(fleet());
  t.is(canary.results.length, 100);
  t.deepEqual(canary.outcomes.map((o) => o.results.length), [97, 3]);
  t.deepEqual(canary.outcomes[1].nodes, ['node-b', 'node-c', 'node-d']);
  t.deepEqual(boundarySplit(canary, 'host-pid').map((x) => [x.status, x.nodes.length]), [['broken', 97], ['holds', 3]]);
  t.deepEqual(boundarySplit(canary, 'capabilities').map((x) => x.status), ['holds'], 'all agree: one verdict');
  t.is(hardened.results.length, 1);
  t.deepEqual(differingNodes(fleet()).map((d) => d.node), ['node-b', 'node-c', 'node-d']);
});

test('console: one row per scenario with its node count; the nodes that differ are named under it', (t) => {
  const text = renderConsole(fleet());
  const rows = text.slice(0, text.indexOf('legend:')).split('\n').filter((l) => l.startsWith('docker-'));
  t.is(rows.length, 2, text);
  t.regex(rows[0], /^docker-canaries\/host-pid \(100 nodes\)\s+!mix\s+ok\s+UNMET on 3\/100/);
  t.regex(text, /\n {4}PID differs: XX broken on 97; ok holds on 3: node-b, node-c, node-d\n/);
  t.regex(text, /docker-canaries\/host-pid on 3 of 100 nodes: node-b, node-c, node-d:\n {2}- host-pid: expected broken, got holds/);
  t.regex(text, /nodes that differ from the others: node-b, node-c, node-d/);
  t.false(/node-0(4|9)\d/.test(text), 'agreeing nodes are not listed one by one');
});

test('HTML: the differing nodes in a box under the banner and under the matrix row; details per distinct outcome', (t) => {
  const html = renderHtml(fleet());
  const box = html.indexOf('<div class="differ"');
  t.true(box > 0 && box < html.indexOf('<h2>Run</h2>'), 'box before the run facts');
  t.regex(html, /<b>3 nodes differ from the others<\/b><ul><li><b class="mono">node-b<\/b>: docker-canaries\/host-pid: host-pid holds \(others broken\), expectation UNMET/);
  t.regex(html, /<td class="st broken miss mixed"><a href="#s0" title="host-pid: nodes disagree - broken on 97; holds on 3 \(node-b, node-c, node-d\)"><span class="tx">✖ 97 · ✔ 3<\/span>/);
  t.regex(html, /<tr class="differs"><td colspan="\d+"><a href="#s0-o1-outcome">≠ 3 of 100 nodes differ: <b>node-b, node-c, node-d<\/b><\/a>/);
  t.is(html.match(/<section class="scenario/g)?.length, 2, 'one section per scenario');
  t.is(html.match(/<div class="outcome/g)?.length, 3, 'one detail per distinct outcome');
  t.true(html.includes('id="s0-o1-host-pid"'));
});

test('Markdown: one row per scenario, counts and names where nodes differ', (t) => {
  const md = renderMarkdown(fleet());
  t.regex(md, /\| docker-canaries\/host-pid \(100 nodes\) \| ≠ ✖ 97 \/ ✔ 3 \(node-b, node-c, node-d\) \|/);
  t.regex(md, /\*\*3 node\(s\) differ from the others:\*\* `node-b`/);
  t.is(md.match(/^\| docker-/gm)?.length, 2);
});

test('JUnit and SARIF: one testcase or result per distinct finding, not per node', (t) => {
  const xml = renderJunit(fleet());
  t.is(xml.match(/<testcase /g)?.length, 3);
  t.regex(xml, /<testcase name="host-pid @all 100 nodes"|<testcase name="host-pid @97 of 100 nodes: node-a, node-000, node-001, node-002, node-003 and 92 more"/);
  t.regex(xml, /<testcase name="host-pid @3 of 100 nodes: node-b, node-c, node-d" classname="escapekit.docker-canaries" time="0.420">\n {6}<failure message="host-pid: expected broken, got holds/);
  const sarif = JSON.parse(renderSarif(fleet()));
  const results = sarif.runs[0].results as Array<{ ruleId: string; message: { text: string }; properties: { nodes?: string[]; nodeCount?: number } }>;
  const unmet = results.filter((r) => r.ruleId === 'escapekit/expectation-unmet' && r.message.text.includes('expected broken, got holds'));
  t.is(unmet.length, 1);
  t.deepEqual(unmet[0].properties.nodes, ['node-b', 'node-c', 'node-d']);
  const broken = results.filter((r) => r.ruleId === 'host-pid-namespace');
  t.is(broken.length, 2, 'the canary broken on 97 nodes (one result) and the hardened scenario');
  t.is(broken[0].properties.nodeCount, 97);
  t.deepEqual(sarifSchemaErrors(sarif), [], 'the per-node SARIF validates against the SARIF 2.1.0 schema');
});

test('the per-node JUnit validates against the Ant JUnit schema (xmllint)', (t) => {
  if (!requireTool(t, 'xmllint')) return;
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-per-node-')), 'r.xml');
  writeFileSync(file, renderJunit(fleet()));
  t.notThrows(() => execFileSync('xmllint', ['--noout', '--schema', path.join(REPO_ROOT, 'test', 'fixtures', 'schemas', 'junit-ant.xsd'), file], { stdio: 'pipe' }));
});

test('nodes whose summaries and evidence name their own pod, but whose verdicts agree, are one outcome', (t) => {
  const r = fleet();
  r.scenarios = r.scenarios.map((s, i) => (s.node ? { ...s, checks: s.checks.map((c) => ({ ...c, summary: `${c.summary} (hostname ek-host-pid-${i})`, evidence: { ...c.evidence, hostname: `ek-host-pid-${i}` } })), expectation: { ...s.expectation, unmet: s.expectation.unmet.map((u) => `${u} on ek-host-pid-${i}`) } } : s));
  const [canary] = scenarioGroups(r);
  t.deepEqual(canary.outcomes.map((o) => o.results.length), [97, 3]);
  t.regex(renderHtml(r), /Evidence and environment below as reported by <span class="mono">node-a<\/span>/);
});
