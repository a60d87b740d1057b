/** `escapekit report`: renders any format from a saved report, version 1 or 2; bad input exits 2 with a clear message. */
import test from 'ava';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { renderJson } from '../../../src/report/json.js';
import { noStack, runCli } from '../../helpers/cli.js';
import { richReport } from '../../helpers/rich-report.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-report-cmd-'));
const file = (name: string) => path.join(dir, name);
writeFileSync(file('v2.json'), renderJson(richReport()));
writeFileSync(file('v1.json'), JSON.stringify({ ...richReport(), schemaVersion: 1 }, null, 2));

for (const version of ['v1', 'v2']) {
  test(`renders every format from a ${version} report`, async (t) => {
    const out = (ext: string) => file(`${version}-out.${ext}`);
    const r = await runCli(['report', file(`${version}.json`), '--report', `html=${out('html')}`, '--report', `sarif=${out('sarif')}`, '--report', `junit=${out('xml')}`, '--report', `console=${out('txt')}`, '--report', `json=${out('json')}`, '--report', 'markdown']);
    t.is(r.code, 0, r.stderr);
    t.true(r.stdout.startsWith('# escapekit isolation report'), 'markdown without a path goes to stdout');
    t.true(readFileSync(out('html'), 'utf8').includes('20261126t120000-abcdef'));
    t.is(JSON.parse(readFileSync(out('sarif'), 'utf8')).version, '2.1.0');
    t.regex(readFileSync(out('xml'), 'utf8'), /<testcase name="blind-canary"/);
    t.regex(readFileSync(out('txt'), 'utf8'), /docker-canaries\/blind-canary/);
    t.is(JSON.parse(readFileSync(out('json'), 'utf8')).schemaVersion, 2, 'JSON is always written as version 2');
    t.is(readFileSync(out('json'), 'utf8'), readFileSync(file('v2.json'), 'utf8'), 'and is the same file whichever version it came from');
  });
}

test('bad input: exit 2, the file or option named, no stack trace, nothing written', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [['report', file('missing.json'), '--report', 'html'], /report .*missing\.json: not found/],
    [['report', file('v2.json')], /give at least one --report/],
    [['report', file('v2.json'), '--report', 'pdf=x.pdf'], /--report: unknown format 'pdf'/],
    [['report', '--report', 'html'], /give exactly one saved JSON report/],
    [['report', file('v2.json'), '--report', 'sarif', '--fail-on', 'sometimes'], /--fail-on must be one of/],
  ];
  writeFileSync(file('other.json'), JSON.stringify({ hello: 'world' }));
  cases.push([['report', file('other.json'), '--report', `html=${file('never.html')}`], /other\.json: not an escapekit report/]);
  for (const [args, message] of cases) {
    const r = await runCli(args);
    t.is(r.code, 2, args.join(' '));
    t.regex(r.stderr, message);
    t.true(noStack(r.stderr));
  }
  t.false(existsSync(file('never.html')));
});
