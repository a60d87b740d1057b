/**
 * Reports for document-reporter tests, built on the sample report: a hostile probe's evidence,
 * a blind canary, an inconclusive verdict, an admission denial, a kind target, a baseline.
 */
import type { Report, ScenarioReport } from '../../src/model/report.js';
import { sampleReport, scenarioFixture } from './sample-report.js';

/** Text a hostile probe might print, aimed at every renderer. */
export const HOSTILE = '<script>window.__pwned=1</script><img src=x onerror="window.__pwned=2"> | `` ``` ** [x](javascript:alert(1)) &amp; </pre></details>';

const scenario = (over: Partial<ScenarioReport>): ScenarioReport => scenarioFixture({ durationMs: 300, ...over });

/** Sample report plus hostile, blind, inconclusive and denied scenarios; `kind` makes the target a kind cluster. */
export function richReport(options: { kind?: boolean; withError?: boolean } = {}): Report {
  const r = sampleReport();
  if (!options.withError) r.scenarios = r.scenarios.filter((s) => !s.error);
  if (options.kind) r.target = { kind: 'kind', kubernetesVersion: 'v1.31.0', kindCluster: 'escapekit', nodes: [{ name: 'escapekit-control-plane' }], kernel: '6.1.0' };
  r.scenarios.push(
    scenario({
      name: 'hostile',
      description: HOSTILE,
      posture: { hostPID: true },
      checks: [{ id: 'host-pid-namespace', boundary: 'host-pid', status: 'broken', summary: `pid 1 is ${HOSTILE}`, evidence: { pid1Cmdline: HOSTILE, [HOSTILE]: [HOSTILE] }, durationMs: 2 }],
      boundaries: { 'host-pid': 'broken' },
      boundaryReasons: { 'host-pid': `host-pid-namespace: ${HOSTILE}` },
      expected: { broken: ['host-pid'], holds: [], admission: 'allowed' },
    }),
    scenario({
      name: 'blind-canary',
      checks: [{ id: 'host-pid-namespace', boundary: 'host-pid', status: 'holds', summary: 'own PID namespace', evidence: { pidNamespace: 'pid:[4026532259]' }, durationMs: 2 }],
      boundaries: { 'host-pid': 'holds' },
      expected: { broken: ['host-pid'], holds: [], admission: 'allowed' },
      expectation: { met: false, unmet: ['host-pid: expected broken, got holds (host-pid-namespace: own PID namespace)'] },
    }),
    scenario({
      suite: 'docker-baseline',
      name: 'unsure',
      checks: [{ id: 'cap-sys-admin', boundary: 'capabilities', status: 'inconclusive', summary: 'collect failed: EPERM', evidence: null, durationMs: 1 }],
      boundaries: { capabilities: 'inconclusive' },
      expected: { broken: [], holds: ['capabilities'], admission: 'allowed' },
      expectation: { met: false, unmet: ['capabilities: expected holds, got inconclusive (cap-sys-admin: collect failed: EPERM)'] },
    }),
    scenario({
      suite: 'k8s-restricted',
      name: 'privileged-pod',
      node: 'worker-1',
      admission: 'denied',
      admissionMessage: `pods "x" is forbidden: violates PodSecurity "restricted:latest": privileged ${HOSTILE}`,
      expected: { broken: [], holds: [], admission: 'denied' },
    }),
  );
  const scenarios = r.scenarios.length;
  const errors = r.scenarios.filter((s) => s.error).length;
  const met = r.scenarios.filter((s) => s.expectation.met).length;
  r.summary = { scenarios, met, unmet: scenarios - met - errors, errors };
  return r;
}

/** The rich report with a baseline comparison: one boundary regression, one admission regression, one fix. */
export function reportWithBaseline(): Report {
  const r = richReport();
  r.baseline = {
    file: 'baseline.json',
    regressions: ['docker-canaries/hostile host-pid: held in the baseline, broken now', 'docker-canaries/blind-canary: admission was denied, now allowed'],
    fixed: ['docker-canaries/host-pid capabilities: broken in the baseline, holds now'],
  };
  return r;
}

/** Finds a scenario by name. */
export function byName(r: Report, name: string): ScenarioReport {
  const s = r.scenarios.find((x) => x.name === name);
  if (!s) throw new Error(`no scenario ${name}`);
  return s;
}
