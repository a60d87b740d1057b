/** Regression gate: compares this run with a baseline report, boundary by boundary and node by node. */
import { readFileSync } from 'node:fs';
import { UsageError } from '../errors.js';
import type { Report } from '../report/model.js';

function loadBaseline(file: string): Report {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--baseline ${file}: cannot read a JSON report (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const r = parsed as Partial<Report>;
  if (r?.schemaVersion !== 1 || !Array.isArray(r.scenarios)) throw new UsageError(`--baseline ${file}: not an escapekit report (schemaVersion 1)`);
  return r as Report;
}

/** Adds `report.baseline`: boundaries that held in the baseline and are broken now, and the reverse. */
export function applyBaseline(report: Report, file: string): void {
  const old = loadBaseline(file);
  const key = (s: { suite: string; name: string; node?: string }) => `${s.suite}/${s.name}${s.node ? `@${s.node}` : ''}`;
  const before = new Map(old.scenarios.map((s) => [key(s), s]));
  const regressions: string[] = [];
  const fixed: string[] = [];
  for (const s of report.scenarios) {
    const prev = before.get(key(s));
    if (!prev) continue;
    if (prev.admission === 'denied' && s.admission === 'allowed') regressions.push(`${key(s)}: admission was denied, now allowed`);
    for (const [b, status] of Object.entries(s.boundaries)) {
      const was = (prev.boundaries as Record<string, string>)[b];
      if (was === 'holds' && status === 'broken') regressions.push(`${key(s)} ${b}: held in the baseline, broken now`);
      if (was === 'broken' && status === 'holds') fixed.push(`${key(s)} ${b}: broken in the baseline, holds now`);
    }
  }
  report.baseline = { file, regressions, fixed };
}
