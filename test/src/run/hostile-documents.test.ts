/**
 * Hostile probe documents (generated here): nesting 10,000 to 1,000,000 deep, megabyte strings,
 * `agent.node`/`agent.version` objects whose toString is not callable, non-string skip reasons,
 * `__proto__` keys. One such document costs only its own scenario: its checks are inconclusive
 * with a reason, every other scenario keeps its verdicts, every reporter renders the run and the
 * bundle is written and verifies. Each case within 5 s.
 */
import test from 'ava';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CHECKS } from '../../../probes/index.js';
import { AGENT_BEGIN, AGENT_END } from '../../../probes/model.js';
import { planBundle, writeBundle } from '../../../src/bundle/write.js';
import { verifyBundle } from '../../../src/bundle/verify.js';
import { REPORTERS } from '../../../src/report/index.js';
import { DEFAULT_POLICY } from '../../../src/run/exit-code.js';
import { executeRun } from '../../../src/run/runner.js';
import { scenarioReport } from '../../../src/run/scenario-report.js';
import type { Scenario, Suite } from '../../../src/suite/types.js';
import type { PlannedScenario, ProbeOutcome, Target } from '../../../src/targets/types.js';
import { REPO_ROOT } from '../../helpers/paths.js';

const CHALLENGE = 'c0ffee';
const framed = (body: string) => `${AGENT_BEGIN}\n${body}\n${AGENT_END}\n`;
const agent = (over: Record<string, unknown> = {}) => ({ version: 1, node: 'v20', durationMs: 1, challenge: CHALLENGE, ...over });
const docWith = (over: { agent?: unknown; environment?: unknown; results?: unknown[] }) => framed(JSON.stringify({ agent: agent(), environment: {}, results: [], ...over }));
const firstId = CHECKS[0].id;

/** Every check's "holds" fixture as a result: a well-formed document. */
function holdsResults(): unknown[] {
  return CHECKS.flatMap((c) => {
    const fixtures = path.join(REPO_ROOT, 'probes', c.boundary, `${c.id}.fixtures`);
    const file = readdirSync(fixtures).find((f) => /^holds.*\.json$/.test(f));
    return file ? [{ id: c.id, ok: true, evidence: JSON.parse(readFileSync(path.join(fixtures, file), 'utf8')), durationMs: 1 }] : [];
  });
}

interface DocumentCase {
  name: string;
  stdout: string;
  /** The rejection reason; absent when the envelope is accepted and only the hostile field is dropped. */
  rejected?: RegExp;
}

function documents(): DocumentCase[] {
  const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
  const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
  const withBody = (evidence: string) => framed(`{"agent":${JSON.stringify(agent())},"environment":{},"results":[{"id":"${firstId}","ok":true,"evidence":{"x":${evidence}},"durationMs":1}]}`);
  return [
    { name: 'evidence nested 10,000 deep (arrays)', stdout: withBody(deepArray(10_000)), rejected: /agent document has nesting deeper than 64 levels/ },
    { name: 'evidence nested 200,000 deep (objects)', stdout: withBody(deepObject(200_000)), rejected: /nesting deeper than 64 levels/ },
    { name: 'environment nested 10,000 deep', stdout: framed(`{"agent":${JSON.stringify(agent())},"environment":{"x":${deepArray(10_000)}},"results":[]}`), rejected: /nesting deeper than/ },
    { name: 'nesting 1,000,000 deep, unterminated', stdout: framed('['.repeat(1_000_000)), rejected: /nesting deeper than/ },
    { name: 'brackets inside strings do not count', stdout: withBody(JSON.stringify('['.repeat(100_000))), rejected: undefined },
    { name: 'a one-megabyte string in evidence', stdout: withBody(JSON.stringify('x'.repeat(1024 * 1024))), rejected: /a string longer than 262144 characters/ },
    { name: 'an unterminated megabyte string', stdout: framed(`{"agent":{"version":1,"node":"${'x'.repeat(1024 * 1024)}`), rejected: /a string longer than/ },
    { name: 'agent.node with a non-callable toString', stdout: docWith({ agent: agent({ node: { toString: 1, valueOf: 1 } }), results: [] }) },
    { name: 'agent.version with a non-callable toString', stdout: docWith({ agent: agent({ version: { toString: 1, valueOf: 1 } }) }), rejected: /unsupported agent protocol version an object/ },
    { name: 'agent.durationMs as an object', stdout: docWith({ agent: agent({ durationMs: { toString: 1 } }) }) },
    { name: 'a skip reason that is an object', stdout: docWith({ results: [{ id: firstId, ok: false, error: 'x', skipped: { toString: 1 }, durationMs: 1 }] }), rejected: /invalid or unknown check result/ },
    { name: 'an error that is an object', stdout: docWith({ results: [{ id: firstId, ok: false, error: { toString: 1 }, skipped: 'n/a', durationMs: 1 }] }), rejected: /invalid or unknown check result/ },
    { name: '__proto__ keys everywhere', stdout: framed(`{"__proto__":{"polluted":1},"agent":${JSON.stringify(agent())},"environment":{"__proto__":{"polluted":1}},"results":[{"id":"${firstId}","ok":true,"evidence":{"__proto__":{"polluted":1}},"durationMs":1}]}`) },
    { name: '20,000 results of unknown checks', stdout: docWith({ results: Array.from({ length: 20_000 }, (_, i) => ({ id: `x${i}`, ok: true, evidence: {}, durationMs: 1 })) }), rejected: /invalid or unknown check result/ },
  ];
}

