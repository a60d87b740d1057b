/**
 * Interrupts on the real cluster: SIGINT/SIGTERM at seeded random points of 20 k8s-canaries and
 * k8s-baseline runs. When the process has exited, no namespace or pod with its run id is left
 * that the API server is not already deleting (the CLI does not wait for terminating
 * namespaces), nothing at all is left a little later, and the exit code is 2 (0 if the run
 * finished first). A poller records when each run's namespaces and pods appeared, to prove
 * some signals landed while probes were deployed, not only during start-up.
 */
import test, { type ExecutionContext } from 'ava';
import type { CoreV1Api } from '@kubernetes/client-node';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { labelledLeftovers, leftoversAfter, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { ended, seededRandom, sleep, spawnCli } from '../helpers/spawn-cli.js';

const SEED = Number(process.env.ESCAPEKIT_INTERRUPT_SEED ?? Date.now() % 1_000_000);
const out = mkdtempSync(path.join(os.tmpdir(), 'ek-int-k8s-'));
const LABEL = 'escapekit.io/run-id';
/** Interrupted runs in all, and how many at once. */
const RUNS = 20;
const BATCH = 5;

/** Records when objects of each run id were first seen. */
function watchRuns(core: CoreV1Api): { firstSeen: Map<string, number>; stop: () => void } {
  const firstSeen = new Map<string, number>();
  let on = true;
  void (async () => {
    while (on) {
      const [ns, pods] = await Promise.all([core.listNamespace({ labelSelector: LABEL }), core.listPodForAllNamespaces({ labelSelector: LABEL })]).catch(() => [{ items: [] }, { items: [] }]);
      for (const o of [...ns.items, ...pods.items]) {
        const id = o.metadata?.labels?.[LABEL];
        if (id && !firstSeen.has(id)) firstSeen.set(id, Date.now());
      }
      await sleep(150);
    }
  })();
  return { firstSeen, stop: () => (on = false) };
}

interface Planned {
  suite: string;
  i: number;
  signal: 'SIGINT' | 'SIGTERM';
  /** Wait for a new run's namespace or pods to appear before the delay starts. */
  afterDeploy: boolean;
  delayMs: number;
}

/** Runs one CLI, signals it as planned; returns what went wrong (empty: nothing). */
async function interruptOnce(t: ExecutionContext, core: CoreV1Api, firstSeen: Map<string, number>, p: Planned): Promise<{ problems: string[]; runId?: string; deployed: boolean }> {
  const report = path.join(out, `run-${p.i}.json`);
  const started = Date.now();
  const known = new Set(firstSeen.keys());
  const child = spawnCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', p.suite, '--report', `json=${report}`]);
  const exited = child.then(() => true);
  const wait = (ms: number) => Promise.race([exited, sleep(ms).then(() => false)]);
  let signalledAt = Infinity;
  void (async () => {
    if (p.afterDeploy) while (![...firstSeen.keys()].some((id) => !known.has(id)) && !(await wait(100)));
    if (await wait(p.delayMs)) return;
    signalledAt = Date.now();
    child.kill(p.signal);
  })();
  const end = await ended(child, started);
  const where = `run ${p.i} (${p.suite}, ${p.signal} ${p.delayMs} ms after ${p.afterDeploy ? 'a namespace appeared' : 'spawn'}, run ${end.runId ?? '-'}, ${end.ms} ms)`;
  const seen = end.runId ? firstSeen.get(end.runId) : undefined;
  const deployed = end.interrupted && seen !== undefined && seen <= signalledAt;
  t.log(`${where}: ${end.signal ? `killed by ${end.signal} before the CLI started` : `exit ${end.code}${end.interrupted ? ', interrupted' : ', finished first'}`}${deployed ? ', objects were deployed' : ''}`);
  const problems: string[] = [];
  // Before Node runs the entry script no handler exists; fine only if nothing was printed (started).
  if (end.signal && end.stderr) problems.push(`${where}: died from ${end.signal} after starting`);
  if (end.interrupted && end.code !== 2) problems.push(`${where}: interrupted but exit ${end.code}`);
  if (!end.signal && !end.interrupted && (end.code !== 0 || !existsSync(report))) problems.push(`${where}: not interrupted, yet exit ${end.code}: ${end.stderr.slice(-400)}`);
  // No polling: when the CLI has exited, whatever is left is already being deleted.
  if (end.runId) problems.push(...(await labelledLeftovers(core, end.runId, { live: true })).map((l) => `${where}: left ${l}`));
  return { problems, deployed, ...(end.runId ? { runId: end.runId } : {}) };
}

test.serial(`${RUNS} interrupted Kubernetes runs leave no namespace or pod and exit 2`, async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  t.log(`seed ${SEED} (replay with ESCAPEKIT_INTERRUPT_SEED=${SEED})`);
  const random = seededRandom(SEED);
  // RUNS runs, BATCH at a time (2 CPUs carry a handful of CLIs and their pods). In each batch
  // one signal lands at a random point after spawn (start-up, prepare), the others a random
  // delay after a new run's namespace or pods appeared (probes being deployed or running).
  const runs: Planned[] = Array.from({ length: RUNS }, (_, i) => ({
    suite: i % 2 ? 'k8s-baseline' : 'k8s-canaries', i, signal: random() < 0.5 ? 'SIGINT' : 'SIGTERM', afterDeploy: i % BATCH > 0, delayMs: Math.round(random() * (i % BATCH > 0 ? 2000 : 3000)),
  }));
  const watcher = watchRuns(core);
  const outcomes: Array<Awaited<ReturnType<typeof interruptOnce>>> = [];
  try {
    for (let i = 0; i < runs.length; i += BATCH) outcomes.push(...(await Promise.all(runs.slice(i, i + BATCH).map((p) => interruptOnce(t, core, watcher.firstSeen, p)))));
  } finally {
    watcher.stop();
  }
  const problems = outcomes.flatMap((o) => o.problems);
  // A namespace created after the CLI's last sweep would appear late, and live; terminating ones must then be gone.
  await sleep(2000);
  for (const o of outcomes) if (o.runId) problems.push(...(await leftoversAfter(core, o.runId)).map((l) => `run ${o.runId}: late leftover ${l}`));
  t.deepEqual(problems, []);
  t.true(outcomes.some((o) => o.deployed), 'no run was interrupted while its namespace or pods existed');
});
