/** Run metadata for document reporters: labelled facts, the target fingerprint, the kind caveat, the outcome line. */
import type { Report, TargetReport } from '../model/report.js';
import { exitCodeFor, type ExitPolicy } from '../run/exit-code.js';
import { nodeNames, scenarioGroups } from './groups.js';

/** Node names spelled out in the run facts before "and N more". */
const SHOWN_NODES = 12;

const TARGET_LABELS: Array<[string, string]> = [
  ['engine', 'Engine'],
  ['kubernetesVersion', 'Kubernetes'],
  ['kernel', 'Kernel'],
  ['os', 'OS'],
  ['runtime', 'Container runtime'],
  ['defaultRuntime', 'Default runtime'],
  ['cgroupVersion', 'cgroup version'],
  ['context', 'Kube context'],
  ['kindCluster', 'kind cluster'],
  ['server', 'API server'],
  ['host', 'Host'],
  ['probeImage', 'Probe image'],
];

/** Text of a fingerprint value: strings as they are, everything else as compact JSON. */
export function factText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value) ?? String(value);
}

/** The main facts of a run as [label, value] pairs, for a metadata table. */
export function runFacts(report: Report): Array<[string, string]> {
  const t = report.target;
  const ms = Date.parse(report.finishedAt) - Date.parse(report.startedAt);
  const facts: Array<[string, string]> = [
    ['Run id', report.runId],
    ['Target', t.kind],
    ...TARGET_LABELS.filter(([key]) => t[key] !== undefined && t[key] !== null && t[key] !== '').map(([key, label]): [string, string] => [label, factText(t[key])]),
  ];
  if (typeof t.nodes === 'string') facts.push(['Nodes', t.nodes]); // e.g. not permitted to list them
  if (Array.isArray(t.nodes)) {
    const names = t.nodes.map((n) => (typeof n === 'string' ? n : factText((n as { name?: unknown }).name ?? n)));
    facts.push(['Nodes', names.length > SHOWN_NODES ? `${names.length} nodes: ${nodeNames(names, SHOWN_NODES)} (all in the target fingerprint)` : names.join(', ')]);
  }
  facts.push(['Started', report.startedAt], ['Finished', report.finishedAt]);
  if (Number.isFinite(ms)) facts.push(['Duration', `${(ms / 1000).toFixed(1)} s`]);
  facts.push(['Tool', `${report.tool.name} ${report.tool.version}`]);
  return facts;
}

/** Whether the target is a kind cluster (`kind: 'kind'`, or a Kubernetes fingerprint with `kindCluster`). */
export function isKindTarget(t: TargetReport): boolean {
  return t.kind === 'kind' || Boolean(t.kindCluster);
}

/** The caveat every kind report carries. */
export const KIND_NOTE = 'This target is a kind cluster: its nodes are containers. An escape lands on the kind node container, not the physical host; the host boundary is the node container\'s own isolation.';

/** Whether the run passes, and the one-line outcome with the exit code under the policy. */
export function outcome(report: Report, policy: ExitPolicy): { code: number; pass: boolean; text: string } {
  const code = exitCodeFor(report, policy);
  const { scenarios, met, unmet, errors } = report.summary;
  const word = code === 0 ? 'PASS' : code === 1 ? 'FAIL' : 'ERROR';
  const regressions = report.baseline ? `, ${report.baseline.regressions.length} regression(s)` : '';
  const groups = scenarioGroups(report);
  const perNode = groups.some((g) => g.results.length > 1) ? ` (${groups.length} scenarios on up to ${Math.max(...groups.map((g) => g.results.length))} nodes)` : '';
  return { code, pass: code === 0, text: `${word}: ${scenarios} scenario${perNode ? ' results' : 's'}${perNode}, ${met} met, ${unmet} unmet, ${errors} errors${regressions} (exit ${code} with --fail-on ${policy.failOn} --inconclusive ${policy.inconclusive})` };
}
