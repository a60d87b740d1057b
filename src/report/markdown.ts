/**
 * Markdown reporter (GitHub-flavoured): outcome, run metadata, scenario x boundary matrix with
 * icons and words, unmet expectations, regressions, errors, admission denials, findings with
 * evidence, and the referenced checks' rationale, remediation and mappings. Every untrusted
 * string goes through the escapers; full evidence of every check is in the JSON/HTML report.
 */
import type { BoundaryId } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { BOUNDARY_SHORT } from './boundary-labels.js';
import { expectedVerdict, matrixColumns, scenarioLabel } from './findings.js';
import { isKindTarget, KIND_NOTE, outcome, runFacts } from './run-facts.js';
import { STATUS_LABEL, STATUS_LEGEND } from './status-labels.js';
import { DEFAULT_POLICY, type ExitPolicy } from '../run/exit-code.js';
import { isRegression } from '../run/baseline.js';
import { checkReferenceSection, findingsSection } from './markdown/findings.js';
import { mdCode, mdText } from './markdown/escape.js';

function cell(report: Report, s: ScenarioReport, b: BoundaryId): string {
  if (s.admission === 'denied') return 'denied';
  const status = s.boundaries[b] ?? 'not-applicable';
  const expected = expectedVerdict(s, b);
  const flag = isRegression(report, s, b) ? ' **regressed**' : expected && expected !== status ? ' **!**' : '';
  return `${STATUS_LABEL[status].icon} ${STATUS_LABEL[status].text}${flag}`;
}

function matrix(report: Report): string[] {
  const columns = matrixColumns(report);
  const head = `| Scenario | ${columns.map((b) => `${BOUNDARY_SHORT[b]}`).join(' | ')} | Expectation |`;
  const rows = report.scenarios.map((s) => {
    const verdict = s.error ? '✖ **error**' : s.expectation.met ? '✔ met' : '✖ **UNMET**';
    return `| ${mdText(scenarioLabel(s))} | ${columns.map((b) => cell(report, s, b)).join(' | ')} | ${verdict} |`;
  });
  const legend = `Columns: ${columns.map((b) => `${BOUNDARY_SHORT[b]} = ${mdCode(b)}`).join(', ')}. Verdicts: ${STATUS_LEGEND}. **!** differs from the suite's expectation.`;
  return ['## Scenario x boundary matrix', '', head, `|---|${columns.map(() => ':-:|').join('')}---|`, ...rows, '', legend];
}

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
  const unmet = report.scenarios.flatMap((s) => (s.error ? [] : s.expectation.unmet.map((u) => `**${mdText(scenarioLabel(s))}**: ${mdText(u)}`)));
  lines.push(...listSection('Unmet expectations', unmet, 'None: every scenario showed what its suite expects.'));
  if (report.baseline) {
    lines.push(...listSection(`Regressions against the baseline ${mdText(report.baseline.file)}`, report.baseline.regressions.map((r) => `**REGRESSION** ${mdText(r)}`), 'None.'));
    lines.push(...listSection('Fixed since the baseline', report.baseline.fixed.map(mdText)));
  }
  lines.push(...listSection('Errors', report.scenarios.filter((s) => s.error).map((s) => `**${mdText(scenarioLabel(s))}**: ${mdText(s.error ?? '')}`)));
  lines.push(...listSection('Admission denials', report.scenarios.filter((s) => s.admission === 'denied').map((s) => `**${mdText(scenarioLabel(s))}**: ${mdText(s.admissionMessage ?? 'denied (no message)')}`)));
  lines.push('', ...findingsSection(report), ...checkReferenceSection(report));
  lines.push('', `Full evidence of every check: the JSON report (run ${mdCode(report.runId)}).`);
  return `${lines.join('\n')}\n`;
}
