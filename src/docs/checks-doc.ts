/** Renders docs/checks.md from the registry, so the docs can never drift from the code. */
import { CHECKS } from '../../probes/index.js';
import { BOUNDARY_IDS } from '../../probes/model.js';
import { BOUNDARY_DESCRIPTIONS } from '../boundaries.js';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The whole Markdown document. */
export function renderChecksDoc(): string {
  const lines: string[] = [
    '# Check catalog',
    '',
    '<!-- Generated from probes/index.ts by `npm run docs`; a unit test fails when this file is stale. -->',
    '',
    `${CHECKS.length} checks over ${new Set(CHECKS.map((c) => c.boundary)).size} boundaries. *passive* checks only read; *active* checks make a harmless attempt confined to the probe's own namespaces or tmpfs. *Advisory* checks are reported but never decide their boundary's verdict.`,
    '',
    '| Check | Boundary | Severity | Safety | Targets | Mappings |',
    '| --- | --- | --- | --- | --- | --- |',
    ...CHECKS.map((c) => `| [${c.id}](#${c.id}) | ${c.boundary} | ${c.severity} | ${c.safety}${c.advisory ? ', advisory' : ''}${c.optIn ? `, opt-in ${c.optIn}` : ''} | ${c.targets.join(', ')} | ${cell(c.mappings.map((m) => `${m.framework} ${m.id}`).join('; '))} |`),
    '',
  ];
  for (const b of BOUNDARY_IDS) {
    const checks = CHECKS.filter((c) => c.boundary === b);
    lines.push(`## Boundary \`${b}\``, '', BOUNDARY_DESCRIPTIONS[b].description, '');
    for (const c of checks) {
      lines.push(
        `### ${c.id}`,
        '',
        `**${c.title}** (severity ${c.severity}, ${c.safety}${c.advisory ? ', advisory' : ''}${c.optIn ? `, opt-in: ${c.optIn}` : ''}; targets: ${c.targets.join(', ')})`,
        '',
        `- Why it matters: ${c.rationale}`,
        `- How it is verified: ${c.method}`,
        `- Remediation: ${c.remediation}`,
        `- Mappings: ${c.mappings.map((m) => `${m.framework} \`${m.id}\``).join(', ')}`,
        '',
      );
    }
    if (checks.length === 0) lines.push('_No check yet._', '');
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
