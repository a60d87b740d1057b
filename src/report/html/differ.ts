/** The box under the outcome banner naming the nodes that differ from the others: seen on the first screen. */
import type { Report } from '../../model/report.js';
import { differingNodes } from '../differing-nodes.js';
import { esc } from './escape.js';

/** How many differing nodes are spelled out before "and N more". */
const SHOWN = 12;

/** The box, or '' when every node of every scenario agrees. */
export function differHtml(report: Report): string {
  const nodes = differingNodes(report);
  if (nodes.length === 0) return '';
  const items = nodes.slice(0, SHOWN).map((d) => `<li><b class="mono">${esc(d.node)}</b>: ${esc(d.scenarios.slice(0, 3).join('; '))}${d.scenarios.length > 3 ? ` and ${d.scenarios.length - 3} more scenarios` : ''}</li>`);
  const more = nodes.length > SHOWN ? `<li>and ${nodes.length - SHOWN} more nodes (see the rows marked ≠ in the matrix)</li>` : '';
  return `<div class="differ" role="alert"><b>${nodes.length} node${nodes.length === 1 ? '' : 's'} differ${nodes.length === 1 ? 's' : ''} from the others</b><ul>${items.join('')}${more}</ul></div>`;
}
