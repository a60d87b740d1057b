/** No code that derives workloads can fetch a secret or a config map: the API calls that could are absent from src/workloads. */
import test from 'ava';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../../helpers/paths.js';

test('src/workloads calls no secret or config map API (list, read, watch)', (t) => {
  const dir = path.join(REPO_ROOT, 'src', 'workloads');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  t.true(files.length > 10);
  for (const f of files) {
    const text = readFileSync(path.join(dir, f), 'utf8');
    t.notRegex(text, /\b(list|read|watch)\w*(Secret|ConfigMap)\w*\s*\(/, f);
  }
  // The live reader lists exactly the workload kinds.
  const cluster = readFileSync(path.join(dir, 'cluster.ts'), 'utf8');
  t.deepEqual([...cluster.matchAll(/\.(list\w+)\(/g)].map((m) => m[1]).sort(), [
    'listCronJobForAllNamespaces', 'listDaemonSetForAllNamespaces', 'listDeploymentForAllNamespaces', 'listJobForAllNamespaces',
    'listNamespacedCronJob', 'listNamespacedDaemonSet', 'listNamespacedDeployment', 'listNamespacedJob', 'listNamespacedPod',
    'listNamespacedReplicaSet', 'listNamespacedReplicationController', 'listNamespacedStatefulSet', 'listPodForAllNamespaces',
    'listReplicaSetForAllNamespaces', 'listReplicationControllerForAllNamespaces', 'listStatefulSetForAllNamespaces',
  ]);
});
