/**
 * Per-node results grouped for human reports: one group per scenario (suite/name), and inside it
 * the distinct outcomes (nodes that showed the same verdicts), largest first. A node in any outcome but the first differs from the majority.
 */
import { BOUNDARY_IDS, type BoundaryId, type Status } from '../../probes/model.js';
import type { Report, ScenarioReport } from '../model/report.js';
import { scenarioKey } from '../run/baseline.js';
import { unmetSubject } from '../run/expectations.js';

/** Scenario results that showed the same thing on different nodes. */
export interface Outcome {
  /** Index within its group (0 = the majority). */
  index: number;
  results: ScenarioReport[];
  /** Node names, in report order ('' for a result without a node). */
  nodes: string[];
  /** The result rendered for all of them. */
  first: ScenarioReport;
}

/** Every result of one scenario. */
export interface ScenarioGroup {
  index: number;
  suite: string;
  name: string;
  results: ScenarioReport[];
  nodes: string[];
  outcomes: Outcome[];
  first: ScenarioReport;
}

/** The distinct texts of one field across an outcome's results (error, admission message), each with its node count, most first. */
export function distinctTexts(o: Outcome, pick: (s: ScenarioReport) => string | undefined): Array<{ text: string; count: number }> {
  const by = new Map<string, number>();
  for (const r of o.results) {
    const text = pick(r);
    if (text !== undefined) by.set(text, (by.get(text) ?? 0) + 1);
  }
  return [...by].map(([text, count]) => ({ text, count })).sort((a, b) => b.count - a.count);
}

/** Where nodes disagree on one boundary: each verdict with its nodes, most nodes first. */
export type BoundarySplit = Array<{ status: Status; nodes: string[] }>;

const groupsOf = new WeakMap<Report, ScenarioGroup[]>();

/** Regressed boundaries (and 'admission') per scenario key, from the report's baseline comparison. */
function regressionIndex(report: Report): Map<string, string[]> {
  const index = new Map<string, string[]>();
  const admission = ': admission was denied, now allowed';
  for (const r of report.baseline?.regressions ?? []) {
    const m = r.endsWith(admission) ? [r, r.slice(0, -admission.length), 'admission'] : /^(\S+) (\S+): /.exec(r);
    if (m) index.set(m[1], [...(index.get(m[1]) ?? []), m[2]]);
  }
  return index;
}

/**
 * What makes two results of one scenario the same outcome for a reader: admission, whether it
 * errored, every check's and boundary's verdict, which expectations were unmet, regressions.
 * Not summaries, messages or evidence: they name the pod, its namespaces and containers, which
 * differ on every node. Parts are numbered once per shared object, so interned results cost little.
 */
function outcomeKeyer(): (s: ScenarioReport, regressed: string[] | undefined) => string {
  const ids = new Map<string, number>();
  const byObject = new WeakMap<object, number>();
  const idOf = (part: object, text: () => string) => {
    let id = byObject.get(part);
    if (id === undefined) {
      const t = text();
      id = ids.get(t);
      if (id === undefined) ids.set(t, (id = ids.size));
      byObject.set(part, id);
    }
    return id;
  };
  return (s, regressed) => {
    const checks = idOf(s.checks, () => JSON.stringify(s.checks.map((c) => [c.id, c.status])));
    const boundaries = idOf(s.boundaries, () => JSON.stringify(BOUNDARY_IDS.map((b) => s.boundaries[b] ?? '')));
    const expectation = idOf(s.expectation, () => JSON.stringify([s.expectation.met, s.expectation.unmet.map(unmetSubject)]));
    return JSON.stringify([s.admission, s.error === undefined, checks, boundaries, expectation, regressed ?? []]);
  };
}

