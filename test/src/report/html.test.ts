/** HTML output: self-contained, strict CSP, everything escaped, the auditor's facts all present. */
import test from 'ava';
import { createHash } from 'node:crypto';
import { renderHtml, pageCsp } from '../../../src/report/html.js';
import { esc } from '../../../src/report/html/escape.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { HOSTILE, richReport, reportWithBaseline } from '../../helpers/rich-report.js';

const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

test('self-contained: no external resource, one inline style and one inline script, both pinned by the CSP', (t) => {
  const html = renderHtml(richReport());
  const markup = html.replace(/"[^"]*"/g, '""'); // attribute values are escaped text; look at the markup only
  t.notRegex(markup, /<link\b|<(img|iframe|object|embed|video|audio|source)\b|<[a-z]+\b[^>]*\s(src|srcset|poster|data)=|@import|url\(/i, 'nothing is loaded from anywhere');
  t.is(html.match(/<script\b/g)?.length, 1);
  t.is(html.match(/<style\b/g)?.length, 1);
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1];
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)![1];
  const csp = esc(pageCsp());
  t.true(html.includes(`<meta http-equiv="Content-Security-Policy" content="${csp}">`));
  t.true(pageCsp().includes(`style-src ${sha(style)}`) && pageCsp().includes(`script-src ${sha(script)}`), 'hashes match the inline code');
  t.regex(pageCsp(), /^default-src 'none';/);
});

test('hostile probe text is escaped everywhere it appears', (t) => {
  const html = renderHtml(richReport());
  t.false(html.includes(HOSTILE), 'never verbatim');
  t.false(html.includes('<img'), 'no injected element');
  t.is(html.match(/<\/pre>/g)?.length, html.match(/<pre\b/g)?.length, 'no pre closed early');
  t.true(html.includes('&lt;script&gt;window.__pwned=1&lt;/script&gt;'), 'shown as text');
  t.true(html.includes('&quot;pid1Cmdline&quot;: &quot;&lt;script&gt;'), 'evidence is pretty JSON, escaped');
});

test('run metadata, matrix with icon and word, unmet highlighted, denials with their message', (t) => {
  const html = renderHtml(sampleReport());
  for (const fact of ['20261126t120000-abcdef', 'Docker 20.10.24', '6.1.0', 'ci-host', '2026-11-26T12:00:00.000Z', '2026-11-26T12:00:02.000Z', 'escapekit 0.1.0']) t.true(html.includes(fact), fact);
  t.regex(html, /<td class="st broken miss"><a href="#s1-host-pid" title="host-pid: broken, expected holds[^"]*"><span class="ic" aria-hidden="true">✖<\/span><span class="tx">broken<\/span><span class="flag"> !<\/span>/);
  t.regex(html, /<td class="st holds"><a href="#s0-capabilities"[^>]*><span class="ic" aria-hidden="true">✔<\/span><span class="tx">holds<\/span>/);
  t.regex(html, /<div class="unmet-box"><b>Unmet expectations<\/b><ul><li>host-pid: expected holds, got broken/);
  t.regex(html, /<details class="boundary flagged" id="s1-host-pid">/);
  t.regex(html, /<div class="banner fail"/);
  const rich = renderHtml(richReport());
  t.regex(rich, /<div class="denied-box"><b>Admission denied:<\/b> pods &quot;x&quot; is forbidden: violates PodSecurity/);
  t.regex(rich, /<td class="denied" colspan="\d+">admission denied: pods &quot;x&quot;/);
});

test('each verdict expands to rationale, remediation, mappings with links, and evidence', (t) => {
  const html = renderHtml(sampleReport());
  t.regex(html, /<b>Why it matters<\/b> In the host PID namespace/);
  t.regex(html, /<b>Remediation<\/b> Do not set hostPID/);
  t.regex(html, /<li><b>MITRE ATT&amp;CK:<\/b> <a href="https:\/\/attack\.mitre\.org\/techniques\/T1611\/" rel="noreferrer">T1611<\/a>/);
  t.regex(html, /<li><b>Pod Security Standards:<\/b> <a href="https:\/\/kubernetes\.io\/docs\/concepts\/security\/pod-security-standards\/"/);
  t.regex(html, /<pre class="evidence"><code>\{\n {2}&quot;pidNamespace&quot;: &quot;pid:\[4026531836\]&quot;\n\}<\/code><\/pre>/);
});

test('regressions are listed and marked in the matrix; the kind caveat appears only for kind', (t) => {
  const html = renderHtml(reportWithBaseline());
  t.regex(html, /Regressions against the baseline baseline\.json<\/h2><ul class="alerts"><li><span class="unmet-line">▲ REGRESSION docker-canaries\/hostile host-pid: held in the baseline, broken now/);
  t.regex(html, /title="host-pid: broken, expected broken, REGRESSION \(held in the baseline\)[^"]*">.*?<span class="flag"> ▲<\/span>/);
  t.regex(html, /✔ docker-canaries\/host-pid capabilities: broken in the baseline, holds now/);
  t.notRegex(html, /kind node container/);
  t.regex(renderHtml(richReport({ kind: true })), /<div class="note"><b>Note:<\/b> This target is a kind cluster[^<]*an escape lands on the kind node container, not the physical host/i);
});

test('printable: print styles exist and the script opens the boundaries before printing', (t) => {
  const html = renderHtml(sampleReport());
  t.regex(html, /@media print \{/);
  t.regex(html, /addEventListener\('beforeprint', function \(\) \{ set\(true, 'details\.boundary/);
});
