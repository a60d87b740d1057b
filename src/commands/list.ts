/** `escapekit list checks|suites|boundaries [--json]`. */
import { CHECKS } from '../../probes/index.js';
import { BOUNDARY_IDS } from '../../probes/model.js';
import { parse } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { BOUNDARY_DESCRIPTIONS } from '../boundaries.js';
import { loadSuiteFile } from '../suite/load.js';
import { resolveSuite, shippedSuiteNames } from '../suite/resolve.js';

function rows(kind: string): Array<Record<string, unknown>> {
  switch (kind) {
    case 'checks':
      return CHECKS.map((c) => ({ id: c.id, boundary: c.boundary, title: c.title, severity: c.severity, safety: c.safety, mappings: c.mappings, targets: c.targets, ...(c.advisory ? { advisory: true } : {}), ...(c.optIn ? { optIn: c.optIn } : {}) }));
    case 'boundaries':
      return BOUNDARY_IDS.map((id) => ({ id, description: BOUNDARY_DESCRIPTIONS[id].description, targets: BOUNDARY_DESCRIPTIONS[id].targets, checks: CHECKS.filter((c) => c.boundary === id).length }));
    case 'suites':
      return shippedSuiteNames().map((name) => {
        const suite = loadSuiteFile(resolveSuite(name));
        return { name, target: suite.target, scenarios: suite.scenarios.length, description: suite.description ?? '' };
      });
    default:
      throw new UsageError(`list: expected checks, suites or boundaries, got '${terminalSafe(kind.slice(0, 40))}'`);
  }
}

function text(kind: string, items: Array<Record<string, unknown>>): string {
  if (kind === 'checks') return items.map((c) => `${String(c.id).padEnd(34)} ${String(c.boundary).padEnd(18)} ${String(c.severity).padEnd(8)} ${String(c.safety).padEnd(7)} ${c.title}`).join('\n');
  if (kind === 'boundaries') return items.map((b) => `${String(b.id).padEnd(18)} ${String(b.checks).padStart(2)} checks  ${b.description}`).join('\n');
  return items.map((s) => `${String(s.name).padEnd(22)} ${String(s.target).padEnd(10)} ${String(s.scenarios).padStart(3)} scenarios  ${s.description}`).join('\n');
}

/** Prints the list; returns the exit code. */
export async function listCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { json: { type: 'boolean' } }, 'list');
  if (positionals.length !== 1) throw new UsageError('list: expected one of checks, suites, boundaries');
  const items = rows(positionals[0]);
  process.stdout.write(values.json ? `${JSON.stringify(items, null, 2)}\n` : `${text(positionals[0], items)}\n`);
  return 0;
}
