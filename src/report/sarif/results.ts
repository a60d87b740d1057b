/**
 * SARIF results: one per broken boundary verdict, one per other unmet expectation, one per admission
 * regression; per distinct outcome of a scenario, with its nodes listed, never one per node.
 */
import { createHash } from 'node:crypto';
import type { BoundaryId } from '../../../probes/model.js';
import type { Report, ScenarioReport } from '../../model/report.js';
import { brokenBoundariesOf, scenarioLabel, unmetOtherThanBroken } from '../findings.js';
import { outcomeLabel, type GroupedFinding } from '../grouped-findings.js';
import { scenarioGroups, type Outcome, type ScenarioGroup } from '../groups.js';
import { admissionRegressed } from '../../run/baseline.js';
import type { ExitPolicy } from '../../run/exit-code.js';
import { LEVEL_BY_SEVERITY, RULE_ADMISSION_REGRESSION, RULE_UNMET } from './rules.js';
import { unmetSubject } from '../../run/expectations.js';

type Json = Record<string, unknown>;

/** Base id for scenario locations when the report does not name the suite file. */
export const SCENARIO_URI_BASE = 'ESCAPEKIT_SCENARIO';

/** The suite file of a scenario, when the report carries one (a relative path). */
function suiteFileOf(s: ScenarioReport): string | undefined {
  const file = s.suiteFile;
  return typeof file === 'string' && file && !file.startsWith('/') ? file.split('\\').join('/') : undefined;
}

/** Where a result is: the scenario as a logical location, and the suite file (or the scenario id under its own base). */
export function scenarioLocation(s: ScenarioReport, nodes?: { group: ScenarioGroup; outcome: Outcome }): Json {
  const file = suiteFileOf(s);
  const label = nodes ? findingSubject(nodes.group, nodes.outcome) : scenarioLabel(s);
  const artifactLocation = file ? { uri: file, uriBaseId: '%SRCROOT%' } : { uri: encodeURI(nodes && nodes.group.results.length > 1 ? `${s.suite}/${s.name}` : scenarioLabel(s)), uriBaseId: SCENARIO_URI_BASE };
  const name = nodes && nodes.group.results.length > 1 ? s.name : `${s.name}${s.node ? `@${s.node}` : ''}`;
  return {
    physicalLocation: { artifactLocation },
    logicalLocations: [{ name, fullyQualifiedName: label, kind: 'resource' }],
  };
}

/** The stable id of what a result is about: `suite/name[@node]` for one result, `suite/name` for all nodes, `suite/name@a,b,c` for some. */
function findingSubject(g: ScenarioGroup, o: Outcome): string {
  if (g.results.length === 1) return scenarioLabel(g.first);
  if (o.results.length === g.results.length) return `${g.suite}/${g.name}`;
  return `${g.suite}/${g.name}@${[...o.nodes].sort().join(',')}`;
}

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

function scenarioProps(g: ScenarioGroup, o: Outcome): Json {
  const s = o.first;
  if (g.results.length === 1) return { suite: s.suite, scenario: s.name, ...(s.node ? { node: s.node } : {}) };
  return { suite: s.suite, scenario: s.name, nodes: o.nodes, nodeCount: o.results.length, scenarioNodes: g.results.length };
}

