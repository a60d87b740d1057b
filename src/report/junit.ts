/**
 * JUnit XML (Apache Ant schema): one testsuite per suite, one testcase per scenario, or per
 * distinct outcome when its nodes disagree (never one per node).
 * An unmet expectation is a failure carrying the rationale and remediation of what broke.
 */
import type { Report, ScenarioReport } from '../model/report.js';
import { explainUnmet } from './explain-unmet.js';
import { xmlEscape as x } from './xml.js';
import { scenarioKey } from '../run/baseline.js';
import { nodeNames, outcomeWhere, scenarioGroups, type Outcome, type ScenarioGroup } from './groups.js';

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);
/** The schema wants local date-time without zone or fraction. */
const stamp = (iso: string) => iso.replace(/\.\d+Z$|Z$/, '');

/** Baseline regressions of one scenario (boundary or admission). */
function regressionsOf(report: Report, s: ScenarioReport): string[] {
  const key = scenarioKey(s);
  return (report.baseline?.regressions ?? []).filter((r) => r.startsWith(`${key} `) || r.startsWith(`${key}:`));
}

/** `name`, `name @node`, `name @all 100 nodes` or `name @3 of 100 nodes: a, b, c`. */
function caseName(g: ScenarioGroup, o: Outcome): string {
  if (g.results.length === 1) return `${g.name}${g.first.node ? ` @${g.first.node}` : ''}`;
  return `${g.name} @${outcomeWhere(g, o, 5).replace(/^on /, '')}`;
}

function testcase(report: Report, g: ScenarioGroup, o: Outcome): string {
  const s = o.first;
  const time = Math.max(...o.results.map((r) => r.durationMs ?? 0));
  const open = `    <testcase name="${x(caseName(g, o))}" classname="${x(`escapekit.${s.suite}`)}" time="${seconds(time)}">`;
  const others = o.results.length > 1 ? [`(the same on ${o.results.length} nodes: ${nodeNames(o.nodes, 20)})`] : [];
  if (s.error) return `${open}\n      <error message="${x(s.error)}" type="run-error">${x([s.error, ...others].join('\n'))}</error>\n    </testcase>`;
  const regressions = regressionsOf(report, s).map((r) => `regression: ${r}`);
  if (!s.expectation.met) {
    const body = [...s.expectation.unmet, ...regressions, ...others, '', ...explainUnmet(s), ...(s.admissionMessage ? [`admission message: ${s.admissionMessage}`] : [])].join('\n');
    return `${open}\n      <failure message="${x(s.expectation.unmet[0] ?? 'expectation unmet')}" type="unmet-expectation">${x(body)}</failure>\n    </testcase>`;
  }
  if (regressions.length) {
    const body = [...regressions, ...others, `baseline: ${report.baseline?.file ?? ''}`].join('\n');
    return `${open}\n      <failure message="${x(regressions[0])}" type="regression">${x(body)}</failure>\n    </testcase>`;
  }
  return `${open}</testcase>`;
}

/** Renders the report as JUnit XML. */
export function renderJunit(report: Report): string {
  const groups = scenarioGroups(report);
  const suites = [...new Set(groups.map((g) => g.suite))];
  const host = typeof report.target.host === 'string' ? report.target.host : 'localhost';
  const body = suites.map((suite, id) => {
    const cases = groups.filter((g) => g.suite === suite).flatMap((g) => g.outcomes.map((o) => ({ g, o, s: o.first })));
    const errors = cases.filter(({ s }) => s.error).length;
    const failures = cases.filter(({ s }) => !s.error && (!s.expectation.met || regressionsOf(report, s).length > 0)).length;
    const props = [['runId', report.runId], ['target', report.target.kind], ['engine', String(report.target.engine ?? report.target.kubernetesVersion ?? '')], ['tool', `escapekit ${report.tool.version}`]];
    const time = cases.reduce((a, { o }) => a + Math.max(...o.results.map((r) => r.durationMs ?? 0)), 0);
    return [
      `  <testsuite package="escapekit" id="${id}" name="${x(suite)}" timestamp="${stamp(report.startedAt)}" hostname="${x(host)}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="${seconds(time)}">`,
      '    <properties>',
      ...props.map(([n, v]) => `      <property name="${x(n)}" value="${x(v)}"/>`),
      '    </properties>',
      ...cases.map(({ g, o }) => testcase(report, g, o)),
      '    <system-out></system-out>',
      '    <system-err></system-err>',
      '  </testsuite>',
    ].join('\n');
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n${body.join('\n')}\n</testsuites>\n`;
}
