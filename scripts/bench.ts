/**
 * `npm run bench`: the shipped suites' time on Docker and Kubernetes against the concurrent
 * floor (the same number of bare probe containers/pods, at the same concurrency, measured in
 * the same round), next to the old sequential floor, plus the whole command (CLI start to
 * exit) and the agent's time inside the probe. Rounds alternate suite, floor and command so a
 * drifting machine moves all three; medians are printed.
 * Targets: Docker <= 1.10x, Kubernetes <= 1.5x of the concurrent floor; agent mean < 150 ms.
 * ESCAPEKIT_BENCH_ROUNDS (default 3), ESCAPEKIT_BENCH_KUBECONFIG, ESCAPEKIT_BENCH_ONLY=docker|kubernetes.
 */
import os from 'node:os';
import { existsSync } from 'node:fs';
import { execa } from 'execa';
import { connectDocker } from '../src/docker/client.js';
import { ensureProbeImage } from '../src/image/build.js';
import type { Report } from '../src/model/report.js';
import { mapPool } from '../src/run/pool.js';
import { executeRun } from '../src/run/runner.js';
import { loadSuiteFile } from '../src/suite/load.js';
import { resolveSuite } from '../src/suite/resolve.js';
import type { Target } from '../src/targets/types.js';
import { newRunId } from '../src/targets/labels.js';
import { createTarget, defaultConcurrency, type TargetName } from '../src/targets/create.js';
import { podFloor } from './bench-pods.js';

const KUBECONFIG = process.env.ESCAPEKIT_BENCH_KUBECONFIG ?? '/var/lib/escapekit-k8s/kubeconfig';
const ROUNDS = Math.max(1, Number(process.env.ESCAPEKIT_BENCH_ROUNDS ?? 3));
const ONLY = process.env.ESCAPEKIT_BENCH_ONLY;
const CLI = new URL('../../bin/escapekit.js', import.meta.url).pathname;

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const spread = (xs: number[]) => `median ${ms(median(xs))} (${ms(Math.min(...xs))}..${ms(Math.max(...xs))})`;
const ratio = (xs: number[]) => `${median(xs).toFixed(2)}x (${Math.min(...xs).toFixed(2)}..${Math.max(...xs).toFixed(2)})`;
const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const started = performance.now();
  const value = await work();
  return { ms: performance.now() - started, value };
};

/** Time spent per phase of a run (the scenarios phase spans first start to last end). */
type Phases = Record<'prepare' | 'describe' | 'scenarios' | 'cleanup', number>;

/** Wraps a target so each phase is timed. */
function phased(target: Target, phases: Phases): Target {
  let first = 0;
  let running = 0;
  const clock = <A extends unknown[], R>(phase: keyof Phases, fn: (...a: A) => Promise<R>) => async (...a: A) => {
    const t0 = performance.now();
    try {
      return await fn.apply(target, a);
    } finally {
      phases[phase] += performance.now() - t0;
    }
  };
  return {
    kind: target.kind,
    prepare: clock('prepare', target.prepare),
    describe: clock('describe', target.describe),
    cleanup: clock('cleanup', target.cleanup),
    run: async (p) => {
      if (running++ === 0 && first === 0) first = performance.now();
      try {
        return await target.run(p);
      } finally {
        if (--running === 0) phases.scenarios = performance.now() - first;
      }
    },
  };
}

/** One in-process run of the suites (what the CLI does after its start-up). */
async function suiteRun(target: TargetName, suites: string[], extra: Record<string, unknown> = {}, concurrency = defaultConcurrency(target)) {
  const runId = newRunId();
  const phases: Phases = { prepare: 0, describe: 0, scenarios: 0, cleanup: 0 };
  const created = phased(await createTarget(target, { runId, timeoutMs: 60_000, network: false, ...extra }), phases);
  const { ms: wallMs, value: report } = await timed(() => executeRun({ runId, suites: suites.map((s) => loadSuiteFile(resolveSuite(s))), target: created, concurrency, network: false }));
  return { wallMs, report, phases };
}

/** The command as a user runs it, process start to exit; exit 1 (an expectation unmet, e.g. a check timed out on a loaded machine) is timed and said. */
async function commandRun(args: string[]): Promise<number> {
  const { ms: wall, value: r } = await timed(() => execa(process.execPath, [CLI, 'run', '-q', ...args], { reject: false, env: { NO_COLOR: '1' } }));
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new Error(`escapekit ${args.join(' ')} exited ${r.exitCode}: ${String(r.stderr).slice(-400)}`);
  if (r.exitCode === 1) console.log('  (a timed command exited 1: an expectation unmet; on a loaded machine usually a check that timed out)');
  return wall;
}

function agentLine(reports: Report[], label: string): string {
  const agent = reports.flatMap((r) => r.scenarios.map((s) => s.agentMs)).filter((n): n is number => typeof n === 'number');
  const checks = new Map<string, number[]>();
  for (const r of reports) for (const s of r.scenarios) for (const c of s.checks) checks.set(c.id, [...(checks.get(c.id) ?? []), c.durationMs]);
  const slowest = [...checks].map(([id, d]) => [id, median(d)] as const).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([id, d]) => `${id} ${d} ms`).join(', ');
  return `  ${label}: mean ${ms(agent.reduce((a, b) => a + b, 0) / Math.max(1, agent.length))}, median ${ms(median(agent))}, max ${ms(Math.max(...agent))} (target: mean < 150 ms)\n  slowest checks (median): ${slowest}`;
}

