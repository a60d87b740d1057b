/** One scenario's section: expectations (unmet highlighted), admission, error, and each boundary expandable to its checks. */
import type { BoundaryId, Status } from '../../../probes/model.js';
import type { Report, ScenarioReport } from '../../model/report.js';
import { expectedVerdict } from '../findings.js';
import { isRegression } from '../../run/baseline.js';
import { STATUS_LABEL } from '../status-labels.js';
import { checkHtml } from './check.js';
import { esc, jsonBlock } from './escape.js';
import { anchor } from './matrix.js';

function boundaryHtml(report: Report, s: ScenarioReport, i: number, b: BoundaryId): string {
  const status: Status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const regressed = isRegression(report, s, b);
  const flagged = (expected !== undefined && expected !== status) || regressed;
  const checks = s.checks.filter((c) => c.boundary === b);
  const notes = [expected ? `expected ${expected}` : '', regressed ? '▲ REGRESSION: held in the baseline' : ''].filter(Boolean).join(' · ');
  return [
    `<details class="boundary${flagged ? ' flagged' : ''}" id="${anchor(i, b)}"><summary><span class="bname">${esc(b)}</span> <span class="pill ${status}">${STATUS_LABEL[status].icon} ${STATUS_LABEL[status].text}</span>${notes ? ` <span class="expect${flagged ? ' off' : ''}">${esc(notes)}</span>` : ''} <span class="reason">${esc(s.boundaryReasons?.[b] ?? '')}</span></summary>`,
    `<div class="checks">${checks.map((c) => checkHtml(c, flagged && !c.advisory && c.status === status)).join('\n')}</div>`,
    `</details>`,
  ].join('\n');
}

/** The section for scenario number `i`. */
export function scenarioHtml(report: Report, s: ScenarioReport, i: number): string {
  const failing = !s.expectation.met || Boolean(s.error);
  const verdict = s.error ? '✖ error' : s.expectation.met ? '✔ expectation met' : '✖ expectation UNMET';
  const expected = s.expected
    ? `<div class="kv"><b>Expected</b> broken: ${esc(s.expected.broken.join(', ') || 'none')}; holds: ${esc(s.expected.holds.join(', ') || 'none')}; admission: ${esc(s.expected.admission)}</div>`
    : '';
  const unmet = s.expectation.unmet.length ? `<div class="unmet-box"><b>Unmet expectations</b><ul>${s.expectation.unmet.map((u) => `<li>${esc(u)}</li>`).join('')}</ul></div>` : '';
  const denied = s.admission === 'denied' ? `<div class="denied-box"><b>Admission denied:</b> ${esc(s.admissionMessage ?? 'no message')}</div>` : '';
  const error = s.error ? `<div class="unmet-box"><b>Error:</b> ${esc(s.error)}</div>` : '';
  const ignored = s.ignoredPostureKeys?.length ? `<div class="kv"><b>Not applied</b> ${esc(s.ignoredPostureKeys.join(', '))} (the target cannot express these posture keys)</div>` : '';
  const boundaries = (Object.keys(s.boundaries) as BoundaryId[]).map((b) => boundaryHtml(report, s, i, b)).join('\n');
  return [
    `<section class="scenario${failing ? ' failing' : ''}" id="${anchor(i)}">`,
    `<header><h3>${esc(`${s.suite}/${s.name}`)}${s.node ? ` <span class="mono">@${esc(s.node)}</span>` : ''}</h3><span class="pill">${verdict}</span></header>`,
    `<div class="body">${s.description ? `<p>${esc(s.description)}</p>` : ''}`,
    `<details class="posture"><summary>Posture</summary>${jsonBlock(s.posture, 'json')}</details>`,
    expected, unmet, denied, error, ignored,
    boundaries,
    s.environment ? `<details class="env"><summary>Environment seen by the probe</summary>${jsonBlock(s.environment, 'json')}</details>` : '',
    `</div></section>`,
  ].filter(Boolean).join('\n');
}
