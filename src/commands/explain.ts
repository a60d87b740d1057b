/** `escapekit explain <check-id>`: rationale, method, remediation and mappings of one check. */
import { CHECKS, findCheck } from '../../probes/index.js';
import { parse } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';

/** Prints one check's explanation; returns the exit code. */
export async function explainCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 'explain');
  if (positionals.length !== 1) throw new UsageError('explain: expected one check id (see escapekit list checks)');
  const check = findCheck(positionals[0]);
  if (!check) {
    const near = CHECKS.filter((c) => c.id.includes(positionals[0]) || positionals[0].includes(c.id)).map((c) => c.id);
    throw new UsageError(`explain: unknown check '${terminalSafe(positionals[0].slice(0, 60))}'${near.length ? ` (did you mean ${near.slice(0, 3).join(', ')}?)` : ''}`);
  }
  const { collect: _c, evaluate: _e, ...meta } = check;
  if (values.json) {
    process.stdout.write(`${JSON.stringify(meta, null, 2)}\n`);
    return 0;
  }
  const lines = [
    `${check.id}: ${check.title}`,
    `boundary: ${check.boundary}   severity: ${check.severity}   safety: ${check.safety}   targets: ${check.targets.join(', ')}${check.advisory ? '   advisory (never decides the boundary)' : ''}${check.optIn ? `   opt-in: ${check.optIn}` : ''}`,
    '',
    `Why it matters: ${check.rationale}`,
    `How it is verified: ${check.method}`,
    `Remediation: ${check.remediation}`,
    '',
    'Mappings:',
    ...check.mappings.map((m) => `  ${m.framework.padEnd(24)} ${m.id}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}