function phaseLine(phases: Phases[]): string {
  const keys: Array<keyof Phases> = ['prepare', 'describe', 'scenarios', 'cleanup'];
  return `  in-process phases (median): ${keys.map((k) => `${k} ${ms(median(phases.map((p) => p[k])))}`).join(', ')}`;
}

/** Prints one target's figures from its rounds. */
function summary(label: string, rounds: Array<{ suite: number; floor: number; command: number }>, sequential: number, n: number, concurrency: number, target: number): void {
  const suite = rounds.map((r) => r.suite);
  console.log(`  suite (in process)      ${spread(suite)}`);
  console.log(`  whole command           ${spread(rounds.map((r) => r.command))}`);
  console.log(`  concurrent floor        ${spread(rounds.map((r) => r.floor))}  (${n} bare ones, ${concurrency} at a time)`);
  console.log(`  sequential floor        ${ms(sequential)}  (${n} bare ones, one at a time; the old yardstick)`);
  console.log(`  suite / concurrent floor    ${ratio(rounds.map((r) => r.suite / r.floor))}  target <= ${target.toFixed(2)}x`);
  console.log(`  command / concurrent floor  ${ratio(rounds.map((r) => r.command / r.floor))}`);
  console.log(`  suite / sequential floor    ${(median(suite) / sequential).toFixed(2)}x`);
}

async function benchDocker(): Promise<void> {
  const docker = await connectDocker();
  const image = (await ensureProbeImage(docker)).tag;
  const suites = ['docker-baseline', 'docker-canaries'];
  const concurrency = defaultConcurrency('docker');
  const bare = () => execa('docker', ['run', '--rm', '--label', 'escapekit.io/run-id=bench-floor', image, '/node', '-e', '0']);
  await suiteRun('docker', ['docker-baseline']); // warm-up: page cache, engine
  const rounds = [];
  const reports: Report[] = [];
  const phases: Phases[] = [];
  let n = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const run = await suiteRun('docker', suites);
    n = run.report.scenarios.length;
    reports.push(run.report);
    phases.push(run.phases);
    const floor = await timed(() => mapPool(Array.from({ length: n }), concurrency, bare));
    rounds.push({ suite: run.wallMs, floor: floor.ms, command: await commandRun(suites.flatMap((s) => ['--suite', s])) });
  }
  const sequential = await timed(async () => {
    for (let i = 0; i < n; i++) await bare();
  });
  console.log(`docker: ${n} scenarios (${reports.at(-1)!.summary.met} met), ${ROUNDS} rounds, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
  summary('docker', rounds, sequential.ms, n, concurrency, 1.1);
  console.log(phaseLine(phases));
  console.log(agentLine(reports, 'agent time in container'));
}

async function benchKubernetes(): Promise<void> {
  if (!existsSync(KUBECONFIG)) {
    console.log(`kubernetes: skipped (no kubeconfig at ${KUBECONFIG}; run test/cluster/up.sh)`);
    return;
  }
  const tag = (await ensureProbeImage(await connectDocker())).tag;
  if (existsSync('test/cluster/load-image.sh')) await execa('bash', ['test/cluster/load-image.sh', tag]);
  const suites = ['k8s-pod-security', 'k8s-canaries', 'k8s-baseline'];
  const concurrency = defaultConcurrency('kubernetes');
  const extra = { kubeconfig: KUBECONFIG };
  await suiteRun('kubernetes', ['k8s-baseline'], extra); // warm-up
  const rounds = [];
  const reports: Report[] = [];
  const phases: Phases[] = [];
  let admitted = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const run = await suiteRun('kubernetes', suites, extra);
    admitted = run.report.scenarios.filter((s) => s.admission === 'allowed').length;
    reports.push(run.report);
    phases.push(run.phases);
    const floor = await podFloor(KUBECONFIG, tag, admitted, concurrency);
    rounds.push({ suite: run.wallMs, floor, command: await commandRun(['--target', 'kubernetes', '--kubeconfig', KUBECONFIG, ...suites.flatMap((s) => ['--suite', s])]) });
  }
  const sequential = await podFloor(KUBECONFIG, tag, admitted, 1);
  const last = reports.at(-1)!;
  console.log(`kubernetes: ${last.scenarios.length} scenarios (${admitted} admitted pods, ${last.summary.met} met), ${ROUNDS} rounds, ${os.availableParallelism()} CPUs, load average ${os.loadavg()[0].toFixed(1)}`);
  summary('kubernetes', rounds, sequential, admitted, concurrency, 1.5);
  console.log(phaseLine(phases));
  console.log(agentLine(reports, `agent time in pod (${concurrency} pods at once)`));
}

if (ONLY !== 'kubernetes') await benchDocker();
if (ONLY !== 'docker') await benchKubernetes().catch((error: unknown) => console.log(`kubernetes: failed: ${String(error)}`));