function brokenResult(f: GroupedFinding, index: Map<string, number>): Json {
  const primary = f.checks[0];
  const ruleId = primary && index.has(primary.id) ? primary.id : RULE_UNMET;
  const label = outcomeLabel(f.group, f.outcome);
  const others = f.checks.slice(1).map((c) => c.id);
  const why = primary ? `${primary.id}: ${primary.summary}${others.length ? `; also broken: ${others.join(', ')}` : ''}` : f.scenario.boundaryReasons?.[f.boundary] ?? 'no deciding check recorded';
  const expectation = f.expected === 'broken' ? 'expected broken by the suite' : f.expected === 'holds' ? 'the suite expects it to hold: expectation unmet' : 'the suite has no expectation for it';
  const accepted = f.expected === 'broken' && !f.regression;
  const level = f.unmet || f.regression ? 'error' : accepted ? 'note' : LEVEL_BY_SEVERITY[f.severity];
  return {
    ruleId,
    ruleIndex: index.get(ruleId),
    kind: 'fail',
    level,
    message: { text: `${f.regression ? 'REGRESSION: ' : ''}${label}: boundary ${f.boundary} is broken (${why}); ${expectation}.` },
    locations: [scenarioLocation(f.scenario, f)],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(findingSubject(f.group, f.outcome), f.boundary, ruleId) },
    ...(accepted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: 'The suite expects this boundary broken (a positive control or an accepted risk).' }] } : {}),
    properties: { ...scenarioProps(f.group, f.outcome), boundary: f.boundary, status: 'broken', severity: f.severity, expected: f.expected ?? null, unexpected: f.unexpected, unmet: f.unmet, regression: f.regression, checks: f.checks.map((c) => c.id) },
  };
}

function unmetResult(g: ScenarioGroup, o: Outcome, line: string, policy: ExitPolicy, index: Map<string, number>): Json {
  const s = o.first;
  const boundary = unmetSubject(line);
  const status = s.boundaries[boundary as BoundaryId];
  const tolerated = status === 'inconclusive' && policy.inconclusive === 'pass';
  return {
    ruleId: RULE_UNMET,
    ruleIndex: index.get(RULE_UNMET),
    kind: 'fail',
    level: tolerated ? 'warning' : 'error',
    message: { text: `${outcomeLabel(g, o)}: ${line}${status === 'holds' && s.expected?.broken.includes(boundary) ? ' - the positive control was not detected: the kit may be blind on this target' : ''}.` },
    locations: [scenarioLocation(s, { group: g, outcome: o })],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(findingSubject(g, o), boundary, RULE_UNMET) },
    properties: { ...scenarioProps(g, o), boundary, ...(status ? { status } : {}), unmet: true, ...(s.admissionMessage ? { admissionMessage: s.admissionMessage } : {}) },
  };
}

function admissionResult(g: ScenarioGroup, o: Outcome, index: Map<string, number>): Json {
  return {
    ruleId: RULE_ADMISSION_REGRESSION,
    ruleIndex: index.get(RULE_ADMISSION_REGRESSION),
    kind: 'fail',
    level: 'error',
    message: { text: `REGRESSION: ${outcomeLabel(g, o)}: admission was denied in the baseline, now allowed.` },
    locations: [scenarioLocation(o.first, { group: g, outcome: o })],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(findingSubject(g, o), 'admission', RULE_ADMISSION_REGRESSION) },
    properties: { ...scenarioProps(g, o), regression: true },
  };
}

/** All results of the report, in report order: one per distinct finding. */
export function sarifResults(report: Report, policy: ExitPolicy, index: Map<string, number>): Json[] {
  const results: Json[] = [];
  for (const group of scenarioGroups(report)) {
    for (const outcome of group.outcomes) {
      const s = outcome.first;
      for (const f of brokenBoundariesOf(report, s)) results.push(brokenResult({ ...f, group, outcome }, index));
      if (!s.error) for (const line of unmetOtherThanBroken(s)) results.push(unmetResult(group, outcome, line, policy, index));
      if (admissionRegressed(report, s)) results.push(admissionResult(group, outcome, index));
    }
  }
  return results;
}

/** Scenario errors as tool execution notifications, one per distinct outcome. */
export function errorNotifications(report: Report): Json[] {
  return scenarioGroups(report).flatMap((group) =>
    group.outcomes.filter((o) => o.first.error).map((outcome) => ({ level: 'error', message: { text: `${outcomeLabel(group, outcome)}: ${outcome.first.error}` }, locations: [scenarioLocation(outcome.first, { group, outcome })] })),
  );
}
