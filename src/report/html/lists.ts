/** Summary lists near the top of the page: unmet expectations, regressions, fixed, errors, admission denials. */
import type { Report } from '../../model/report.js';
import { scenarioLabel } from '../findings.js';
import { esc } from './escape.js';
import { anchor } from './matrix.js';

function list(title: string, items: string[], empty?: string): string {
  if (items.length === 0) return empty ? `<h2>${esc(title)}</h2><p>${esc(empty)}</p>` : '';
  return `<h2>${esc(title)}</h2><ul class="alerts">${items.map((i) => `<li>${i}</li>`).join('')}</ul>`;
}

/** The summary sections, as HTML. */
export function listsHtml(report: Report): string {
  const link = (i: number) => `<a href="#${anchor(i)}">${esc(scenarioLabel(report.scenarios[i]))}</a>`;
  const unmet = report.scenarios.flatMap((s, i) => (s.error ? [] : s.expectation.unmet.map((u) => `${link(i)}: <span class="unmet-line">${esc(u)}</span>`)));
  const errors = report.scenarios.flatMap((s, i) => (s.error ? [`${link(i)}: <span class="unmet-line">${esc(s.error)}</span>`] : []));
  const denied = report.scenarios.flatMap((s, i) => (s.admission === 'denied' ? [`${link(i)}: ${esc(s.admissionMessage ?? 'denied (no message)')}`] : []));
  const parts = [list('Unmet expectations', unmet, 'None: every scenario showed what its suite expects.')];
  if (report.baseline) {
    parts.push(list(`Regressions against the baseline ${report.baseline.file}`, report.baseline.regressions.map((r) => `<span class="unmet-line">▲ REGRESSION ${esc(r)}</span>`), 'None.'));
    parts.push(list('Fixed since the baseline', report.baseline.fixed.map((f) => `✔ ${esc(f)}`)));
  }
  parts.push(list('Errors', errors), list('Admission denials', denied));
  return parts.filter(Boolean).join('\n');
}
