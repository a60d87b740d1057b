/** Summary lists near the top of the page: unmet expectations, regressions, fixed, errors, admission denials (one line per distinct outcome). */
import type { Report } from '../../model/report.js';
import { groupLabel, outcomeWhere, scenarioGroups, type Outcome, type ScenarioGroup } from '../groups.js';
import { esc } from './escape.js';
import { anchor } from './matrix.js';

/** Most lines a baseline list shows before "and N more" (one line per node and boundary can run to thousands). */
const MAX_BASELINE_LINES = 200;

function list(title: string, items: string[], empty?: string): string {
  if (items.length === 0) return empty ? `<h2>${esc(title)}</h2><p>${esc(empty)}</p>` : '';
  return `<h2>${esc(title)}</h2><ul class="alerts">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

function capped(lines: string[]): string[] {
  return lines.length > MAX_BASELINE_LINES ? [...lines.slice(0, MAX_BASELINE_LINES), `and ${lines.length - MAX_BASELINE_LINES} more (see the JSON report)`] : lines;
}

/** The summary sections, as HTML. */
export function listsHtml(report: Report): string {
  const link = (g: ScenarioGroup, o: Outcome) => {
    const where = g.results.length > 1 ? ` ${esc(outcomeWhere(g, o, 8))}` : '';
    return `<a href="#${anchor(g.index, undefined, o.index)}${o.index ? '-outcome' : ''}">${esc(groupLabel(g))}</a>${where}`;
  };
  const each = (f: (g: ScenarioGroup, o: Outcome) => string[]) => scenarioGroups(report).flatMap((g) => g.outcomes.flatMap((o) => f(g, o)));
  const unmet = each((g, o) => (o.first.error ? [] : o.first.expectation.unmet.map((u) => `${link(g, o)}: <span class="unmet-line">${esc(u)}</span>`)));
  const errors = each((g, o) => (o.first.error ? [`${link(g, o)}: <span class="unmet-line">${esc(o.first.error)}</span>`] : []));
  const denied = each((g, o) => (o.first.admission === 'denied' ? [`${link(g, o)}: ${esc(o.first.admissionMessage ?? 'denied (no message)')}`] : []));
  const parts = [list('Unmet expectations', unmet, 'None: every scenario showed what its suite expects.')];
  if (report.baseline) {
    parts.push(list(`Regressions against the baseline ${report.baseline.file}`, capped(report.baseline.regressions.map((r) => `<span class="unmet-line">▲ REGRESSION ${esc(r)}</span>`)), 'None.'));
    parts.push(list('Fixed since the baseline', capped(report.baseline.fixed.map((f) => `✔ ${esc(f)}`))));
  }
  parts.push(list('Errors', errors), list('Admission denials', denied));
  return parts.filter(Boolean).join('\n');
}
