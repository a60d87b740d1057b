/** Page header: outcome banner, the kind caveat, run facts and the full target fingerprint. */
import type { Report } from '../../model/report.js';
import type { ExitPolicy } from '../../run/exit-code.js';
import { factText, isKindTarget, KIND_NOTE, outcome, runFacts } from '../run-facts.js';
import { differHtml } from './differ.js';
import { esc } from './escape.js';

function factsTable(rows: Array<[string, string]>): string {
  return `<table class="facts"><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</tbody></table>`;
}

/** The top of the page. */
export function headerHtml(report: Report, policy: ExitPolicy): string {
  const out = outcome(report, policy);
  const t = report.target;
  const fingerprint = Object.entries(t).map(([k, v]): [string, string] => [k, factText(v)]);
  const facts = runFacts(report);
  const half = Math.ceil(facts.length / 2);
  return [
    `<div class="tools"><button type="button" data-expand="open" hidden>Expand all</button><button type="button" data-expand="close" hidden>Collapse all</button></div>`,
    `<h1>escapekit isolation report</h1>`,
    `<p class="sub">Run <span class="mono">${esc(report.runId)}</span> on ${esc(t.kind)}${t.engine ? ` (${esc(t.engine)})` : ''}, ${esc(report.startedAt)}</p>`,
    `<div class="banner ${out.pass ? 'pass' : 'fail'}" role="status"><span class="big" aria-hidden="true">${out.pass ? '✔' : '✖'}</span><span>${esc(out.text)}</span></div>`,
    differHtml(report),
    isKindTarget(t) ? `<div class="note"><b>Note:</b> ${esc(KIND_NOTE)}</div>` : '',
    `<h2>Run</h2>`,
    `<div class="grid">${factsTable(facts.slice(0, half))}${factsTable(facts.slice(half))}</div>`,
    `<details class="fingerprint"><summary>Full target fingerprint (${fingerprint.length} fields)</summary>${factsTable(fingerprint)}</details>`,
  ].join('\n');
}
