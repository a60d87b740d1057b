/** Console reporter: live progress lines and a scenario x boundary matrix. The only place with colour. */
import type { BoundaryId, Status } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { BOUNDARY_SHORT } from './boundary-labels.js';
import { describeLayering } from './layering.js';
import { unmetSubject } from '../run/expectations.js';
import { expectedVerdict, matrixColumns } from './findings.js';
import { boundarySplit, groupExpectation, groupLabel, multiNode, nodeNames, outcomeWhere, scenarioGroups, type ScenarioGroup } from './groups.js';
import { differingNodes } from './differing-nodes.js';
import { terminalSafe as safe } from '../io/terminal-safe.js';

/** Colour functions, or identity when colour is off. */
function palette(colour: boolean) {
  const wrap = (code: number) => (s: string) => (colour ? `\x1b[${code}m${s}\x1b[0m` : s);
  return { red: wrap(31), green: wrap(32), yellow: wrap(33), dim: wrap(2), bold: wrap(1) };
}

const SYMBOL: Record<Status, string> = { holds: 'ok', broken: 'XX', inconclusive: '??', 'not-applicable': '-' };

/** One progress line for a finished scenario. */
export function progressLine(s: ScenarioReport, done: number, total: number, colour: boolean): string {
  const c = palette(colour);
  const verdict = s.error ? c.red('ERROR') : s.expectation.met ? c.green('met') : c.red('UNMET');
  const where = s.node ? ` @${safe(s.node)}` : '';
  const admission = s.admission === 'denied' ? c.dim(' (denied)') : '';
  return `[${String(done).padStart(String(total).length)}/${total}] ${safe(s.suite)}/${safe(s.name)}${where}${admission}: ${verdict}${s.error ? ` - ${safe(s.error)}` : ''}`;
}

function cell(status: Status | undefined, expected: 'broken' | 'holds' | undefined, colour: boolean): string {
  const c = palette(colour);
  const text = SYMBOL[status ?? 'not-applicable'].padEnd(4);
  const miss = expected !== undefined && expected !== status;
  const painted = status === 'broken' ? c.red(text) : status === 'holds' ? c.green(text) : status === 'inconclusive' ? c.yellow(text) : c.dim(text);
  return miss ? c.bold(`!${painted}`) : ` ${painted}`;
}

/** The expectation column of a group: met, UNMET, error, or how many nodes missed it. */
function groupVerdict(g: ScenarioGroup, c: ReturnType<typeof palette>): string {
  const e = groupExpectation(g);
  return e.kind === 'met' ? c.green('met') : c.red(e.kind === 'mixed' ? e.text : e.kind === 'unmet' ? 'UNMET' : 'error');
}

/** The matrix row of a group, then one line per boundary on which its nodes disagree (with the names of the fewer). */
function groupRows(g: ScenarioGroup, columns: BoundaryId[], width: number, colour: boolean): string[] {
  const c = palette(colour);
  const allDenied = g.outcomes.every((o) => o.first.admission === 'denied');
  const splits = columns.map((b) => boundarySplit(g, b));
  const cells = allDenied
    ? columns.map(() => ` ${c.dim('.'.padEnd(4))}`).join('')
    : splits.map((split, i) => (split.length > 1 ? c.bold(`!${c.yellow('mix'.padEnd(4))}`) : cell(split[0]?.status, expectedVerdict(g.first, columns[i]), colour))).join('');
  const label = `${safe(groupLabel(g))}${multiNode(g) ? ` (${g.results.length} nodes)` : ''}`;
  const admission = allDenied ? ' denied' : g.outcomes.some((o) => o.first.admission === 'denied') ? ' denied on some nodes' : '';
  const lines = [`${label.padEnd(width)}${cells}  ${groupVerdict(g, c)}${admission}`];
  splits.forEach((split, i) => {
    if (split.length < 2) return;
    const parts = split.map((x, k) => `${SYMBOL[x.status]} ${x.status} on ${x.nodes.length}${k > 0 ? `: ${safe(nodeNames(x.nodes))}` : ''}`);
    lines.push(c.yellow(`    ${BOUNDARY_SHORT[columns[i]]} differs: ${parts.join('; ')}`));
  });
  return lines;
}

/** The full console rendering: matrix (one row per scenario, per-node differences named), unmet expectations, summary. */
export function renderConsole(report: Report, colour = false): string {
  const c = palette(colour);
  const columns = matrixColumns(report);
  const groups = scenarioGroups(report);
  const width = Math.max(20, ...groups.map((g) => safe(groupLabel(g)).length + (multiNode(g) ? ` (${g.results.length} nodes)`.length : 0))) + 1;
  const lines: string[] = [];
  const t = report.target;
  lines.push(c.bold(`escapekit ${report.tool.version} run ${safe(report.runId)} on ${safe(t.kind)}${t.engine ? ` (${safe(t.engine)})` : ''}${t.kernel ? `, kernel ${safe(t.kernel)}` : ''}`));
  const layering = describeLayering(report);
  if (layering) lines.push(c.dim(safe(layering)));
  if (typeof t.note === 'string') lines.push(c.dim(`note: ${safe(t.note)}`));
  lines.push(`${''.padEnd(width)}${columns.map((b) => ` ${BOUNDARY_SHORT[b].padEnd(4)}`).join('')}  expectation`);
  for (const g of groups) lines.push(...groupRows(g, columns, width, colour));
  lines.push(c.dim(`legend: ok holds, XX broken, ?? inconclusive, - not applicable, mix nodes disagree (named below the row), ! differs from the expectation; columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]}=${b}`).join(' ')}`));
  for (const g of groups) {
    for (const o of g.outcomes) {
      const s = o.first;
      if (s.expectation.met && !s.error) continue;
      const where = outcomeWhere(g, o);
      lines.push('', c.red(`${safe(groupLabel(g))}${where && !(g.results.length === 1) ? ` ${safe(where)}` : ''}:`));
      if (s.error) lines.push(`  error: ${safe(s.error)}`);
      // Boundaries left inconclusive by that error are named once, not repeated with the error each.
      const byError = s.error ? s.expectation.unmet.filter((u) => u.includes(s.error!)) : [];
      for (const u of s.expectation.unmet) if (!byError.includes(u)) lines.push(`  - ${safe(u)}`);
      if (byError.length) lines.push(`  - not verified because of that error: ${safe(byError.map(unmetSubject).join(', '))}`);
      if (s.admissionMessage) lines.push(`  admission: ${safe(s.admissionMessage)}`);
    }
  }
  const { scenarios, met, unmet, errors } = report.summary;
  const nodes = groups.some(multiNode) ? ` (${groups.length} scenarios on up to ${Math.max(...groups.map((g) => g.results.length))} nodes)` : '';
  const line = `${scenarios} scenarios${nodes}: ${met} met, ${unmet} unmet, ${errors} errors`;
  lines.push('', errors ? c.red(line) : unmet ? c.red(line) : c.green(line));
  const differing = differingNodes(report);
  if (differing.length) lines.push(c.yellow(`nodes that differ from the others: ${safe(nodeNames(differing.map((d) => d.node), 20))}`));
  if (report.baseline) {
    for (const r of report.baseline.regressions) lines.push(c.red(`regression: ${safe(r)}`));
    for (const f of report.baseline.fixed) lines.push(c.green(`fixed: ${safe(f)}`));
  }
  return `${lines.join('\n')}\n`;
}
