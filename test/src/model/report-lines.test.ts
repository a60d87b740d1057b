/** Reading a saved report line by line: the same report as reading it whole, evidence left in the file, any other layout read whole. */
import test from 'ava';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError } from '../../../src/errors.js';
import { heldEvidence } from '../../../src/model/evidence-source.js';
import { decodeReport, readReportFile } from '../../../src/model/read-report.js';
import type { Report, ScenarioReport } from '../../../src/model/report.js';
import { readReportLines } from '../../../src/model/report-lines.js';
import { renderJson } from '../../../src/report/json.js';
import { REPORTERS } from '../../../src/report/index.js';
import { richReport } from '../../helpers/rich-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-report-lines-'));
const options = { maxBytes: 1 << 26, what: 'report' };

function perNode(n = 4): Report {
  const r = richReport({ withError: true });
  const base = r.scenarios.map((s) => JSON.stringify(s));
  r.scenarios = Array.from({ length: n }, (_, i) => base.map((text) => ({ ...(JSON.parse(text) as ScenarioReport), node: `node-${i}` }))).flat();
  return r;
}

function save(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

test('a file in escapekit\'s layout reads line by line: same report as read whole, evidence held in the file, same output', (t) => {
  const r = perNode();
  const text = renderJson(r);
  const file = save('lines.json', text);
  t.truthy(readReportLines(file, options), 'the layout is recognised');
  const read = readReportFile(file);
  const whole = decodeReport(JSON.parse(text));
  t.true(read.scenarios.some((s) => s.checks.some((c) => heldEvidence(c))), 'evidence stays in the file');
  t.false(whole.scenarios.some((s) => s.checks.some((c) => heldEvidence(c))), 'read whole, evidence is inline');
  t.deepEqual(read.scenarios, r.scenarios);
  t.deepEqual(read.scenarios, whole.scenarios);
  t.deepEqual({ ...read, scenarios: [] }, { ...whole, scenarios: [] });
  t.is(renderJson(read), text, 'written again byte for byte');
  for (const [format, render] of Object.entries(REPORTERS)) t.is(render(read, false), render(whole, false), format);
});

test('other layouts of the same JSON read whole, with the same result', (t) => {
  const r = perNode(2);
  const doc = JSON.parse(renderJson(r));
  for (const [name, text] of [['compact', JSON.stringify(doc)], ['pretty', JSON.stringify(doc, null, 2)], ['crlf', renderJson(r).replace(/\n/g, '\r\n')]]) {
    const file = save(`${name}.json`, text);
    t.is(readReportLines(file, options), undefined, name);
    t.deepEqual(readReportFile(file).scenarios, r.scenarios, name);
  }
  // A list key nested in a fact at the lists' indentation is not taken for the top-level list.
  const lines = renderJson(r).split('\n');
  const at = lines.findIndex((l) => l.startsWith('  "target": {'));
  lines.splice(at + 1, 0, '  "scenarios": [', '  ],');
  const nested = save('nested.json', lines.join('\n'));
  t.is(readReportLines(nested, options), undefined);
});

test('line by line, an altered evidence entry or a dangling key is refused up front, naming the entry', (t) => {
  const text = renderJson(perNode(2));
  const lines = text.split('\n');
  const ev = lines.findIndex((l, i) => i > lines.indexOf('  "evidence": {') && l.startsWith('    "'));
  const key = /"([0-9a-f]{64})"/.exec(lines[ev])![1];
  const altered = [...lines];
  altered[ev] = altered[ev].replace(/\}(,?)$/, ',"injected":true}$1');
  t.throws(() => readReportFile(save('altered.json', altered.join('\n'))), { instanceOf: UsageError, message: new RegExp(`altered\\.json: evidence\\.${key}: content does not match its hash \\(altered\\)`) });
  const dropped = lines.filter((_, i) => i !== ev).join('\n').replace(/,\n {2}\}\n\}/, '\n  }\n}');
  t.throws(() => readReportFile(save('dropped.json', dropped)), { instanceOf: UsageError, message: new RegExp(`evidence ${key} is not in the evidence table`) });
});

test('a file changed after it was read is noticed when its evidence is rendered', (t) => {
  const r = perNode(2);
  const text = renderJson(r);
  const file = save('changing.json', text);
  const read = readReportFile(file);
  writeFileSync(file, text.replace(/("evidence": \{\n {4}"[0-9a-f]{64}": \{)/, '$1"x":1,'));
  t.throws(() => renderJson(read), { message: /content does not match its hash \(the report file changed while it was read\)/ });
});
