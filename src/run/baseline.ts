/** Regression gate: compares this run with a baseline report, boundary by boundary and node by node. */
import { UsageError } from '../errors.js';
import { readInputText } from '../io/safe-read.js';
import { terminalSafe } from '../io/terminal-safe.js';
import type { Report, ScenarioReport } from '../model/report.js';

/** A baseline report read from disk, with the file it came from. */
export interface Baseline {
  file: string;
  report: Report;
}

/** `suite/name` or `suite/name@node`: how a scenario is matched across runs. */
export function scenarioKey(s: Pick<ScenarioReport, 'suite' | 'name' | 'node'>): string {
  return `${s.suite}/${s.name}${s.node ? `@${s.node}` : ''}`;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Largest baseline report accepted (a report of thousands of scenarios stays far below). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** Reads and shape-checks a baseline report; bad input is a usage error (exit 2), never a crash. */
export function loadBaseline(file: string): Baseline {
  const text = readInputText(file, { maxBytes: MAX_BASELINE_BYTES, what: '--baseline' });
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new UsageError(`${terminalSafe(`--baseline ${file}`)}: not a JSON report`); // the parser's message would quote the content
  }
  if (!isRecord(parsed) || parsed.schemaVersion !== 1 || !Array.isArray(parsed.scenarios)) {
    throw new UsageError(`--baseline ${file}: not an escapekit report (schemaVersion 1)`);
  }
  parsed.scenarios.forEach((s: unknown, i) => {
    if (!isRecord(s) || typeof s.suite !== 'string' || typeof s.name !== 'string' || !isRecord(s.boundaries) || (s.node !== undefined && typeof s.node !== 'string')) {
      throw new UsageError(`--baseline ${file}: scenarios[${i}] is not a scenario report (suite, name, boundaries)`);
    }
  });
  return { file, report: parsed as unknown as Report };
}

/** Adds `report.baseline`: boundaries that held in the baseline and are broken now (regressions), and the reverse (fixed). */
export function compareWithBaseline(report: Report, baseline: Baseline): void {
  const before = new Map(baseline.report.scenarios.map((s) => [scenarioKey(s), s]));
  const regressions: string[] = [];
  const fixed: string[] = [];
  for (const s of report.scenarios) {
    const prev = before.get(scenarioKey(s));
    if (!prev) continue;
    if (prev.admission === 'denied' && s.admission === 'allowed') regressions.push(`${scenarioKey(s)}: admission was denied, now allowed`);
    for (const [b, status] of Object.entries(s.boundaries)) {
      const was = (prev.boundaries as Record<string, string>)[b];
      if (was === 'holds' && status === 'broken') regressions.push(`${scenarioKey(s)} ${b}: held in the baseline, broken now`);
      if (was === 'broken' && status === 'holds') fixed.push(`${scenarioKey(s)} ${b}: broken in the baseline, holds now`);
    }
  }
  report.baseline = { file: baseline.file, regressions, fixed };
}

/** Whether boundary `b` of scenario `s` regressed (held in the baseline, broken now). */
export function isRegression(report: Report, s: ScenarioReport, b: string): boolean {
  const prefix = `${scenarioKey(s)} ${b}:`;
  return report.baseline?.regressions.some((r) => r.startsWith(prefix)) ?? false;
}

/** Whether scenario `s` was denied admission in the baseline and is admitted now. */
export function admissionRegressed(report: Report, s: ScenarioReport): boolean {
  return report.baseline?.regressions.includes(`${scenarioKey(s)}: admission was denied, now allowed`) ?? false;
}

/** Whether boundary `b` of scenario `s` was broken in the baseline and holds now. */
export function isFixed(report: Report, s: ScenarioReport, b: string): boolean {
  const prefix = `${scenarioKey(s)} ${b}:`;
  return report.baseline?.fixed.some((r) => r.startsWith(prefix)) ?? false;
}
