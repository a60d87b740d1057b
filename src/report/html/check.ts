/** One check inside a boundary: verdict, summary, why/how/fix, mappings, and its raw evidence (escaped). */
import type { CheckReport } from '../../model/report.js';
import { checkMeta } from '../findings.js';
import { groupMappings, mappingUrl } from '../mappings.js';
import { STATUS_LABEL } from '../status-labels.js';
import { esc, jsonBlock } from './escape.js';

function mappingsHtml(id: string): string {
  const meta = checkMeta(id);
  if (!meta || meta.mappings.length === 0) return '';
  const items = groupMappings(meta.mappings).map((g) => {
    const ids = g.ids.map((x) => {
      const url = mappingUrl({ framework: g.framework, id: x });
      return url ? `<a href="${esc(url)}" rel="noreferrer">${esc(x)}</a>` : esc(x);
    });
    return `<li><b>${esc(g.label)}:</b> ${ids.join(', ')}</li>`;
  });
  return `<div class="kv"><b>Mappings</b></div><ul class="maps">${items.join('')}</ul>`;
}

/** A `<details>` block for one check. */
export function checkHtml(c: CheckReport, open: boolean): string {
  const meta = checkMeta(c.id);
  const label = STATUS_LABEL[c.status];
  const title = meta ? `<span class="ctitle">(${esc(meta.title)})</span>` : ' ';
  const facts = meta
    ? [
        `<div class="kv"><b>Why it matters</b> ${esc(meta.rationale)}</div>`,
        `<div class="kv"><b>How verified</b> ${esc(meta.method)}</div>`,
        `<div class="kv"><b>Remediation</b> ${esc(meta.remediation)}</div>`,
        `<div class="kv"><b>Severity</b> ${esc(meta.severity)} · <b>safety</b> ${esc(meta.safety)}${c.advisory ? ' · advisory (does not decide the boundary)' : ''} · ${c.durationMs} ms</div>`,
        mappingsHtml(c.id),
      ].join('')
    : '<div class="kv">This check is not in the registry of this escapekit version.</div>';
  return [
    `<details class="check"${open ? ' open' : ''}><summary><span class="pill ${c.status}">${label.icon} ${label.text}</span> <code>${esc(c.id)}</code>${title}${esc(c.summary)}</summary>`,
    `<div class="check-body">${facts}<div class="kv"><b>Evidence</b></div>${jsonBlock(c.evidence)}</div>`,
    `</details>`,
  ].join('\n');
}
