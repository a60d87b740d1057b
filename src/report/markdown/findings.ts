/** Markdown sections listing the broken boundaries and the checks they reference. */
import type { Report } from '../../model/report.js';
import { checkMeta } from '../findings.js';
import { groupedFindings, outcomeLabel, type GroupedFinding } from '../grouped-findings.js';
import { groupMappings } from '../mappings.js';
import { mdCode, mdFence, mdText } from './escape.js';

function findingLine(f: GroupedFinding): string {
  const flags = [f.regression ? '**REGRESSION**' : '', f.unmet ? '**unmet**' : '', f.expected === undefined ? 'not expected by the suite' : ''].filter(Boolean).join(', ');
  const checks = f.checks.map((c) => `${mdCode(c.id)}: ${mdText(c.summary)}`).join('; ') || mdText(f.scenario.boundaryReasons?.[f.boundary] ?? '');
  return `- ✖ ${mdCode(f.boundary)} broken (${f.severity})${flags ? ` - ${flags}` : ''}: ${checks}`;
}

function evidenceBlock(f: GroupedFinding): string[] {
  if (f.checks.length === 0) return [];
  const body = f.checks.map((c) => `${mdCode(c.id)}\n\n${mdFence(JSON.stringify(c.evidence, null, 2), 'json')}`).join('\n\n');
  return ['', '<details><summary>evidence</summary>', '', body, '', '</details>', ''];
}

/** Broken boundaries that need attention (unmet, regressions, unexpected), with evidence; expected breaks in one line each. */
export function findingsSection(report: Report): string[] {
  const all = groupedFindings(report);
  const attention = all.filter((f) => f.expected !== 'broken');
  const expected = all.filter((f) => f.expected === 'broken');
  const lines: string[] = ['## Broken boundaries that need attention', ''];
  if (attention.length === 0) lines.push('None: every broken boundary was expected by its suite.', '');
  let current = '';
  for (const f of attention) {
    const label = outcomeLabel(f.group, f.outcome);
    if (label !== current) lines.push('', `### ${mdText(label)}`, '');
    current = label;
    lines.push(findingLine(f), ...evidenceBlock(f));
  }
  lines.push('', '## Expected breaks (positive controls and accepted risks)', '');
  if (expected.length === 0) lines.push('None.');
  for (const f of expected) lines.push(`- ${mdText(outcomeLabel(f.group, f.outcome))}: ${mdCode(f.boundary)} broken as expected (${f.checks.map((c) => mdCode(c.id)).join(', ')})`);
  return lines;
}

/** Why, how and fix for every check named by a broken boundary, once each. */
export function checkReferenceSection(report: Report): string[] {
  const ids = [...new Set(groupedFindings(report).flatMap((f) => f.checks.map((c) => c.id)))];
  const lines: string[] = ['', '## Checks referenced', ''];
  for (const id of ids) {
    const meta = checkMeta(id);
    if (!meta) continue;
    lines.push(`### ${mdCode(id)}: ${mdText(meta.title)}`, '', `- **Boundary:** ${mdCode(meta.boundary)}; **severity:** ${meta.severity}; **safety:** ${meta.safety}`);
    lines.push(`- **Why it matters:** ${mdText(meta.rationale)}`, `- **How it is verified:** ${mdText(meta.method)}`, `- **Remediation:** ${mdText(meta.remediation)}`);
    for (const g of groupMappings(meta.mappings)) lines.push(`- **${mdText(g.label)}:** ${g.ids.map(mdText).join(', ')}`);
    lines.push('');
  }
  return lines;
}
