/** Regression gate: compares this run with a baseline report, boundary by boundary and node by node. */
import { readReportFile } from '../model/read-report.js';
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

/** Largest baseline report accepted (a report of thousands of scenarios stays far below). */
export const MAX_BASELINE_BYTES = 64 * 1024 * 1024;

/** Reads and shape-checks a baseline report (schemaVersion 1 or 2) with the safe reader; bad input is a usage error (exit 2), never a crash. */
export function loadBaseline(file: string): Baseline {
  return { file, report: readReportFile(file, '--baseline', MAX_BASELINE_BYTES) };
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
