/**
 * One scenario's section: per distinct outcome (the nodes that showed it), expectations (unmet
 * highlighted), admission, error, and each boundary expandable to its checks.
 */
import type { BoundaryId, Status } from '../../../probes/model.js';
import type { Report, ScenarioReport } from '../../model/report.js';
import { expectedVerdict } from '../findings.js';
import { distinctTexts, multiNode, nodeNames, outcomeWhere, type Outcome, type ScenarioGroup } from '../groups.js';
import { isRegression } from '../../run/baseline.js';
import { STATUS_LABEL } from '../status-labels.js';
import { checkHtml } from './check.js';
import { esc, jsonBlock } from './escape.js';
import { anchor } from './matrix.js';

function boundaryHtml(report: Report, s: ScenarioReport, id: string, b: BoundaryId): string {
  const status: Status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const regressed = isRegression(report, s, b);
  const flagged = (expected !== undefined && expected !== status) || regressed;
  const checks = s.checks.filter((c) => c.boundary === b);
  const notes = [expected ? `expected ${expected}` : '', regressed ? '▲ REGRESSION: held in the baseline' : ''].filter(Boolean).join(' · ');
  return [
    `<details class="boundary${flagged ? ' flagged' : ''}" id="${id}"><summary><span class="bname">${esc(b)}</span> <span class="pill ${status}">${STATUS_LABEL[status].icon} ${STATUS_LABEL[status].text}</span>${notes ? ` <span class="expect${flagged ? ' off' : ''}">${esc(notes)}</span>` : ''} <span class="reason">${esc(s.boundaryReasons?.[b] ?? '')}</span></summary>`,
    `<div class="checks">${checks.map((c) => checkHtml(c, flagged && !c.advisory && c.status === status)).join('\n')}</div>`,
    `</details>`,
  ].join('\n');
}

/** What one outcome showed, rendered from its first result (the others showed the same verdicts and summaries). */
function outcomeHtml(report: Report, g: ScenarioGroup, o: Outcome): string {
  const s = o.first;
  const unmet = s.expectation.unmet.length ? `<div class="unmet-box"><b>Unmet expectations</b><ul>${s.expectation.unmet.map((u) => `<li>${esc(u)}</li>`).join('')}</ul></div>` : '';
  const denied = s.admission === 'denied' ? `<div class="denied-box"><b>Admission denied:</b> ${esc(s.admissionMessage ?? 'no message')}</div>` : '';
  const errors = distinctTexts(o, (r) => r.error).slice(0, 5);
  const error = errors.length > 1
    ? `<div class="unmet-box"><b>Errors</b><ul>${errors.map((e) => `<li>${esc(e.text)} (${e.count} node${e.count === 1 ? '' : 's'})</li>`).join('')}</ul></div>`
    : s.error ? `<div class="unmet-box"><b>Error:</b> ${esc(s.error)}</div>` : '';
  const ignored = s.ignoredPostureKeys?.length ? `<div class="kv"><b>Not applied</b> ${esc(s.ignoredPostureKeys.join(', '))} (the target cannot express these posture keys)</div>` : '';
  const boundaries = (Object.keys(s.boundaries) as BoundaryId[]).map((b) => boundaryHtml(report, s, anchor(g.index, b, o.index), b)).join('\n');
  const verdict = s.error ? '✖ error' : s.expectation.met ? '✔ expectation met' : '✖ expectation UNMET';
  const head = multiNode(g)
    ? `<h4>${o.index === 0 ? 'Majority' : `Differs (${o.index})`}: ${esc(outcomeWhere(g, o, 40))} · ${verdict}</h4>${o.results.length > 40 && o.results.length < g.results.length ? `<details class="nodes"><summary>All ${o.results.length} nodes</summary><p class="mono">${esc(nodeNames(o.nodes, Infinity))}</p></details>` : ''}`
    : '';
  const source = multiNode(g) && s.node ? `<p class="legend">Evidence and environment below as reported by <span class="mono">${esc(s.node)}</span>; the other nodes of this outcome showed the same verdicts (their summaries and evidence may name their own pod, namespaces and containers: each node's is in the JSON report).</p>` : '';
  return [
    `<div class="outcome${o.index ? ' minor' : ''}" id="${anchor(g.index, undefined, o.index)}-outcome">${head}`,
    source, unmet, denied, error, ignored,
    boundaries,
    s.environment ? `<details class="env"><summary>Environment seen by the probe</summary>${jsonBlock(s.environment, 'json')}</details>` : '',
    `</div>`,
  ].filter(Boolean).join('\n');
}

/** The section for scenario group `g`: shared facts once, then each distinct outcome. */
export function scenarioHtml(report: Report, g: ScenarioGroup): string {
  const s = g.first;
  const failing = g.results.some((r) => !r.expectation.met || Boolean(r.error));
  const verdict = g.outcomes.length > 1 ? `≠ ${g.outcomes.length} outcomes on ${g.results.length} nodes` : s.error ? '✖ error' : s.expectation.met ? '✔ expectation met' : '✖ expectation UNMET';
  const expected = s.expected
    ? `<div class="kv"><b>Expected</b> broken: ${esc(s.expected.broken.join(', ') || 'none')}; holds: ${esc(s.expected.holds.join(', ') || 'none')}; admission: ${esc(s.expected.admission)}</div>`
    : '';
  const where = g.results.length === 1 ? (s.node ? ` <span class="mono">@${esc(s.node)}</span>` : '') : ` <span class="mono">${g.results.length} nodes</span>`;
  return [
    `<section class="scenario${failing ? ' failing' : ''}" id="${anchor(g.index)}">`,
    `<header><h3>${esc(`${s.suite}/${s.name}`)}${where}</h3><span class="pill">${verdict}</span></header>`,
    `<div class="body">${s.description ? `<p>${esc(s.description)}</p>` : ''}`,
    `<details class="posture"><summary>Posture</summary>${jsonBlock(s.posture, 'json')}</details>`,
    expected,
    ...g.outcomes.map((o) => outcomeHtml(report, g, o)),
    `</div></section>`,
  ].filter(Boolean).join('\n');
}
