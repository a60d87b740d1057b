/** SARIF results: one per broken boundary verdict, one per other unmet expectation, one per admission regression. */
import { createHash } from 'node:crypto';
import type { BoundaryId } from '../../../probes/model.js';
import type { Report, ScenarioReport } from '../../model/report.js';
import { brokenBoundaries, scenarioLabel, unmetOtherThanBroken, type BrokenBoundary } from '../findings.js';
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
export function scenarioLocation(s: ScenarioReport): Json {
  const file = suiteFileOf(s);
  const artifactLocation = file ? { uri: file, uriBaseId: '%SRCROOT%' } : { uri: encodeURI(scenarioLabel(s)), uriBaseId: SCENARIO_URI_BASE };
  return {
    physicalLocation: { artifactLocation },
    logicalLocations: [{ name: `${s.name}${s.node ? `@${s.node}` : ''}`, fullyQualifiedName: scenarioLabel(s), kind: 'resource' }],
  };
}

const fingerprint = (...parts: string[]) => createHash('sha256').update(parts.join('\u0000')).digest('hex');

function scenarioProps(s: ScenarioReport): Json {
  return { suite: s.suite, scenario: s.name, ...(s.node ? { node: s.node } : {}) };
}

function brokenResult(f: BrokenBoundary, index: Map<string, number>): Json {
  const primary = f.checks[0];
  const ruleId = primary && index.has(primary.id) ? primary.id : RULE_UNMET;
  const label = scenarioLabel(f.scenario);
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
    locations: [scenarioLocation(f.scenario)],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(label, f.boundary, ruleId) },
    ...(accepted ? { suppressions: [{ kind: 'external', status: 'accepted', justification: 'The suite expects this boundary broken (a positive control or an accepted risk).' }] } : {}),
    properties: { ...scenarioProps(f.scenario), boundary: f.boundary, status: 'broken', severity: f.severity, expected: f.expected ?? null, unexpected: f.unexpected, unmet: f.unmet, regression: f.regression, checks: f.checks.map((c) => c.id) },
  };
}

function unmetResult(s: ScenarioReport, line: string, policy: ExitPolicy, index: Map<string, number>): Json {
  const boundary = unmetSubject(line);
  const status = s.boundaries[boundary as BoundaryId];
  const tolerated = status === 'inconclusive' && policy.inconclusive === 'pass';
  return {
    ruleId: RULE_UNMET,
    ruleIndex: index.get(RULE_UNMET),
    kind: 'fail',
    level: tolerated ? 'warning' : 'error',
    message: { text: `${scenarioLabel(s)}: ${line}${status === 'holds' && s.expected?.broken.includes(boundary) ? ' - the positive control was not detected: the kit may be blind on this target' : ''}.` },
    locations: [scenarioLocation(s)],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(scenarioLabel(s), boundary, RULE_UNMET) },
    properties: { ...scenarioProps(s), boundary, ...(status ? { status } : {}), unmet: true, ...(s.admissionMessage ? { admissionMessage: s.admissionMessage } : {}) },
  };
}

function admissionResult(s: ScenarioReport, index: Map<string, number>): Json {
  return {
    ruleId: RULE_ADMISSION_REGRESSION,
    ruleIndex: index.get(RULE_ADMISSION_REGRESSION),
    kind: 'fail',
    level: 'error',
    message: { text: `REGRESSION: ${scenarioLabel(s)}: admission was denied in the baseline, now allowed.` },
    locations: [scenarioLocation(s)],
    partialFingerprints: { 'escapekitFinding/v1': fingerprint(scenarioLabel(s), 'admission', RULE_ADMISSION_REGRESSION) },
    properties: { ...scenarioProps(s), regression: true },
  };
}

/** All results of the report, in report order. */
export function sarifResults(report: Report, policy: ExitPolicy, index: Map<string, number>): Json[] {
  const broken = brokenBoundaries(report);
  const results: Json[] = [];
  for (const s of report.scenarios) {
    for (const f of broken.filter((x) => x.scenario === s)) results.push(brokenResult(f, index));
    if (!s.error) for (const line of unmetOtherThanBroken(s)) results.push(unmetResult(s, line, policy, index));
    if (admissionRegressed(report, s)) results.push(admissionResult(s, index));
  }
  return results;
}
