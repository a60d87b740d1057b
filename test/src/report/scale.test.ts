/**
 * Reports at cluster scale: 2,200 scenario results synthesized from a real run (the three
 * shipped Kubernetes suites with --nodes all on the local cluster, 22 results,
 * test/fixtures/reports/k8s-nodes-all.json) on 100 nodes, each node with its own pod names,
 * namespace inodes and container ids, stay small, render quickly, and the HTML opens in a
 * real Chromium with a differing node on the first screen.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { readReportFile } from '../../../src/model/read-report.js';
import { REPORTERS, type ReportFormat } from '../../../src/report/index.js';
import { DIFFERING_EVERY, nodeName, synthesizeNodes } from '../../../scripts/synthesize-nodes.js';
import { requireTool } from '../../helpers/require.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const REAL = path.join(REPO_ROOT, 'test', 'fixtures', 'reports', 'k8s-nodes-all.json');
const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-scale-'));
const MB = 1e6;
const report = synthesizeNodes(readReportFile(REAL), 2_200, true);
const rendered = new Map<ReportFormat, string>();

test.serial('2,200 results: every format renders in under 20 s; JSON under 20 MB, HTML under 10 MB', (t) => {
  t.is(report.scenarios.length, 2_200);
  for (const format of Object.keys(REPORTERS) as ReportFormat[]) {
    const started = performance.now();
    const text = REPORTERS[format](report, false);
    const seconds = (performance.now() - started) / 1000;
    t.true(seconds < 20, `${format}: ${seconds.toFixed(1)} s`);
    rendered.set(format, text);
  }
  const bytes = (f: ReportFormat) => Buffer.byteLength(rendered.get(f)!);
  t.true(bytes('json') < 20 * MB, `json ${bytes('json')} bytes`);
  t.true(bytes('html') < 10 * MB, `html ${bytes('html')} bytes`);
  const differing = nodeName(DIFFERING_EVERY - 1);
  t.true(rendered.get('console')!.split('\n').some((l) => l.includes('differs:') && l.includes(differing)), 'the console matrix names a differing node');
  const file = path.join(dir, 'r.json');
  writeFileSync(file, rendered.get('json')!);
  t.is(readReportFile(file).scenarios.length, report.scenarios.length, 'the JSON reads back');
});

test.serial('2,200 results: the HTML opens in Chromium and shows a differing node on the first screen', async (t) => {
  if (!requireTool(t, 'chromium')) return;
  const file = path.join(dir, 'report.html');
  writeFileSync(file, rendered.get('html') ?? REPORTERS.html(report, false));
  const url = pathToFileURL(file).href;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'], timeout: 60_000 });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
    const started = performance.now();
    await page.goto(url, { waitUntil: 'load', timeout: 60_000 });
    const loadSeconds = (performance.now() - started) / 1000;
    t.is(await page.getAttribute('html', 'data-script'), 'ok');
    const differing = nodeName(DIFFERING_EVERY - 1);
    const first = page.locator('.differ li b').first();
    t.is(await first.textContent(), differing);
    const box = await first.boundingBox();
    t.truthy(box);
    t.true(box!.y >= 0 && box!.y + box!.height <= 1000, `the first differing node is on the first screen (y=${box?.y})`);
    const shot = path.join(dir, 'first-screen.png');
    await page.screenshot({ path: shot });
    t.true(statSync(shot).size > 30_000, 'a real page, not a blank one');
    t.is(readFileSync(shot).subarray(1, 4).toString('latin1'), 'PNG');
    t.deepEqual(problems, []);
    t.log(`HTML ${(statSync(file).size / MB).toFixed(1)} MB loaded in ${loadSeconds.toFixed(1)} s; screenshot ${shot}`);
  } finally {
    await browser?.close();
  }
});
