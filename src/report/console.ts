/** Console reporter: live progress lines and a scenario x boundary matrix. The only place with colour. */
import type { Status } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { BOUNDARY_SHORT } from './boundary-labels.js';
import { describeLayering } from './layering.js';
import { unmetSubject } from '../run/expectations.js';
import { expectedVerdict, matrixColumns, scenarioLabel } from './findings.js';
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

/** The full console rendering: matrix, unmet expectations, summary. */
export function renderConsole(report: Report, colour = false): string {
  const c = palette(colour);
  const columns = matrixColumns(report);
  const label = (s: ScenarioReport) => safe(scenarioLabel(s));
  const width = Math.max(20, ...report.scenarios.map((s) => label(s).length)) + 1;
  const lines: string[] = [];
  const t = report.target;
  lines.push(c.bold(`escapekit ${report.tool.version} run ${safe(report.runId)} on ${safe(t.kind)}${t.engine ? ` (${safe(t.engine)})` : ''}${t.kernel ? `, kernel ${safe(t.kernel)}` : ''}`));
  const layering = describeLayering(report);
  if (layering) lines.push(c.dim(safe(layering)));
  if (typeof t.note === 'string') lines.push(c.dim(`note: ${safe(t.note)}`));
  lines.push(`${''.padEnd(width)}${columns.map((b) => ` ${BOUNDARY_SHORT[b].padEnd(4)}`).join('')}  expectation`);
  for (const s of report.scenarios) {
    const cells = s.admission === 'denied' ? columns.map(() => ` ${c.dim('.'.padEnd(4))}`).join('') : columns.map((b) => cell(s.boundaries[b], expectedVerdict(s, b), colour)).join('');
    const verdict = s.error ? c.red('error') : s.expectation.met ? c.green('met') : c.red('UNMET');
    const admission = s.admission === 'denied' ? ' denied' : '';
    lines.push(`${label(s).padEnd(width)}${cells}  ${verdict}${admission}`);
  }
  lines.push(c.dim(`legend: ok holds, XX broken, ?? inconclusive, - not applicable, ! differs from the expectation; columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]}=${b}`).join(' ')}`));
  const failing = report.scenarios.filter((s) => !s.expectation.met || s.error);
  for (const s of failing) {
    lines.push('', c.red(`${label(s)}:`));
    if (s.error) lines.push(`  error: ${safe(s.error)}`);
    // Boundaries left inconclusive by that error are named once, not repeated with the error each.
    const byError = s.error ? s.expectation.unmet.filter((u) => u.includes(s.error!)) : [];
    for (const u of s.expectation.unmet) if (!byError.includes(u)) lines.push(`  - ${safe(u)}`);
    if (byError.length) lines.push(`  - not verified because of that error: ${safe(byError.map(unmetSubject).join(', '))}`);
    if (s.admissionMessage) lines.push(`  admission: ${safe(s.admissionMessage)}`);
  }
  const { scenarios, met, unmet, errors } = report.summary;
  const line = `${scenarios} scenarios: ${met} met, ${unmet} unmet, ${errors} errors`;
  lines.push('', errors ? c.red(line) : unmet ? c.red(line) : c.green(line));
  if (report.baseline) {
    for (const r of report.baseline.regressions) lines.push(c.red(`regression: ${safe(r)}`));
    for (const f of report.baseline.fixed) lines.push(c.green(`fixed: ${safe(f)}`));
  }
  return `${lines.join('\n')}\n`;
}