/** The report's scenarios grouped by suite/name, in first-seen order (computed once per report object). */
export function scenarioGroups(report: Report): ScenarioGroup[] {
  const cached = groupsOf.get(report);
  if (cached) return cached;
  const regressions = regressionIndex(report);
  const outcomeKey = outcomeKeyer();
  const bySuiteName = new Map<string, { results: ScenarioReport[]; outcomes: Map<string, ScenarioReport[]> }>();
  for (const s of report.scenarios) {
    const id = `${s.suite}\u0000${s.name}`;
    let g = bySuiteName.get(id);
    if (!g) bySuiteName.set(id, (g = { results: [], outcomes: new Map() }));
    g.results.push(s);
    const key = outcomeKey(s, regressions.size ? regressions.get(scenarioKey(s)) : undefined);
    const list = g.outcomes.get(key);
    if (list) list.push(s);
    else g.outcomes.set(key, [s]);
  }
  const groups = [...bySuiteName.values()].map((g, index): ScenarioGroup => {
    const outcomes = [...g.outcomes.values()]
      .sort((a, b) => b.length - a.length)
      .map((results, i): Outcome => ({ index: i, results, nodes: results.map((r) => r.node ?? ''), first: results[0] }));
    return { index, suite: g.results[0].suite, name: g.results[0].name, results: g.results, nodes: g.results.map((r) => r.node ?? ''), outcomes, first: g.results[0] };
  });
  groupsOf.set(report, groups);
  return groups;
}

/** Whether the group ran on several nodes. */
export const multiNode = (g: ScenarioGroup): boolean => g.results.length > 1;

/** The verdicts of boundary `b` across the group's nodes: one entry when all agree. */
export function boundarySplit(g: ScenarioGroup, b: BoundaryId): BoundarySplit {
  const by = new Map<Status, string[]>();
  for (const o of g.outcomes) {
    const status = o.first.admission === 'denied' ? undefined : (o.first.boundaries[b] ?? 'not-applicable');
    if (status === undefined) continue;
    by.set(status, [...(by.get(status) ?? []), ...o.nodes]);
  }
  return [...by].map(([status, nodes]) => ({ status, nodes })).sort((a, b) => b.nodes.length - a.nodes.length);
}

/** A list of node names, the first `max` spelled out: `a, b, c and 94 more`. */
export function nodeNames(nodes: readonly string[], max = 8): string {
  const named = nodes.filter(Boolean);
  if (named.length <= max) return named.join(', ');
  return `${named.slice(0, max).join(', ')} and ${named.length - max} more`;
}

/** `suite/name`, or `suite/name@node` when the scenario ran on one named node. */
export function groupLabel(g: ScenarioGroup): string {
  return g.results.length === 1 ? scenarioKey(g.first) : `${g.suite}/${g.name}`;
}

/** Where an outcome ran: `on node-a`, `on all 100 nodes`, `on 3 of 100 nodes: a, b, c`; empty for a single result without node. */
export function outcomeWhere(g: ScenarioGroup, o: Outcome, max = 8): string {
  if (g.results.length === 1) return g.first.node ? `on ${g.first.node}` : '';
  if (o.results.length === g.results.length) return `on all ${g.results.length} nodes`;
  return `on ${o.results.length} of ${g.results.length} nodes: ${nodeNames(o.nodes, max)}`;
}

/** A group's expectation: `met`, `unmet` or `error` on every node, or `mixed` with the text naming how many missed it. */
export function groupExpectation(g: ScenarioGroup): { kind: 'met' | 'unmet' | 'error' } | { kind: 'mixed'; text: string } {
  const total = g.results.length;
  const errors = g.results.filter((s) => s.error).length;
  const unmet = g.results.filter((s) => !s.error && !s.expectation.met).length;
  if (errors === total) return { kind: 'error' };
  if (unmet === total) return { kind: 'unmet' };
  if (errors + unmet === 0) return { kind: 'met' };
  return { kind: 'mixed', text: [unmet ? `UNMET on ${unmet}/${total}` : '', errors ? `error on ${errors}/${total}` : ''].filter(Boolean).join(', ') };
}
