/** Runs planned scenarios on a target concurrently and assembles the canonical report. */
import { CHECKS } from '../../probes/index.js';
import { UsageError } from '../errors.js';
import type { Report, ScenarioReport } from '../model/report.js';
import type { Suite } from '../suite/types.js';
import type { PlannedScenario, Target } from '../targets/types.js';
import { ResultTable } from '../model/result-table.js';
import { mapPool } from './pool.js';
import { scenarioReport } from './scenario-report.js';
import { toolVersion } from '../version.js';

/** Progress callbacks, used by the console reporter for live output. */
export interface RunEvents {
  scenarioDone?(report: ScenarioReport, done: number, total: number): void;
}

/** What a run needs. */
export interface RunPlan {
  runId: string;
  suites: Suite[];
  target: Target;
  concurrency: number;
  /** Opt-in network checks were enabled (the runner, not the probe, decides what applies). */
  network: boolean;
  events?: RunEvents;
}

/** Refuses suites written for another platform than the target's. */
export function planScenarios(suites: Suite[], target: Target): PlannedScenario[] {
  for (const s of suites) {
    if (s.target !== 'any' && s.target !== target.kind) throw new UsageError(`suite '${s.name}' (${s.file}) is for target ${s.target}, not ${target.kind}`);
  }
  const names = new Set<string>();
  for (const s of suites) {
    if (names.has(s.name)) throw new UsageError(`suite '${s.name}' given twice`);
    names.add(s.name);
  }
  return suites.flatMap((suite) => suite.scenarios.map((scenario) => ({ suite, scenario })));
}

/** Executes a run; the target is always cleaned up, whatever happens. */
export async function executeRun(plan: RunPlan): Promise<Report> {
  const startedAt = new Date().toISOString();
  const planned = planScenarios(plan.suites, plan.target);
  try {
    await plan.target.prepare(planned);
    const target = await plan.target.describe();
    let done = 0;
    // Per-node runs multiply the scenarios (done never shows above total, whatever a target yields).
    let total = planned.length * (plan.target.probesPerScenario ?? 1);
    // Results are interned as they complete: nodes that saw the same thing share one copy, so memory stays flat with the node count.
    const table = new ResultTable();
    const perScenario = await mapPool(planned, plan.concurrency, async (p) => {
      const started = performance.now();
      const outcomes = await plan.target.run(p);
      const ms = Math.round(performance.now() - started);
      return outcomes.map((o) => {
        const report = table.add(scenarioReport(p, o, CHECKS, { target: plan.target.kind, network: plan.network }, ms)).scenario;
        total = Math.max(total, ++done);
        plan.events?.scenarioDone?.(report, done, total);
        return report;
      });
    });
    const scenarios = perScenario.flat();
    const errors = scenarios.filter((s) => s.error).length;
    const met = scenarios.filter((s) => s.expectation.met).length;
    return {
      schemaVersion: 2,
      tool: { name: 'escapekit', version: toolVersion() },
      runId: plan.runId,
      startedAt,
      finishedAt: new Date().toISOString(),
      target,
      scenarios,
      summary: { scenarios: scenarios.length, met, unmet: scenarios.length - met - errors, errors },
    };
  } finally {
    await plan.target.cleanup();
  }
}
