/** Labels every object a run creates carries, so cleanup never depends on memory. */

/** The run-id label key (DESIGN.md contract). */
export const RUN_ID_LABEL = 'escapekit.io/run-id';
export const SUITE_LABEL = 'escapekit.io/suite';
export const SCENARIO_LABEL = 'escapekit.io/scenario';

/** Label selector for one run's objects, or for every run's when `runId` is absent. */
export function runSelector(runId?: string): string {
  return runId ? `${RUN_ID_LABEL}=${runId}` : RUN_ID_LABEL;
}

/** Labels of one probe. */
export function probeLabels(runId: string, suite: string, scenario: string): Record<string, string> {
  return { [RUN_ID_LABEL]: runId, [SUITE_LABEL]: suite, [SCENARIO_LABEL]: scenario };
}

/**
 * A name usable for containers, pods and label values: scenario names derived from workloads
 * (`Deployment/ns/name:container`) carry `/` and `:`, which no platform accepts in names.
 */
export function objectName(name: string, max: number): string {
  return name.toLowerCase().replace(/[^a-z0-9.-]+/g, '-').slice(0, max).replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'probe';
}

/** A new run id: time-ordered, short, valid as a label value and in object names. */
export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').toLowerCase();
  return `${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}
