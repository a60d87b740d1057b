/** The report file: version 2 stores each distinct result and evidence document once, reads back whole, refuses altered tables; version 1 still reads. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contentHash } from '../../../src/model/content-hash.js';
import { decodeReport, readReportFile } from '../../../src/model/read-report.js';
import type { Report } from '../../../src/model/report.js';
import type { ReportFileV2 } from '../../../src/model/report-file.js';
import { ResultTable } from '../../../src/model/result-table.js';
import { renderJson } from '../../../src/report/json.js';
import { encodeReport } from '../../../src/model/encode-report.js';
import { UsageError } from '../../../src/errors.js';
import { richReport } from '../../helpers/rich-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-report-file-'));
/** The rich report with its first scenario also run on `n` nodes, each result parsed afresh (as from its own probe). */
function perNode(n: number): Report {
  const r = richReport();
  const first = JSON.stringify(r.scenarios[0]);
  for (let i = 0; i < n; i++) r.scenarios.push({ ...JSON.parse(first), node: `node-${i}`, durationMs: 100 + i });
  return r;
}
const written = (r: Report) => JSON.parse(renderJson(r)) as ReportFileV2;

test('version 2: 40 nodes that saw the same thing add one small line each, not another copy', (t) => {
  const one = written(perNode(1));
  const many = written(perNode(40));
  t.is(many.schemaVersion, 2);
  t.is(Object.keys(many.results).length, Object.keys(one.results).length, 'no new result');
  t.is(Object.keys(many.checks).length, Object.keys(one.checks).length, 'no new check result');
  t.is(Object.keys(many.evidence).length, Object.keys(one.evidence).length, 'no new evidence document');
  t.is(many.scenarios.length, one.scenarios.length + 39);
  const refs = new Set(many.scenarios.filter((s) => s.node?.startsWith('node-')).map((s) => s.result));
  t.is(refs.size, 1);
  t.deepEqual(many.scenarios.at(-1), { suite: 'docker-canaries', name: 'host-pid', node: 'node-39', durationMs: 139, result: [...refs][0] });
});

test('keys are the SHA-256 of canonical JSON: evidence and results as they are, checks without their duration', (t) => {
  const doc = written(perNode(2));
  for (const [key, value] of Object.entries(doc.evidence)) t.is(contentHash(value), key);
  for (const [key, r] of Object.entries(doc.results)) t.is(contentHash(r), key);
  for (const [key, { durationMs: _d, ...c }] of Object.entries(doc.checks)) t.is(contentHash(c), key);
  t.is(contentHash({ b: 1, a: [2, { d: 3, c: 4 }] }), contentHash({ a: [2, { c: 4, d: 3 }], b: 1 }), 'key order does not matter');
});

test('version 2 reads back to the same report; version 1 (evidence inline) reads as it is', (t) => {
  const r = perNode(3);
  const back = decodeReport(written(r));
  t.deepEqual(back.scenarios, r.scenarios);
  t.deepEqual({ ...back, scenarios: [], schemaVersion: 1 }, { ...r, scenarios: [], schemaVersion: 1 });
  const v1 = JSON.parse(JSON.stringify({ ...r, schemaVersion: 1 }));
  const file = path.join(dir, 'v1.json');
  writeFileSync(file, JSON.stringify(v1));
  const read = readReportFile(file);
  t.is(read.schemaVersion, 1);
  t.deepEqual(read.scenarios, r.scenarios);
  t.is(decodeReport(written(read)).scenarios.length, r.scenarios.length, 'a version 1 report is written as version 2');
});

test('a node that differs in one check adds that check result (and its evidence), not another copy of the rest', (t) => {
  const r = perNode(3);
  const last = r.scenarios.at(-1)!;
  r.scenarios[r.scenarios.length - 1] = { ...last, checks: last.checks.map((c, i) => (i === 0 ? { ...c, summary: 'kernel threads visible on this node', evidence: { pid2Name: 'kthreadd', node: 'node-2' } } : c)) };
  const before = written(perNode(3));
  const after = written(r);
  t.is(Object.keys(after.results).length, Object.keys(before.results).length + 1);
  t.is(Object.keys(after.checks).length, Object.keys(before.checks).length + 1);
  t.is(Object.keys(after.evidence).length, Object.keys(before.evidence).length + 1);
  t.deepEqual(decodeReport(after).scenarios, r.scenarios);
});

