/**
 * Synthesizes a large per-node report from a real run's results (for the report-scale benchmark
 * and tests): every scenario of the run on N nodes named node-0001..; one node in 33 shows a
 * boundary broken that holds elsewhere (same verdict and summary on each, evidence naming the node),
 * and the nodes run three kernel releases, as a real fleet would.
 */
import type { BoundaryId } from '../probes/model.js';
import type { CheckReport, Report, ScenarioReport } from '../src/model/report.js';

/** The name of synthetic node `i`. */
export const nodeName = (i: number, width = 4): string => `node-${String(i + 1).padStart(width, '0')}`;

/** Every `DIFFERING_EVERY`-th node differs from the others in one scenario. */
export const DIFFERING_EVERY = 33;

/** The same result, but boundary `b` broken on this node (its deciding checks broken, the expectation judged again). */
function breakOn(s: ScenarioReport, b: BoundaryId, node: string): ScenarioReport {
  const checks = s.checks.map((c) => (c.boundary === b && !c.advisory && c.status === 'holds' ? { ...c, status: 'broken' as const, summary: `synthetic difference: ${c.summary}`, evidence: { ...(c.evidence ?? {}), syntheticNode: node } } : c));
  const expectedHolds = s.expected?.holds.includes(b) || s.expected?.holds.includes('*');
  const unmet = expectedHolds ? [...s.expectation.unmet, `${b}: expected holds, got broken (synthetic difference)`] : s.expectation.unmet;
  return { ...s, checks, boundaries: { ...s.boundaries, [b]: 'broken' }, boundaryReasons: { ...s.boundaryReasons, [b]: 'synthetic difference' }, expectation: { met: unmet.length === 0 && !s.error, unmet } };
}

/**
 * What names a pod in real evidence and summaries: namespace inodes, pod hostnames, container
 * ids, pod UIDs in cgroup paths, veth names. Two runs of the same suite on the same node differ
 * in these (measured: about a quarter of evidence documents, an eighth of summaries).
 */
const POD_TOKENS = /\[40265\d{5}\]|\bek-[a-z0-9-]+-[a-z0-9]{6}\b|\b[0-9a-f]{64}\b|\bpod[0-9a-f]{8}-[0-9a-f-]{27}|\bveth[0-9a-f]{7,8}\b/g;

/** The node's own version of a text: each pod token's last characters but one replaced by the node's tag. */
function onNode(text: string, i: number): string {
  const tag = i.toString(36).padStart(4, '0').slice(-4);
  return text.replace(POD_TOKENS, (m) => `${m.slice(0, m.length - 5)}${tag}${m.slice(-1)}`);
}

/** The result as another node would report it: every check, reason and unmet line naming the pod gets this node's names. */
function podVariant(s: ScenarioReport, i: number): ScenarioReport {
  const checks = s.checks.map((c) => {
    const text = JSON.stringify({ summary: c.summary, evidence: c.evidence });
    POD_TOKENS.lastIndex = 0;
    if (!POD_TOKENS.test(text)) return c;
    const varied = JSON.parse(onNode(text, i)) as Pick<CheckReport, 'summary' | 'evidence'>;
    return { ...c, ...varied };
  });
  const reasons = s.boundaryReasons && (JSON.parse(onNode(JSON.stringify(s.boundaryReasons), i)) as ScenarioReport['boundaryReasons']);
  return { ...s, checks, ...(reasons ? { boundaryReasons: reasons } : {}), expectation: { met: s.expectation.met, unmet: s.expectation.unmet.map((u) => onNode(u, i)) } };
}

/** A report of `results` scenario results (rounded up to whole nodes) built from `real`'s scenarios; `podNames` gives each node its own pod names, namespace inodes and container ids. */
export function synthesizeNodes(real: Report, results: number, podNames = false): Report {
  const seen = new Set<string>();
  const base = real.scenarios.filter((s) => {
    const key = `${s.suite}/${s.name}`;
    return !seen.has(key) && seen.add(key);
  });
  const nodes = Math.ceil(results / base.length);
  // The scenario and boundary that differ: the first admitted scenario with a boundary that holds.
  const target = base.find((s) => s.admission === 'allowed' && !s.error && Object.values(s.boundaries).includes('holds'));
  const boundary = target && (Object.entries(target.boundaries).find(([, v]) => v === 'holds')![0] as BoundaryId);
  const kernels = ['6.1.0-41-amd64', '6.1.0-40-amd64', '6.12.9-amd64'];
  const envs = base.map((s) => kernels.map((k) => (s.environment ? { ...s.environment, kernelRelease: k } : undefined)));
  const scenarios: ScenarioReport[] = [];
  for (let i = 0; i < nodes; i++) {
    const node = nodeName(i);
    base.forEach((s, k) => {
      const env = envs[k][i % kernels.length];
      let r: ScenarioReport = { ...(podNames ? podVariant(s, i) : s), node, durationMs: Math.round((s.durationMs ?? 1000) * (0.8 + ((i * 7919 + k) % 40) / 100)), ...(env ? { environment: env } : {}) };
      if (s === target && boundary && i % DIFFERING_EVERY === DIFFERING_EVERY - 1) r = breakOn(r, boundary, node);
      scenarios.push(r);
    });
  }
  const errors = scenarios.filter((s) => s.error).length;
  const met = scenarios.filter((s) => s.expectation.met).length;
  return {
    ...real,
    schemaVersion: 2,
    target: { ...real.target, nodes: Array.from({ length: nodes }, (_, i) => nodeName(i)), note: `synthesized: ${base.length} scenarios of run ${real.runId} on ${nodes} nodes` },
    scenarios,
    summary: { scenarios: scenarios.length, met, unmet: scenarios.length - met - errors, errors },
  };
}
