/** A small canonical report for reporter tests: one met, one unmet, one error scenario. */
import type { Report, ScenarioReport } from '../../src/model/report.js';

/** A scenario entry with neutral defaults, overridden by `over`. */
export const scenarioFixture = (over: Partial<ScenarioReport>): ScenarioReport => ({
  suite: 'docker-canaries',
  name: 'x',
  posture: {},
  admission: 'allowed',
  checks: [],
  boundaries: {},
  expectation: { met: true, unmet: [] },
  durationMs: 420,
  ...over,
});

/** Builds the sample report (fresh object each call). */
export function sampleReport(): Report {
  return {
    schemaVersion: 1,
    tool: { name: 'escapekit', version: '0.1.0' },
    runId: '20261126t120000-abcdef',
    startedAt: '2026-11-26T12:00:00.000Z',
    finishedAt: '2026-11-26T12:00:02.000Z',
    target: { kind: 'docker', engine: 'Docker 20.10.24', kernel: '6.1.0', host: 'ci-host' },
    scenarios: [
      scenarioFixture({
        name: 'host-pid',
        posture: { hostPID: true },
        checks: [
          { id: 'host-pid-namespace', boundary: 'host-pid', status: 'broken', summary: 'PID namespace is the host\'s', evidence: { pidNamespace: 'pid:[4026531836]' }, durationMs: 3 },
          { id: 'cap-sys-admin', boundary: 'capabilities', status: 'holds', summary: 'CAP_SYS_ADMIN absent', evidence: {}, durationMs: 1 },
        ],
        boundaries: { 'host-pid': 'broken', capabilities: 'holds' },
        expected: { broken: ['host-pid'], holds: ['capabilities'], admission: 'allowed' },
      }),
      scenarioFixture({
        suite: 'docker-baseline',
        name: 'hardened',
        posture: { user: '65534:65534', capabilities: { drop: ['ALL'] } },
        checks: [
          { id: 'host-pid-namespace', boundary: 'host-pid', status: 'broken', summary: 'kernel threads <visible> & "quoted"', evidence: { pid2Name: 'kthreadd' }, durationMs: 3 },
        ],
        boundaries: { 'host-pid': 'broken' },
        expected: { broken: [], holds: ['host-pid'], admission: 'allowed' },
        expectation: { met: false, unmet: ['host-pid: expected holds, got broken (host-pid-namespace: kernel threads visible)'] },
      }),
      scenarioFixture({ name: 'host-block-device', error: 'docker: no such device /dev/loop0', expectation: { met: false, unmet: [] } }),
    ],
    summary: { scenarios: 3, met: 1, unmet: 1, errors: 1 },
  };
}
