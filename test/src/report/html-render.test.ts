/**
 * The HTML report in a real headless Chromium: it renders, its one script runs under the CSP,
 * hostile evidence stays inert, no network request is made, no console error is logged,
 * the matrix links and buttons work, printing opens every details, and the screenshot is real.
 */
import test from 'ava';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { renderHtml } from '../../../src/report/html.js';
import { requireTool } from '../../helpers/require.js';
import { reportWithBaseline } from '../../helpers/rich-report.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Page expressions (strings: the test build has no DOM types): how many details are closed / open. */
const CLOSED = `[...document.querySelectorAll('details')].filter((d) => !d.open).length`;
const OPEN = `[...document.querySelectorAll('details')].filter((d) => d.open).length`;
const CLOSED_BOUNDARIES = `[...document.querySelectorAll('details.boundary')].filter((d) => !d.open).length`;
const OPEN_CHECKS = `[...document.querySelectorAll('details.check')].filter((d) => d.open).length`;
const dir = mkdtempSync(path.join(os.tmpdir(), 'ek-html-'));

test.serial('renders offline: script ran, nothing injected, no request, no console error, links/buttons/print work, real screenshot', async (t) => {
  if (!requireTool(t, 'chromium')) return;
  const file = path.join(dir, 'report.html');
  writeFileSync(file, renderHtml(reportWithBaseline()));
  const url = pathToFileURL(file).href;
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 60_000 });
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    const problems: string[] = [];
    await page.route('**/*', (route) => {
      requests.push(route.request().url());
      return route.request().url() === url ? route.continue() : route.abort();
    });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(url, { waitUntil: 'load' });

    t.is(await page.getAttribute('html', 'data-script'), 'ok', 'the inline script ran: its CSP hash is right');
    t.is(await page.evaluate('window.__pwned'), undefined, 'hostile evidence did not run');
    t.is(await page.locator('img, iframe, object').count(), 0);

    await page.click('a[href="#s1-host-pid"]');
    t.true(await page.evaluate(`document.getElementById('s1-host-pid').open`), 'a matrix cell opens its verdict');
    const colours = (await page.evaluate(`['broken', 'holds'].map((s) => getComputedStyle(document.querySelector('td.st.' + s)).backgroundColor)`)) as string[];
    t.not(colours[0], colours[1], 'broken and holds look different...');
    t.is(await page.textContent('td.st.broken .tx'), 'broken', '...and say so in words');

    await page.click('button[data-expand="open"]');
    t.is(await page.evaluate(CLOSED), 0, 'expand all');
    await page.click('button[data-expand="close"]');
    t.is(await page.evaluate(OPEN), 0, 'collapse all');
    await page.emulateMedia({ media: 'print' });
    await page.evaluate(`window.dispatchEvent(new Event('beforeprint'))`);
    t.is(await page.evaluate(CLOSED_BOUNDARIES), 0, 'printing opens every boundary...');
    t.is(await page.evaluate(OPEN_CHECKS), 0, '...and leaves check evidence as the reader chose');
    t.false(await page.isVisible('button[data-expand="open"]'), 'buttons are not printed');
    await page.emulateMedia({ media: 'screen' });

    await page.evaluate('window.scrollTo(0, 0)');
    const shot = path.join(dir, 'report.png');
    await page.screenshot({ path: shot });
    const png = readFileSync(shot);
    t.is(png.subarray(1, 4).toString('latin1'), 'PNG');
    t.deepEqual([png.readUInt32BE(16), png.readUInt32BE(20)], [1400, 1000]);
    t.true(statSync(shot).size > 30_000, `a blank page compresses to a few KB; got ${statSync(shot).size} bytes`);

    t.deepEqual(requests, [url], 'the only request is the file itself');
    t.deepEqual(problems, []);
  } finally {
    await browser?.close();
  }
});
