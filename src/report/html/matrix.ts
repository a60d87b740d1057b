/** The scenario x boundary matrix: colour, icon and word in every cell; cells link to their evidence. */
import type { BoundaryId } from '../../../probes/model.js';
import type { Report, ScenarioReport } from '../../model/report.js';
import { BOUNDARY_SHORT } from '../boundary-labels.js';
import { expectedVerdict, matrixColumns } from '../findings.js';
import { isRegression } from '../../run/baseline.js';
import { STATUS_LABEL } from '../status-labels.js';
import { esc, slug } from './escape.js';

/** Anchor id of a scenario section, and of one of its boundaries. */
export function anchor(index: number, boundary?: BoundaryId): string {
  return boundary ? `s${index}-${slug(boundary)}` : `s${index}`;
}

function cell(report: Report, s: ScenarioReport, i: number, b: BoundaryId): string {
  const status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const regressed = isRegression(report, s, b);
  const miss = (expected !== undefined && expected !== status) || regressed;
  const label = STATUS_LABEL[status];
  const title = `${b}: ${status}${expected ? `, expected ${expected}` : ''}${regressed ? ', REGRESSION (held in the baseline)' : ''}${s.boundaryReasons?.[b] ? ` - ${s.boundaryReasons[b]}` : ''}`;
  const flag = miss ? `<span class="flag">${regressed ? ' ▲' : ' !'}</span>` : '';
  return `<td class="st ${status}${miss ? ' miss' : ''}"><a href="#${anchor(i, b)}" title="${esc(title)}"><span class="ic" aria-hidden="true">${label.icon}</span><span class="tx">${label.text}</span>${flag}</a></td>`;
}

/** The matrix table with its legend. */
export function matrixHtml(report: Report): string {
  const columns = matrixColumns(report);
  const head = `<tr><th class="scn" scope="col">Scenario</th>${columns.map((b) => `<th scope="col"><abbr title="${esc(b)}">${BOUNDARY_SHORT[b]}</abbr></th>`).join('')}<th scope="col">Expectation</th></tr>`;
  const rows = report.scenarios.map((s, i) => {
    const cells = s.admission === 'denied'
      ? `<td class="denied" colspan="${columns.length}">admission denied${s.admissionMessage ? `: ${esc(s.admissionMessage.slice(0, 140))}` : ''}</td>`
      : columns.map((b) => cell(report, s, i, b)).join('');
    const exp = s.error ? '<td class="exp unmet">✖ error</td>' : s.expectation.met ? '<td class="exp met">✔ met</td>' : '<td class="exp unmet">✖ UNMET</td>';
    const node = s.node ? ` <span class="node">@${esc(s.node)}</span>` : '';
    return `<tr><td class="scn"><a href="#${anchor(i)}">${esc(`${s.suite}/${s.name}`)}</a>${node}</td>${cells}${exp}</tr>`;
  });
  const legend = `Each cell: <b>✔ holds</b> (evidence that it holds), <b>✖ broken</b> (the first step of an escape path was shown), <b>? inconclusive</b> (evidence missing or ambiguous, never counted as holds), <b>– n/a</b>. A red frame and <b>!</b> mark a verdict that differs from the suite's expectation; <b>▲</b> a regression against the baseline. Columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]} = <code>${esc(b)}</code>`).join(', ')}.`;
  return `<h2>Scenario × boundary matrix</h2>\n<div class="matrix-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table></div>\n<p class="legend">${legend}</p>`;
}
