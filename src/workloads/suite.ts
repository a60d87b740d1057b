/** Derived scenarios -> a suite the runner executes like any other, remembering where each came from. */
import { UsageError } from '../errors.js';
import type { Suite, SuiteTarget } from '../suite/types.js';
import { relocateProbePaths } from './probe-paths.js';
import { expectationFor, type ExpectLevel } from './expect.js';
import type { DerivedScenario } from './types.js';

/** Source kinds, each a suite of its own in the report. */
export type WorkloadSource = 'from-manifest' | 'from-cluster' | 'from-container' | 'from-compose';

/** A suite of derived scenarios plus the derivation details, by scenario name. */
export interface DerivedSuite {
  suite: Suite;
  derived: Map<string, DerivedScenario>;
}

/** Builds the suite for one source; `origin` names the input (file, namespace, containers). */
export function derivedSuite(source: WorkloadSource, origin: string, target: SuiteTarget, scenarios: DerivedScenario[], level: ExpectLevel): DerivedSuite {
  const seen = new Set<string>();
  for (const s of scenarios) {
    relocateProbePaths(s);
    if (seen.has(s.name)) throw new UsageError(`--${source}: ${s.name} given twice`);
    seen.add(s.name);
  }
  const suite: Suite = {
    name: source,
    description: `Postures derived from ${origin}; expectation: ${level}`,
    target,
    scenarios: scenarios.map((s) => ({ name: s.name, posture: s.posture, expect: expectationFor(level), location: origin })),
    file: origin,
  };
  return { suite, derived: new Map(scenarios.map((s) => [s.name, s])) };
}
