/**
 * Interrupts on the real cluster: SIGINT/SIGTERM at seeded random points of k8s-canaries and
 * k8s-baseline runs. When the process has exited, no namespace or pod with its run id is left
 * (the CLI waits until the API server has removed them), and the exit code is 2 (0 if the
 * run finished first). A poller records when each run's namespaces and pods appeared, to prove
 * some signals landed while probes were deployed, not only during start-up.
 */
import test from 'ava';
import type { CoreV1Api } from '@kubernetes/client-node';
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { ended, seededRandom, sleep, spawnCli } from '../helpers/spawn-cli.js';

const SEED = Number(process.env.ESCAPEKIT_INTERRUPT_SEED ?? Date.now() % 1_000_000);
const out = mkdtempSync(path.join(os.tmpdir(), 'ek-int-k8s-'));
const LABEL = 'escapekit.io/run-id';

/** Namespaces and pods of one run still present. */
async function leftovers(core: CoreV1Api, runId: string): Promise<string[]> {
  const labelSelector = `${LABEL}=${runId}`;
  const [ns, pods] = await Promise.all([core.listNamespace({ labelSelector }), core.listPodForAllNamespaces({ labelSelector })]);
  return [...ns.items.map((n) => `namespace/${n.metadata?.name}`), ...pods.items.map((p) => `pod/${p.metadata?.namespace}/${p.metadata?.name}`)];
}

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

test.serial('interrupted Kubernetes runs leave no namespace or pod and exit 2', async (t) => {
  const core = await requireCluster(t);
  if (!core) return;
  await loadProbeImage();
  t.log(`seed ${SEED} (replay with ESCAPEKIT_INTERRUPT_SEED=${SEED})`);
  const random = seededRandom(SEED);
  // Half the signals come at a random point after spawn (start-up, prepare), half a random
  // delay after a new run's namespace or pods appeared (probes being deployed or running).
  const runs = ['k8s-canaries', 'k8s-baseline', 'k8s-baseline', 'k8s-canaries'].map((suite, i) => ({
    suite, i, signal: random() < 0.5 ? 'SIGINT' as const : 'SIGTERM' as const, afterDeploy: i % 2 === 1, delayMs: Math.round(random() * (i % 2 ? 2000 : 3000)),
  }));
  const watcher = watchRuns(core);
  const problems: string[] = [];
  let deployedBeforeSignal = 0;
  const ours: string[] = [];
  try {
    // Two at a time: each run waits for its namespaces to be gone, which takes a few seconds.
    for (let lane = 0; lane < runs.length; lane += 2) {
      await Promise.all(runs.slice(lane, lane + 2).map(async ({ suite, i, signal, afterDeploy, delayMs }) => {
        const report = path.join(out, `run-${i}.json`);
        const started = Date.now();
        const known = new Set(watcher.firstSeen.keys());
        const child = spawnCli(['run', '--target', 'kubernetes', '--kubeconfig', TEST_KUBECONFIG, '--suite', suite, '--report', `json=${report}`]);
        let signalledAt = Infinity;
        const exited = child.then(() => true);
        void (async () => {
          if (afterDeploy) while (![...watcher.firstSeen.keys()].some((id) => !known.has(id)) && !(await Promise.race([exited, sleep(100).then(() => false)])));
          if (await Promise.race([exited, sleep(delayMs).then(() => false)])) return;
          signalledAt = Date.now();
          child.kill(signal);
        })();
        const end = await ended(child, started);
        const where = `run ${i} (${suite}, ${signal} ${delayMs} ms after ${afterDeploy ? 'a namespace appeared' : 'spawn'}, run ${end.runId ?? '-'}, ${end.ms} ms)`;
        const seen = end.runId ? watcher.firstSeen.get(end.runId) : undefined;
        t.log(`${where}: exit ${end.code ?? end.signal}${end.interrupted ? ', interrupted' : ', finished first'}${seen && seen <= signalledAt ? ', objects were deployed' : ''}`);
        if (end.interrupted && seen !== undefined && seen <= signalledAt) deployedBeforeSignal++;
        if (end.interrupted && end.code !== 2) problems.push(`${where}: interrupted but exit ${end.code}`);
        if (!end.interrupted && (end.code !== 0 || !existsSync(report))) problems.push(`${where}: not interrupted, yet exit ${end.code ?? end.signal}: ${end.stderr.slice(-400)}`);
        if (!end.runId && end.interrupted && /escapekit\.io|namespace/.test(end.stderr)) problems.push(`${where}: no run id printed`);
        // No polling: the CLI only exits once the API server has removed them.
        if (end.runId) ours.push(end.runId);
        if (end.runId) problems.push(...(await leftovers(core, end.runId)).map((l) => `${where}: left ${l}`));
      }));
    }
  } finally {
    watcher.stop();
  }
  // A namespace created after the CLI's last sweep would appear late.
  await sleep(2000);
  for (const id of ours) problems.push(...(await leftovers(core, id)).map((l) => `run ${id}: late leftover ${l}`));
  t.deepEqual(problems, []);
  t.true(deployedBeforeSignal >= 1, 'no run was interrupted while its namespace or pods existed');
});
