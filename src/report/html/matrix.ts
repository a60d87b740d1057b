/** The scenario x boundary matrix: one row per scenario; colour, icon and word in every cell; nodes that disagree named under their row. */
import type { BoundaryId } from '../../../probes/model.js';
import type { Report } from '../../model/report.js';
import { BOUNDARY_SHORT } from '../boundary-labels.js';
import { expectedVerdict, matrixColumns } from '../findings.js';
import { boundarySplit, groupExpectation, multiNode, nodeNames, scenarioGroups, type BoundarySplit, type ScenarioGroup } from '../groups.js';
import { differences } from '../differing-nodes.js';
import { isRegression } from '../../run/baseline.js';
import { STATUS_LABEL } from '../status-labels.js';
import { esc, slug } from './escape.js';

/** Anchor id of a scenario section, of one of its boundaries, and of a boundary in its outcome number `outcome` (0 = majority). */
export function anchor(index: number, boundary?: BoundaryId, outcome = 0): string {
  const base = outcome ? `s${index}-o${outcome}` : `s${index}`;
  return boundary ? `${base}-${slug(boundary)}` : base;
}

function cell(report: Report, g: ScenarioGroup, b: BoundaryId): string {
  const s = g.first;
  const status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const regressed = isRegression(report, s, b);
  const miss = (expected !== undefined && expected !== status) || regressed;
  const label = STATUS_LABEL[status];
  const nodes = multiNode(g) ? ` on all ${g.results.length} nodes` : '';
  const title = `${b}: ${status}${nodes}${expected ? `, expected ${expected}` : ''}${regressed ? ', REGRESSION (held in the baseline)' : ''}${s.boundaryReasons?.[b] ? ` - ${s.boundaryReasons[b]}` : ''}`;
  const flag = miss ? `<span class="flag">${regressed ? ' ▲' : ' !'}</span>` : '';
  return `<td class="st ${status}${miss ? ' miss' : ''}"><a href="#${anchor(g.index, b)}" title="${esc(title)}"><span class="ic" aria-hidden="true">${label.icon}</span><span class="tx">${label.text}</span>${flag}</a></td>`;
}

/** A cell where nodes disagree: the count per verdict, worst colour, the fewer nodes named in the title. */
function mixedCell(g: ScenarioGroup, b: BoundaryId, split: BoundarySplit): string {
  const worst = split.find((x) => x.status === 'broken') ?? split.find((x) => x.status === 'inconclusive') ?? split[1];
  const title = `${b}: nodes disagree - ${split.map((x) => `${x.status} on ${x.nodes.length}${x === split[0] ? '' : ` (${nodeNames(x.nodes, 20)})`}`).join('; ')}`;
  const text = split.map((x) => `${STATUS_LABEL[x.status].icon} ${x.nodes.length}`).join(' · ');
  return `<td class="st ${worst.status} miss mixed"><a href="#${anchor(g.index)}" title="${esc(title)}"><span class="tx">${esc(text)}</span><span class="flag"> ≠</span></a></td>`;
}

function expectationCell(g: ScenarioGroup): string {
  const e = groupExpectation(g);
  if (e.kind === 'met') return '<td class="exp met">✔ met</td>';
  return `<td class="exp unmet">✖ ${e.kind === 'mixed' ? esc(e.text) : e.kind === 'unmet' ? 'UNMET' : 'error'}</td>`;
}

/** The row of one scenario, and under it the nodes that differ from its majority. */
function groupRows(report: Report, g: ScenarioGroup, columns: BoundaryId[]): string {
  const s = g.first;
  const allDenied = g.outcomes.every((o) => o.first.admission === 'denied');
  const cells = allDenied
    ? `<td class="denied" colspan="${columns.length}">admission denied${s.admissionMessage ? `: ${esc(s.admissionMessage.slice(0, 140))}` : ''}</td>`
    : columns.map((b) => {
        const split = boundarySplit(g, b);
        return split.length > 1 ? mixedCell(g, b, split) : cell(report, g, b);
      }).join('');
  const node = g.results.length === 1 && s.node ? ` <span class="node">@${esc(s.node)}</span>` : multiNode(g) ? ` <span class="node">${g.results.length} nodes</span>` : '';
  const rows = [`<tr><td class="scn"><a href="#${anchor(g.index)}">${esc(`${s.suite}/${s.name}`)}</a>${node}</td>${cells}${expectationCell(g)}</tr>`];
  for (const o of g.outcomes.slice(1)) {
    const what = differences(g.outcomes[0].first, o.first);
    rows.push(`<tr class="differs"><td colspan="${columns.length + 2}"><a href="#${anchor(g.index, undefined, o.index)}-outcome">≠ ${o.results.length} of ${g.results.length} nodes differ: <b>${esc(nodeNames(o.nodes, 12))}</b></a> - ${esc(what)}</td></tr>`);
  }
  return rows.join('\n');
}

/** The matrix table with its legend. */
export function matrixHtml(report: Report): string {
  const columns = matrixColumns(report);
  const head = `<tr><th class="scn" scope="col">Scenario</th>${columns.map((b) => `<th scope="col"><abbr title="${esc(b)}">${BOUNDARY_SHORT[b]}</abbr></th>`).join('')}<th scope="col">Expectation</th></tr>`;
  const rows = scenarioGroups(report).map((g) => groupRows(report, g, columns));
  const legend = `Each cell: <b>✔ holds</b> (evidence that it holds), <b>✖ broken</b> (the first step of an escape path was shown), <b>? inconclusive</b> (evidence missing or ambiguous, never counted as holds), <b>– n/a</b>. A red frame and <b>!</b> mark a verdict that differs from the suite's expectation; <b>▲</b> a regression against the baseline; <b>≠</b> nodes that disagree (counts per verdict, the differing nodes named under the row). Columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]} = <code>${esc(b)}</code>`).join(', ')}.`;
  return `<h2>Scenario × boundary matrix</h2>\n<div class="matrix-wrap"><table class="matrix"><thead>${head}</thead><tbody>${rows.join('\n')}</tbody></table></div>\n<p class="legend">${legend}</p>`;
}