const scenario = (name: string): Scenario => ({ name, posture: {}, expect: { broken: [], holds: [], admission: 'allowed' }, location: `hostile.yaml:1:1` });
const suite = (names: string[]): Suite => ({ name: 'hostile', target: 'any', scenarios: names.map(scenario), file: '/nonexistent/hostile.yaml' });

test('each hostile document becomes its own scenario\'s inconclusive checks, within 5 s, and renders', (t) => {
  const s = suite(['one']);
  const planned: PlannedScenario = { suite: s, scenario: s.scenarios[0] };
  for (const c of documents()) {
    const started = performance.now();
    const outcome: ProbeOutcome = { admission: 'allowed', stdout: c.stdout, challenge: CHALLENGE };
    let report;
    try {
      report = scenarioReport(planned, outcome, CHECKS, { target: 'docker', network: false }, 1);
    } catch (error) {
      t.fail(`${c.name}: threw ${(error as Error).message}`);
      continue;
    }
    const trusted = report.checks.filter((x) => x.status === 'holds' || x.status === 'broken');
    t.true(trusted.length <= 1, `${c.name}: ${trusted.length} verdicts`);
    if (c.rejected) {
      t.regex(report.error ?? '', new RegExp(`probe output rejected: .*${c.rejected.source}`), c.name);
      t.true(report.checks.every((x) => x.status === 'inconclusive' || x.status === 'not-applicable'), c.name);
    } else t.is(report.error, undefined, c.name);
    t.notThrows(() => JSON.stringify(report), c.name);
    t.is(({} as Record<string, unknown>).polluted, undefined, `${c.name}: Object.prototype polluted`);
    const ms = performance.now() - started;
    t.true(ms < 5000, `${c.name}: ${Math.round(ms)} ms`);
  }
});

test('a run with one hostile scenario completes: the others keep their verdicts, every report renders, the bundle is written and verifies', async (t) => {
  const holds = holdsResults();
  const stdoutFor: Record<string, string> = {
    good: docWith({ results: holds }),
    deep: docWith({ results: holds }).replace('"results":[', `"results":[{"id":"${firstId}","ok":true,"evidence":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}},"durationMs":1},`),
    'hostile-node': docWith({ agent: agent({ node: { toString: 1 } }), results: holds }),
    'hostile-version': docWith({ agent: agent({ version: { toString: 1 } }), results: holds }),
  };
  const target: Target = {
    kind: 'docker',
    prepare: async () => undefined,
    describe: async () => ({ kind: 'docker', engine: 'fake\x1b[2J' }),
    run: async (p) => [{ admission: 'allowed', stdout: stdoutFor[p.scenario.name], challenge: CHALLENGE }],
    cleanup: async () => undefined,
  };
  const started = performance.now();
  const report = await executeRun({ runId: 'run-hostile', suites: [suite(Object.keys(stdoutFor))], target, concurrency: 2, network: false });
  t.true(performance.now() - started < 5000);
  const by = Object.fromEntries(report.scenarios.map((s) => [s.name, s]));
  t.deepEqual(Object.keys(by).sort(), Object.keys(stdoutFor).sort());
  t.is(by.good.error, undefined);
  t.true(by.good.checks.some((c) => c.status === 'holds'), 'the good scenario keeps its verdicts');
  t.regex(by.deep.error ?? '', /probe output rejected: agent document has nesting deeper than 64 levels/);
  t.true(by.deep.checks.every((c) => c.status === 'inconclusive' || c.status === 'not-applicable'));
  t.regex(by['hostile-version'].error ?? '', /unsupported agent protocol version an object/);
  t.is(by['hostile-node'].error, undefined, 'a hostile node field is dropped, not fatal');
  for (const [format, render] of Object.entries(REPORTERS)) t.notThrows(() => render(report, false, { policy: DEFAULT_POLICY }), format);
  t.false(REPORTERS.console(report, false).includes('\x1b'), 'console shows outside strings escaped');
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'ek-hostile-run-')), 'bundle');
  const written = writeBundle(planBundle(dir, undefined)!, report, DEFAULT_POLICY);
  t.true(written.files > 4);
  t.deepEqual(verifyBundle(dir).problems, []);
});
