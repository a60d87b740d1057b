/** SARIF reporting descriptors: one rule per registered check, plus the kit's own rules for expectations. */
import { CHECKS } from '../../../probes/index.js';
import type { CheckMeta, Severity } from '../../../probes/model.js';
import { groupMappings, mappingText, mappingUrl } from '../mappings.js';

/** GitHub's security-severity scale: >= 9 critical, 7-8.9 high, 4-6.9 medium, 0.1-3.9 low. */
export const SECURITY_SEVERITY: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

/** SARIF level of a break nobody expected, by severity. */
export const LEVEL_BY_SEVERITY: Record<Severity, 'error' | 'warning' | 'note'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/** Rule id of an unmet expectation that is not a broken boundary (blind canary, inconclusive, admission). */
export const RULE_UNMET = 'escapekit/expectation-unmet';
/** Rule id of a scenario that was denied admission in the baseline and is admitted now. */
export const RULE_ADMISSION_REGRESSION = 'escapekit/admission-regression';

function helpMarkdown(c: CheckMeta): string {
  const maps = groupMappings(c.mappings).map((g) => `- ${g.label}: ${g.ids.map((id) => {
    const url = mappingUrl({ framework: g.framework, id });
    return url ? `[${id}](${url})` : id;
  }).join(', ')}`);
  return [`**Why it matters.** ${c.rationale}`, `**How escapekit verifies it.** ${c.method}`, `**Remediation.** ${c.remediation}`, `**Boundary:** \`${c.boundary}\` · **severity:** ${c.severity} · **safety:** ${c.safety}`, ...(maps.length ? ['**Mappings.**', maps.join('\n')] : [])].join('\n\n');
}

/** The SARIF rule of one check. */
export function checkRule(c: CheckMeta): Record<string, unknown> {
  const text = [c.rationale, `How escapekit verifies it: ${c.method}`, `Remediation: ${c.remediation}`, ...(c.mappings.length ? [`Mappings: ${c.mappings.map(mappingText).join('; ')}`] : [])].join('\n\n');
  return {
    id: c.id,
    name: c.title,
    shortDescription: { text: c.title },
    fullDescription: { text: c.rationale },
    help: { text, markdown: helpMarkdown(c) },
    defaultConfiguration: { level: LEVEL_BY_SEVERITY[c.severity] },
    properties: {
      boundary: c.boundary,
      severity: c.severity,
      safety: c.safety,
      targets: [...c.targets],
      ...(c.advisory ? { advisory: true } : {}),
      'security-severity': SECURITY_SEVERITY[c.severity],
      precision: 'high',
      'problem.severity': LEVEL_BY_SEVERITY[c.severity] === 'note' ? 'recommendation' : LEVEL_BY_SEVERITY[c.severity],
      tags: ['security', 'container-isolation', `boundary/${c.boundary}`, ...c.mappings.map((m) => `external/${m.framework}/${m.id}`)],
      mappings: c.mappings.map((m) => ({ framework: m.framework, id: m.id })),
    },
  };
}

const KIT_RULES: Array<Record<string, unknown>> = [
  {
    id: RULE_UNMET,
    name: 'Suite expectation not met',
    shortDescription: { text: 'Suite expectation not met' },
    fullDescription: { text: 'A scenario did not show what its suite expects: a positive control (canary) came back holds, a verdict was inconclusive, or admission differed.' },
    help: {
      text: 'A canary that holds means the kit is blind on this target; an inconclusive verdict is never counted as holds. Read the scenario\'s evidence in the JSON or HTML report.',
      markdown: 'A **canary that holds** means the kit is blind on this target; an **inconclusive** verdict is never counted as holds. Read the scenario\'s evidence in the JSON or HTML report.',
    },
    defaultConfiguration: { level: 'error' },
    properties: { precision: 'high', 'problem.severity': 'error', 'security-severity': '7.0', tags: ['security', 'container-isolation', 'expectation'] },
  },
  {
    id: RULE_ADMISSION_REGRESSION,
    name: 'Admission regressed',
    shortDescription: { text: 'A workload denied in the baseline is admitted now' },
    fullDescription: { text: 'Admission control (for example Pod Security admission) denied this posture in the baseline run and admits it now.' },
    help: { text: 'Restore the admission policy (namespace Pod Security labels, admission webhooks).', markdown: 'Restore the admission policy (namespace Pod Security labels, admission webhooks).' },
    defaultConfiguration: { level: 'error' },
    properties: { precision: 'high', 'problem.severity': 'error', 'security-severity': '8.0', tags: ['security', 'container-isolation', 'regression'] },
  },
];

/** Every rule of the run, check rules first in registry order; the index map gives `ruleIndex`. */
export function sarifRules(): { rules: Array<Record<string, unknown>>; index: Map<string, number> } {
  const rules = [...CHECKS.map(checkRule), ...KIT_RULES];
  return { rules, index: new Map(rules.map((r, i) => [r.id as string, i])) };
}
