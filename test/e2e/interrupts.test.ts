/**
 * Interrupts on the real Docker engine: SIGINT/SIGTERM at seeded random points of
 * `escapekit run --suite docker-canaries` (during start-up, and during the run: right as a
 * create request is in flight, or a random delay after the first one). After every run: exit
 * code 2 when interrupted (0 if the run finished first), zero containers of that run left, and
 * no evidence spool left in the child's temporary folder (only the report asked for).
 * Each child talks to the engine through its own recording proxy (test/helpers/docker-proxy.ts)
 * so its containers are attributed exactly, whatever other tests run concurrently.
 * Replay a sequence with ESCAPEKIT_INTERRUPT_SEED=<seed printed in the log>.
 */
import test from 'ava';
import type Docker from 'dockerode';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../helpers/cli.js';
import { labelledContainers, requireDocker } from '../helpers/docker.js';
import { startDockerProxy } from '../helpers/docker-proxy.js';
import { ended, eventually, seededRandom, sleep, spawnCli, type Ended } from '../helpers/spawn-cli.js';

const RUNS = 20;
const LANES = 6;
const SEED = Number(process.env.ESCAPEKIT_INTERRUPT_SEED ?? Date.now() % 1_000_000);
const out = mkdtempSync(path.join(os.tmpdir(), 'ek-int-'));

/** A probe's create (the run's host-reference container is created first, named ...-host-reference). */
const PROBE_CREATE = /^POST \S*\/containers\/create\?name=(?!\S*-host-reference\b)/;

/** When, in a run's life, the signal is sent. */
type Phase = { kind: 'after-spawn'; ms: number } | { kind: 'create-in-flight' } | { kind: 'after-first-create'; ms: number };

function plan(random: () => number): Array<{ phase: Phase; signal: 'SIGINT' | 'SIGTERM' }> {
  return Array.from({ length: RUNS }, (_, i) => {
    const signal = random() < 0.5 ? 'SIGINT' : 'SIGTERM';
    const phase: Phase = i % 4 === 0 ? { kind: 'create-in-flight' } : i % 2 === 0 ? { kind: 'after-first-create', ms: Math.round(random() * 1500) } : { kind: 'after-spawn', ms: Math.round(random() * 2000) };
    return { phase, signal };
  });
}

interface Outcome extends Ended {
  i: number;
  phase: Phase;
  sent: string;
  runIds: string[];
  createdBeforeSignal: number;
  leftovers: string[];
  /** Requests the child sent to the engine. */
  requests: number;
  /** It wrote its report: the run completed before the signal. */
  finished: boolean;
}

async function interruptOnce(docker: Docker, i: number, phase: Phase, signal: 'SIGINT' | 'SIGTERM'): Promise<Outcome> {
  const proxy = await startDockerProxy();
  try {
    const report = path.join(out, `run-${i}.json`);
    const tmp = mkdtempSync(path.join(os.tmpdir(), 'ek-int-tmp-'));
    const started = Date.now();
    const child = spawnCli(['run', '--suite', 'docker-canaries', '--report', `json=${report}`], { DOCKER_HOST: proxy.dockerHost, TMPDIR: tmp });
    const exited = child.then(() => 'exited' as const);
    const trigger =
      phase.kind === 'after-spawn' ? sleep(phase.ms)
      : phase.kind === 'create-in-flight' ? proxy.next(PROBE_CREATE)
      : proxy.next(PROBE_CREATE).then(() => sleep(phase.ms));
    let signalledAt = Infinity;
    if ((await Promise.race([trigger.then(() => 'fire' as const), exited])) === 'fire') {
      signalledAt = Date.now();
      child.kill(signal);
    }
    const end = await ended(child, started);
    const runIds = [...new Set([...proxy.runIds, ...(end.runId ? [end.runId] : [])])];
    const createdBeforeSignal = proxy.requests.filter((r) => r.method === 'POST' && /\/containers\/create/.test(r.path) && r.at <= signalledAt).length;
    const leftovers: string[] = [];
    for (const id of runIds) {
      const gone = await eventually(async () => (await labelledContainers(docker, id)).length === 0, 5000);
      if (!gone) leftovers.push(...(await labelledContainers(docker, id)).map((c) => `${id}/${c.slice(0, 12)}`));
    }
    leftovers.push(...readdirSync(tmp).filter((f) => f.startsWith('escapekit-spool-')).map((f) => `${path.join(tmp, f)} (evidence spool)`));
    return { ...end, i, phase, sent: signal, runIds, createdBeforeSignal, leftovers, requests: proxy.requests.length, finished: existsSync(report) };
  } finally {
    await proxy.close();
  }
}

test.before(async () => {
  // One image build up front, not twenty concurrent ones.
  await runCli(['image', 'build']);
});

test.serial(`${RUNS} interrupted docker-canaries runs leave no container and exit 2`, async (t) => {
  const docker = await requireDocker(t);
  if (!docker) return;
  t.log(`seed ${SEED} (replay with ESCAPEKIT_INTERRUPT_SEED=${SEED})`);
  const runs = plan(seededRandom(SEED));
  const outcomes: Outcome[] = [];
  let next = 0;
  await Promise.all(Array.from({ length: LANES }, async () => {
    while (next < runs.length) {
      const i = next++;
      outcomes.push(await interruptOnce(docker, i, runs[i].phase, runs[i].signal));
    }
  }));
  outcomes.sort((a, b) => a.i - b.i);
  const problems: string[] = [];
  for (const o of outcomes) {
    const where = `run ${o.i} (${o.sent} ${JSON.stringify(o.phase)}, ${o.createdBeforeSignal} create(s) before the signal, run ${o.runIds.join(',') || '-'}, ${o.ms} ms)`;
    t.log(`${where}: ${o.signal ? `killed by ${o.signal} before the CLI started` : `exit ${o.code}${o.interrupted ? ', interrupted' : ', finished first'}`}`);
    // Before Node runs the entry script no handler can exist: the default action ends the
    // process, which is fine only if it had not started anything (no engine request at all).
    if (o.signal && (o.requests > 0 || o.stderr)) problems.push(`${where}: died from ${o.signal} after starting (${o.requests} engine requests)`);
    else if (o.interrupted && o.code !== 2) problems.push(`${where}: interrupted but exit ${o.code}`);
    else if (!o.signal && !o.interrupted && (o.code !== 0 || !o.finished)) problems.push(`${where}: not interrupted, yet exit ${o.code}${o.finished ? '' : ' without a report'}: ${o.stderr.slice(-500)}`);
    problems.push(...o.leftovers.map((l) => `${where}: left ${l}`));
  }
  // A create the engine finished after the CLI exited would show up late: look again.
  await sleep(1500);
  for (const o of outcomes) for (const id of o.runIds) problems.push(...(await labelledContainers(docker, id)).map((c) => `run ${o.i}: late leftover ${id}/${c.slice(0, 12)}`));
  t.deepEqual(problems, []);
  // The sequence really interrupted runs with probes in flight, not only start-up.
  t.true(outcomes.filter((o) => o.interrupted && o.createdBeforeSignal > 0).length >= RUNS / 4, 'too few runs were interrupted mid-run');
});
