/**
 * A run with an evidence spool (as `escapekit run` does): the scenario results the runner keeps
 * carry verdicts, summaries and evidence keys, never an evidence document; the documents are in
 * the spool once each; reports and the bundle still carry and sign every one.
 */
import test from 'ava';
import { readdirSync, readFileSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../../probes/index.js';
import { AGENT_BEGIN, AGENT_END } from '../../../probes/model.js';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { verifyBundle } from '../../../src/bundle/verify.js';
import { heldEvidence } from '../../../src/model/evidence-source.js';
import { EvidenceSpool } from '../../../src/model/evidence-spool.js';
import { decodeReport } from '../../../src/model/read-report.js';
import { renderJson } from '../../../src/report/json.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { executeRun } from '../../../src/run/runner.js';
import type { Suite } from '../../../src/suite/types.js';
import type { Target } from '../../../src/targets/types.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const CHALLENGE = 'c0ffee';
const NODES = 12;

/** Every check's "holds" fixture as a result; `pod` names the node's own pod in one document, as real evidence does. */
function probeDocument(pod: string): string {
  const results = CHECKS.flatMap((c, i) => {
    const fixtures = path.join(REPO_ROOT, 'probes', c.boundary, `${c.id}.fixtures`);
    const file = readdirSync(fixtures).find((f) => /^holds.*\.json$/.test(f));
    if (!file) return [];
    const evidence = JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')) as Record<string, unknown>;
    return [{ id: c.id, ok: true, evidence: i === 0 ? { ...evidence, podHostname: pod } : evidence, durationMs: 1 }];
  });
  const doc = { agent: { version: 1, node: 'v20', durationMs: 1, challenge: CHALLENGE }, environment: { kernelRelease: '6.1.0', hostname: pod }, results };
  return `${AGENT_BEGIN}\n${JSON.stringify(doc)}\n${AGENT_END}\n`;
}

const suite: Suite = {
  name: 'spooled',
  target: 'any',
  file: '/nonexistent/spooled.yaml',
  scenarios: ['a', 'b'].map((name) => ({ name, posture: {}, expect: { broken: [], holds: [], admission: 'allowed' as const }, location: 'spooled.yaml:1:1' })),
};

/** A target that runs each scenario on NODES nodes, each node's probe reporting its own pod name. */
const target: Target = {
  kind: 'kubernetes',
  prepare: async () => undefined,
  describe: async () => ({ kind: 'kubernetes', nodes: Array.from({ length: NODES }, (_, i) => `node-${i}`) }),
  run: async () => Array.from({ length: NODES }, (_, i) => ({ admission: 'allowed' as const, node: `node-${i}`, stdout: probeDocument(`ek-pod-${i}`), challenge: CHALLENGE })),
  cleanup: async () => undefined,
};

test('the runner keeps no evidence document in memory: every check and environment holds a key into the spool', async (t) => {
  const spool = new EvidenceSpool();
  t.teardown(() => spool.dispose());
  const report = await executeRun({ runId: 'run-spooled', suites: [suite], target, concurrency: 2, network: false, spool });
  t.is(report.scenarios.length, 2 * NODES);
  let held = 0;
  for (const s of report.scenarios) {
    t.is(s.error, undefined);
    for (const c of s.checks) {
      const d = Object.getOwnPropertyDescriptor(c, 'evidence')!;
      if (d.value === null) continue;
      t.true(d.get !== undefined && !('value' in d), `${s.name}@${s.node}/${c.id}: the document itself is kept`);
      t.is(heldEvidence(c)?.source, spool);
      held++;
    }
    t.is(heldEvidence(s)?.source, spool, 'the environment is held too');
    t.true(Object.getOwnPropertyDescriptor(s, 'environment')!.get !== undefined);
  }
  t.true(held > report.scenarios.length * 10, `${held} held documents`);
  // The fixtures' documents once, plus one first-check document and one environment per node.
  const distinctFixtures = new Set(report.scenarios[0].checks.slice(1).filter((c) => c.evidence !== null).map((c) => JSON.stringify(c.evidence))).size;
  t.is(spool.size, distinctFixtures + 2 * NODES);
  t.is(report.scenarios[5].checks[0].evidence?.podHostname, `ek-pod-${report.scenarios[5].node?.slice(5)}`, 'held evidence reads back');
  // Every document reaches the JSON report and the signed bundle.
  const json = renderJson(report);
  t.is(Object.keys(JSON.parse(json).evidence).length, spool.size);
  t.deepEqual(decodeReport(JSON.parse(json)).scenarios, report.scenarios);
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-runner-spool-')), 'bundle');
  writeBundle(planBundle(dir, undefined)!, report, DEFAULT_POLICY);
  t.is(readdirSync(path.join(dir, 'evidence')).length, spool.size);
  t.deepEqual(verifyBundle(dir).problems, []);
});
