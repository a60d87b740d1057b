/** Markdown output: matrix with icons and words, unmet/regressions/denials, and untrusted text that stays text. */
import test from 'ava';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { mdCode, mdFence, mdText } from '../../../src/report/markdown/escape.js';
import { sampleReport } from '../../helpers/sample-report.js';
import { byName, HOSTILE, richReport, reportWithBaseline } from '../../helpers/rich-report.js';

test('outcome, run facts, matrix with icon and word per cell, and the differing verdict flagged', (t) => {
  const md = renderMarkdown(sampleReport());
  t.regex(md, /^# escapekit isolation report/);
  t.regex(md, /\*\*✖ ERROR: 3 scenarios, 1 met, 1 unmet, 1 errors \(exit 2 with --fail-on unmet --inconclusive fail\)\*\*/);
  t.regex(md, /\| Run id \| 20261126t120000-abcdef \|/);
  t.regex(md, /\| Scenario \| PID \| CAPS \| Expectation \|/);
  t.regex(md, /\| docker-baseline\/hardened \| ✖ broken \*\*!\*\* \| – n\/a \| ✖ \*\*UNMET\*\* \|/);
  t.regex(md, /\| docker-canaries\/host-pid \| ✖ broken \| ✔ holds \| ✔ met \|/);
  t.regex(md, /## Errors\n\n- \*\*docker-canaries\/host-block-device\*\*: docker: no such device \/dev\/loop0/);
});

test('findings carry rationale, remediation and mappings once per check; expected breaks are listed apart', (t) => {
  const md = renderMarkdown(sampleReport());
  t.regex(md, /## Broken boundaries that need attention\n\n\n### docker-baseline\/hardened\n\n- ✖ `host-pid` broken \(high\) - \*\*unmet\*\*: `host-pid-namespace`: kernel threads/);
  t.regex(md, /## Expected breaks[^\n]*\n\n- docker-canaries\/host-pid: `host-pid` broken as expected \(`host-pid-namespace`\)/);
  t.is(md.match(/### `host-pid-namespace`: Host PID namespace shared/g)?.length, 1);
  t.regex(md, /\*\*Remediation:\*\* Do not set hostPID/);
  t.regex(md, /\*\*MITRE ATT&amp;CK:\*\* T1611/);
});

test('regressions, fixed, admission denials, unmet inconclusive and the kind caveat', (t) => {
  const md = renderMarkdown(reportWithBaseline());
  t.regex(md, /## Regressions against the baseline baseline\.json\n\n- \*\*REGRESSION\*\* docker-canaries\/hostile host-pid: held in the baseline, broken now/);
  t.regex(md, /\| docker-canaries\/hostile \| ✖ broken \*\*regressed\*\*/);
  t.regex(md, /## Fixed since the baseline\n\n- docker-canaries\/host-pid capabilities: broken in the baseline, holds now/);
  t.regex(md, /## Admission denials\n\n- \*\*k8s-restricted\/privileged-pod@worker-1\*\*: pods "x" is forbidden/);
  t.regex(md, /\*\*docker-baseline\/unsure\*\*: capabilities: expected holds, got inconclusive/);
  t.notRegex(md, /kind node container/);
  t.regex(renderMarkdown(richReport({ kind: true })), /> \*\*Note:\*\* This target is a kind cluster[^\n]*an escape lands on the kind node container, not the physical host/i);
});

test('hostile probe text never becomes markup', (t) => {
  const r = richReport();
  byName(r, 'hostile').expected = { broken: [], holds: [], admission: 'allowed' };
  const md = renderMarkdown(r);
  t.regex(md, /### docker-canaries\/hostile/, 'the hostile break needs attention, so its evidence is shown');
  const fences = md.match(/^(`{3,})json\n[\s\S]*?\n\1$/gm) ?? [];
  const outside = fences.reduce((text, block) => text.replace(block, ''), md);
  t.false(outside.includes('<script>'), 'no raw script tag outside code blocks');
  t.false(outside.includes('<img'), 'no raw img tag outside code blocks');
  t.notRegex(outside, /(?<!\\)\]\(javascript:/, 'no live link: the bracket is escaped');
  const hostileFence = fences.find((f) => f.includes('window.__pwned=1'));
  t.truthy(hostileFence, 'the evidence is shown verbatim, as code');
  t.true(hostileFence!.startsWith('````json'), 'with a fence longer than the backtick run inside');
});

test('escapers: inline text, code spans and fences', (t) => {
  t.is(mdText('a|b <i>*x*</i>\nnext'), 'a\\|b &lt;i&gt;\\*x\\*&lt;/i&gt; next');
  t.is(mdCode('a`b'), '``a`b``');
  t.is(mdCode('`x'), '`` `x ``');
  t.is(mdFence('x\n```\ny', 'json'), '````json\nx\n```\ny\n````');
  t.is(mdText(HOSTILE).includes('<'), false);
});

test('terminal controls never survive into Markdown (it is printed to stdout): prose drops them, code shows them escaped', (t) => {
  const hostile = 'a\x1b[2Jb\u009b31mc\u202ed\u2066e\x07f';
  const raw = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/;
  t.is(mdText(hostile), 'a\\[2Jb31mcdef');
  t.is(mdCode(hostile), '`a\\e[2Jb\\x9b31mc\\u202ed\\u2066e\\x07f`');
  t.notRegex(mdFence(`{"x": "${hostile}"}`, 'json'), raw);
  const r = richReport();
  byName(r, 'hostile').expected = { broken: [], holds: [], admission: 'allowed' };
  byName(r, 'hostile').checks[0]!.summary = hostile;
  byName(r, 'hostile').checks[0]!.evidence = { [hostile]: hostile };
  t.notRegex(renderMarkdown(r), raw);
});