test('the file: run facts indented, one line per scenario result and per table entry', (t) => {
  const text = renderJson(perNode(3));
  const lines = text.split('\n');
  t.true(lines.includes('  "schemaVersion": 2,'));
  t.true(lines.some((l) => l.startsWith('    {"suite":"docker-canaries","name":"host-pid","node":"node-2"')));
  t.true(lines.some((l) => /^ {4}"[0-9a-f]{64}": \{"id":"host-pid-namespace"/.test(l)));
  t.deepEqual(JSON.parse(text), encodeReport(perNode(3)));
});

test('decoded nodes share one copy of their result in memory', (t) => {
  const back = decodeReport(written(perNode(5)));
  const nodes = back.scenarios.filter((s) => s.node?.startsWith('node-'));
  t.is(nodes.length, 5);
  t.true(nodes.every((s) => s.checks === nodes[0].checks && s.checks[0].evidence === nodes[0].checks[0].evidence));
  const table = new ResultTable();
  const a = table.add(JSON.parse(JSON.stringify(nodes[0]))).scenario;
  const b = table.add({ ...JSON.parse(JSON.stringify(nodes[1])), node: 'other' }).scenario;
  t.is(a.checks, b.checks, 'the runner\'s table shares the checks of equal results');
  t.is(b.node, 'other');
});

test('an altered, missing or misplaced table entry is a usage error naming the file and the entry', (t) => {
  const doc = written(perNode(2));
  const save = (name: string, value: unknown) => {
    const file = path.join(dir, name);
    writeFileSync(file, JSON.stringify(value));
    return file;
  };
  const [ev] = Object.keys(doc.evidence);
  const altered = structuredClone(doc);
  altered.evidence[ev] = { ...altered.evidence[ev], injected: true };
  t.throws(() => readReportFile(save('ev.json', altered)), { instanceOf: UsageError, message: new RegExp(`ev\\.json: evidence\\.${ev}: content does not match its hash \\(altered\\)`) });
  const [res] = Object.keys(doc.results);
  const verdict = structuredClone(doc);
  verdict.results[res].boundaries = { 'host-pid': 'holds' };
  t.throws(() => readReportFile(save('res.json', verdict)), { instanceOf: UsageError, message: /res\.json: results\.[0-9a-f]{64}: content does not match its hash/ });
  const [check] = Object.keys(doc.checks);
  const status = structuredClone(doc);
  status.checks[check].status = status.checks[check].status === 'holds' ? 'broken' : 'holds';
  t.throws(() => readReportFile(save('check.json', status)), { instanceOf: UsageError, message: new RegExp(`check\\.json: checks\\.${check}: content does not match its hash`) });
  const dangling = structuredClone(doc);
  dangling.scenarios[0].result = '0'.repeat(64);
  t.throws(() => readReportFile(save('dangling.json', dangling)), { instanceOf: UsageError, message: /scenarios\[0\]\.result: result 0{64} is not in the results table/ });
  const proto = structuredClone(doc);
  proto.scenarios[0].result = '__proto__';
  t.throws(() => readReportFile(save('proto.json', proto)), { instanceOf: UsageError, message: /is not in the results table/ });
  const smuggled = structuredClone(doc) as unknown as { scenarios: Array<Record<string, unknown>> };
  smuggled.scenarios[0].error = 'injected';
  smuggled.scenarios[0].boundaries = { 'host-pid': 'holds' };
  const read = readReportFile(save('smuggled.json', smuggled));
  t.is(read.scenarios[0].error, undefined, 'a scenario entry cannot add to its hashed result');
  t.deepEqual(read.scenarios[0].boundaries, perNode(2).scenarios[0].boundaries);
  t.throws(() => readReportFile(save('three.json', { ...doc, schemaVersion: 3 })), { instanceOf: UsageError, message: /not an escapekit report \(schemaVersion 1 or 2\)/ });
  t.throws(() => readReportFile(path.join(dir, 'missing.json')), { instanceOf: UsageError, message: /report .*missing\.json: not found/ });
});
