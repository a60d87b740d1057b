/**
 * The Kubernetes floor of `npm run bench`: N bare pods of the probe image (`/node -e 0`),
 * `concurrency` at a time, each created and awaited to Succeeded through one watch: the least
 * any tool needs to run N pods here. Its namespace is made (and its service account awaited)
 * before the clock starts and deleted after it stops.
 */
import { CoreV1Api, KubeConfig, Watch, type V1Pod } from '@kubernetes/client-node';
import { mapPool } from '../src/run/pool.js';

const LABEL = 'escapekit.io/run-id';

/** Milliseconds to run `n` bare pods, `concurrency` at a time. */
export async function podFloor(kubeconfig: string, image: string, n: number, concurrency: number): Promise<number> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const core = kc.makeApiClient(CoreV1Api);
  const runId = `bench-floor-${Math.random().toString(36).slice(2, 8)}`;
  const namespace = `escapekit-${runId}`;
  await core.createNamespace({ body: { metadata: { name: namespace, labels: { [LABEL]: runId } } } });
  try {
    for (let i = 0; i < 100 && !(await core.readNamespacedServiceAccount({ name: 'default', namespace }).then(() => true, () => false)); i++) await new Promise((r) => setTimeout(r, 100));
    const ended = new Map<string, () => void>();
    const done = new Set<string>();
    const controller = await new Watch(kc).watch(`/api/v1/namespaces/${namespace}/pods`, {}, (_type, pod: V1Pod) => {
      const name = pod.metadata?.name ?? '';
      if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') return;
      done.add(name);
      ended.get(name)?.();
    }, () => undefined);
    const started = performance.now();
    await mapPool(Array.from({ length: n }, (_, i) => `floor-${i}`), concurrency, async (name) => {
      const finished = new Promise<void>((resolve) => ended.set(name, resolve));
      await core.createNamespacedPod({
        namespace,
        body: {
          metadata: { name, labels: { [LABEL]: runId } },
          spec: { restartPolicy: 'Never', terminationGracePeriodSeconds: 1, enableServiceLinks: false, containers: [{ name: 'c', image, imagePullPolicy: 'Never', command: ['/node', '-e', '0'] }] },
        },
      });
      if (!done.has(name)) await finished;
    });
    const elapsed = performance.now() - started;
    controller.abort();
    return elapsed;
  } finally {
    await core.deleteNamespace({ name: namespace, gracePeriodSeconds: 0 }).catch(() => undefined);
  }
}
