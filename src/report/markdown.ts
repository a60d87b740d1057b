/**
 * Markdown reporter (GitHub-flavoured): outcome, run metadata, scenario x boundary matrix with
 * icons and words, unmet expectations, regressions, errors, admission denials, findings with
 * evidence, and the referenced checks' rationale, remediation and mappings. Every untrusted
 * string goes through the escapers; full evidence of every check is in the JSON/HTML report.
 */
import type { BoundaryId } from '../../probes/model.js';
import type { Report } from '../model/report.js';
import { BOUNDARY_SHORT } from './boundary-labels.js';
import { expectedVerdict, matrixColumns } from './findings.js';
import { boundarySplit, groupExpectation, groupLabel, multiNode, nodeNames, scenarioGroups, type Outcome, type ScenarioGroup } from './groups.js';
import { differingNodes } from './differing-nodes.js';
import { outcomeLabel } from './grouped-findings.js';
import { isKindTarget, KIND_NOTE, outcome, runFacts } from './run-facts.js';
import { STATUS_LABEL, STATUS_LEGEND } from './status-labels.js';
import { DEFAULT_POLICY, type ExitPolicy } from '../run/exit-code.js';
import { isRegression } from '../run/baseline.js';
import { checkReferenceSection, findingsSection } from './markdown/findings.js';
import { mdCode, mdText } from './markdown/escape.js';

function cell(report: Report, g: ScenarioGroup, b: BoundaryId): string {
  const split = boundarySplit(g, b);
  if (split.length > 1) return `≠ ${split.map((x, i) => `${STATUS_LABEL[x.status].icon} ${x.nodes.length}${i > 0 ? ` (${mdText(nodeNames(x.nodes, 5))})` : ''}`).join(' / ')}`;
  const s = g.first;
  if (s.admission === 'denied') return 'denied';
  const status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const flag = isRegression(report, s, b) ? ' **regressed**' : expected && expected !== status ? ' **!**' : '';
  return `${STATUS_LABEL[status].icon} ${STATUS_LABEL[status].text}${flag}`;
}

function verdict(g: ScenarioGroup): string {
  const e = groupExpectation(g);
  return e.kind === 'met' ? '✔ met' : `✖ **${e.kind === 'mixed' ? e.text : e.kind === 'unmet' ? 'UNMET' : 'error'}**`;
}

function matrix(report: Report): string[] {
  const columns = matrixColumns(report);
  const head = `| Scenario | ${columns.map((b) => `${BOUNDARY_SHORT[b]}`).join(' | ')} | Expectation |`;
  const rows = scenarioGroups(report).map((g) => {
    const nodes = multiNode(g) ? ` (${g.results.length} nodes)` : '';
    return `| ${mdText(groupLabel(g))}${nodes} | ${columns.map((b) => cell(report, g, b)).join(' | ')} | ${verdict(g)} |`;
  });
  const legend = `Columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]} = ${mdCode(b)}`).join(', ')}. Verdicts: ${STATUS_LEGEND}. **!** differs from the suite's expectation; ≠ nodes disagree (count per verdict, the fewer named).`;
  const differing = differingNodes(report);
  const differ = differing.length ? ['', `**${differing.length} node(s) differ from the others:** ${differing.slice(0, 12).map((d) => `${mdCode(d.node)} (${mdText(d.scenarios.slice(0, 2).join('; '))})`).join(', ')}${differing.length > 12 ? ` and ${differing.length - 12} more` : ''}`] : [];
  return ['## Scenario x boundary matrix', '', head, `|---|${columns.map(() => ':-:|').join('')}---|`, ...rows, '', legend, ...differ];
}

/** Most baseline lines listed before "and N more" (one line per node and boundary can run to thousands). */
const MAX_BASELINE_LINES = 200;
const capped = (lines: string[]) => (lines.length > MAX_BASELINE_LINES ? [...lines.slice(0, MAX_BASELINE_LINES), `and ${lines.length - MAX_BASELINE_LINES} more (see the JSON report)`] : lines);

function listSection(title: string, items: string[], none?: string): string[] {
  if (items.length === 0) return none ? ['', `## ${title}`, '', none] : [];
  return ['', `## ${title}`, '', ...items.map((i) => `- ${i}`)];
}

/** Renders the report as Markdown. */
export function renderMarkdown(report: Report, policy: ExitPolicy = DEFAULT_POLICY): string {
  const out = outcome(report, policy);
  const lines: string[] = ['# escapekit isolation report', '', `**${out.pass ? '✔' : '✖'} ${mdText(out.text)}**`, ''];
  if (isKindTarget(report.target)) lines.push(`> **Note:** ${mdText(KIND_NOTE)}`, '');
  lines.push('| Run | |', '|---|---|', ...runFacts(report).map(([k, v]) => `| ${mdText(k)} | ${mdText(v)} |`), '');
  lines.push(...matrix(report));
  const each = (f: (g: ScenarioGroup, o: Outcome) => string[]) => scenarioGroups(report).flatMap((g) => g.outcomes.flatMap((o) => f(g, o)));
  const label = (g: ScenarioGroup, o: Outcome) => `**${mdText(outcomeLabel(g, o))}**`;
  const unmet = each((g, o) => (o.first.error ? [] : o.first.expectation.unmet.map((u) => `${label(g, o)}: ${mdText(u)}`)));
  lines.push(...listSection('Unmet expectations', unmet, 'None: every scenario showed what its suite expects.'));
  if (report.baseline) {
    lines.push(...listSection(`Regressions against the baseline ${mdText(report.baseline.file)}`, capped(report.baseline.regressions.map((r) => `**REGRESSION** ${mdText(r)}`)), 'None.'));
    lines.push(...listSection('Fixed since the baseline', capped(report.baseline.fixed.map(mdText))));
  }
  lines.push(...listSection('Errors', each((g, o) => (o.first.error ? [`${label(g, o)}: ${mdText(o.first.error)}`] : []))));
  lines.push(...listSection('Admission denials', each((g, o) => (o.first.admission === 'denied' ? [`${label(g, o)}: ${mdText(o.first.admissionMessage ?? 'denied (no message)')}`] : []))));
  lines.push('', ...findingsSection(report), ...checkReferenceSection(report));
  lines.push('', `Full evidence of every check: the JSON report (run ${mdCode(report.runId)}).`);
  return `${lines.join('\n')}\n`;
}
