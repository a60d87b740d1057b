/**
 * deploy/cronjob.yaml on the real cluster, as shipped except for its namespace, images and a
 * one-minute schedule: the runner image (built offline, imported into the cluster's containerd)
 * runs k8s-baseline with the pod's own service account; the report is fetched from the
 * ConfigMap; a suite with an unmet expectation fails its Job naming exit code 1, a run that
 * cannot be carried out naming exit code 2. No probe pod remains; the test removes its namespace.
 */
import test from 'ava';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { parseAllDocuments } from 'yaml';
import { BatchV1Api, CoreV1Api, KubeConfig, RbacAuthorizationV1Api, type V1CronJob, type V1Job } from '@kubernetes/client-node';
import { decodeReport } from '../../src/model/read-report.js';
import { noStack } from '../helpers/cli.js';
import { labelledLeftovers, loadProbeImage, requireCluster, TEST_KUBECONFIG } from '../helpers/cluster.js';
import { REPO_ROOT } from '../helpers/paths.js';

const ns = `ek-cron-${process.pid}`;
const kc = new KubeConfig();
kc.loadFromFile(TEST_KUBECONFIG);
const batch = kc.makeApiClient(BatchV1Api);
const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
const core = kc.makeApiClient(CoreV1Api);

/** deploy/cronjob.yaml's objects, moved to the test namespace, with the given images and schedule. */
function shippedObjects(runnerImage: string, probeImage: string): Array<Record<string, any>> {
  const docs = parseAllDocuments(readFileSync(path.join(REPO_ROOT, 'deploy', 'cronjob.yaml'), 'utf8')).map((d) => d.toJS() as Record<string, any>);
  for (const d of docs) {
    if (d.kind === 'Namespace') d.metadata.name = ns;
    else d.metadata.namespace = ns;
    for (const s of d.subjects ?? []) s.namespace = ns;
    if (d.kind === 'CronJob') {
      d.spec.schedule = '* * * * *';
      const container = d.spec.jobTemplate.spec.template.spec.containers[0];
      container.image = runnerImage;
      container.args = container.args.map((a: string) => (a.startsWith('--image=') ? `--image=${probeImage}` : a));
    }
  }
  return docs;
}

async function apply(docs: Array<Record<string, any>>): Promise<void> {
  for (const d of docs) {
    if (d.kind === 'Namespace') await core.createNamespace({ body: d });
    else if (d.kind === 'ServiceAccount') await core.createNamespacedServiceAccount({ namespace: ns, body: d });
    else if (d.kind === 'Role') await rbac.createNamespacedRole({ namespace: ns, body: d });
    else if (d.kind === 'RoleBinding') await rbac.createNamespacedRoleBinding({ namespace: ns, body: d as never });
    else if (d.kind === 'CronJob') await batch.createNamespacedCronJob({ namespace: ns, body: d as V1CronJob });
    else throw new Error(`unexpected kind ${d.kind} in deploy/cronjob.yaml`);
  }
}

/** The equivalent of `kubectl create job --from=cronjob/escapekit NAME`, with the container's args changed. */
async function jobFromCronJob(name: string, args: (a: string[]) => string[], extra: { volume?: Record<string, any>; mount?: Record<string, any> } = {}): Promise<void> {
  const cron = await batch.readNamespacedCronJob({ name: 'escapekit', namespace: ns });
  const spec = structuredClone(cron.spec!.jobTemplate.spec!);
  const pod = spec.template.spec!;
  pod.containers[0].args = args(pod.containers[0].args!);
  if (extra.volume) pod.volumes = [...(pod.volumes ?? []), extra.volume as never];
  if (extra.mount) pod.containers[0].volumeMounts = [...(pod.containers[0].volumeMounts ?? []), extra.mount as never];
  const owner = { apiVersion: 'batch/v1', kind: 'CronJob', name: 'escapekit', uid: cron.metadata!.uid!, controller: true };
  await batch.createNamespacedJob({ namespace: ns, body: { metadata: { name, annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [owner] }, spec } });
}

/** Waits until the Job is Complete or Failed; returns it. */
async function finished(name: string, ms = 300_000): Promise<V1Job> {
  const deadline = Date.now() + ms;
  for (;;) {
    const job = await batch.readNamespacedJob({ name, namespace: ns });
    if (job.status?.conditions?.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return job;
    if (Date.now() > deadline) throw new Error(`job ${name} did not finish within ${ms / 1000} s: ${JSON.stringify(job.status)}`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The first Job the CronJob controller creates on its own schedule. */
async function scheduledJob(ms = 150_000): Promise<string> {
  const deadline = Date.now() + ms;
  for (;;) {
    const jobs = await batch.listNamespacedJob({ namespace: ns });
    const own = jobs.items.find((j) => j.metadata?.ownerReferences?.some((o) => o.kind === 'CronJob') && !j.metadata?.annotations?.['cronjob.kubernetes.io/instantiate']);
    if (own) return own.metadata!.name!;
    if (Date.now() > deadline) throw new Error(`the CronJob created no Job within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** The runner's output (its pod's log). */
async function jobLog(name: string): Promise<string> {
  const pods = await core.listNamespacedPod({ namespace: ns, labelSelector: `job-name=${name}` });
  return String(await core.readNamespacedPodLog({ name: pods.items[0].metadata!.name!, namespace: ns, container: 'escapekit' }));
}

/** The report ConfigMap's gzip'd JSON, as the README tells users to fetch it. */
async function fetchedReport(): Promise<{ raw: Record<string, unknown>; data: Record<string, string> }> {
  const cm = await core.readNamespacedConfigMap({ name: 'escapekit-report', namespace: ns });
  const raw = JSON.parse(gunzipSync(Buffer.from(cm.binaryData!['report.json.gz'], 'base64')).toString('utf8')) as Record<string, unknown>;
  return { raw, data: cm.data ?? {} };
}

const failedMessage = (job: V1Job) => job.status?.conditions?.find((c) => c.type === 'Failed' && c.status === 'True')?.message ?? '';

test.after.always(async () => {
  await core.deleteNamespace({ name: ns, gracePeriodSeconds: 0 }).catch(() => undefined);
});

test.serial('deploy/cronjob.yaml: a scheduled in-cluster run, its report in the ConfigMap, exit codes 1 and 2 as Job status, nothing left', async (t) => {
  // Cold: the runner image's production dependencies are installed once (~1 min), then up to a minute for the schedule.
  t.timeout(12 * 60_000);
  if (!(await requireCluster(t))) return;
  const probeImage = await loadProbeImage();
  const built = await execa('bash', [path.join(REPO_ROOT, 'deploy', 'runner-image', 'build-offline.sh')]);
  const runnerImage = built.stdout.trim().split('\n').pop()!;
  t.regex(runnerImage, /^escapekit\/runner:[\w.-]+$/);
  await execa('bash', [path.join(REPO_ROOT, 'test', 'cluster', 'load-image.sh'), runnerImage]);
  await apply(shippedObjects(runnerImage, probeImage));

  // 1. The controller starts a Job on the schedule; then the CronJob is suspended so no more start.
  const first = await scheduledJob();
  const cron = await batch.readNamespacedCronJob({ name: 'escapekit', namespace: ns });
  await batch.replaceNamespacedCronJob({ name: 'escapekit', namespace: ns, body: { ...cron, spec: { ...cron.spec!, suspend: true } } });
  const done = await finished(first);
  const log = await jobLog(first);
  t.is(done.status?.succeeded, 1, `${JSON.stringify(done.status)}\n${log}`);
  t.regex(log, new RegExp(`in-cluster: probe pods go to this pod's namespace ${ns}`));
  const { raw, data } = await fetchedReport();
  t.is(raw.schemaVersion, 2);
  const report = decodeReport(raw);
  t.is(data['run-id'], report.runId);
  t.deepEqual(report.summary, { scenarios: 2, met: 2, unmet: 0, errors: 0 });
  t.is(report.target.nodes, `not permitted (list nodes (cluster scope))`, 'the namespace Role reads no nodes');
  const byName = new Map(report.scenarios.map((s) => [s.name, s]));
  t.is(byName.get('cluster-default')?.boundaries['host-pid'], 'holds');
  t.is(byName.get('cluster-default')?.boundaries['root-user'], 'broken');
  t.is(byName.get('hardened')?.boundaries['readonly-rootfs'], 'holds');
  t.deepEqual(await labelledLeftovers(core, report.runId, { live: true }), []);

  // 2. An unmet expectation (host-pid must be broken in a default pod): the Job fails naming exit code 1,
  //    and the ConfigMap now holds that run's report (replaced, as the Role allows for this one name).
  await core.createNamespacedConfigMap({ namespace: ns, body: { metadata: { name: 'unmet-suite' }, data: { 'unmet.yaml': 'name: unmet\ntarget: kubernetes\nscenarios:\n  - name: default-pod\n    posture: {}\n    expect:\n      broken: [host-pid]\n' } } });
  await jobFromCronJob('unmet', (args) => args.map((a) => (a.startsWith('--suite=') ? '--suite=/suites/unmet.yaml' : a)), {
    volume: { name: 'suites', configMap: { name: 'unmet-suite' } },
    // subPath: the file itself (a ConfigMap volume's files are links, which escapekit does not follow).
    mount: { name: 'suites', mountPath: '/suites/unmet.yaml', subPath: 'unmet.yaml', readOnly: true },
  });
  // 3. A run that cannot be carried out (no probe image named in a pod): exit 2, said clearly.
  await jobFromCronJob('no-image', (args) => args.filter((a) => !a.startsWith('--image=')));
  const [unmet, noImage] = await Promise.all([finished('unmet'), finished('no-image')]);
  t.regex(failedMessage(unmet), /failed with exit code 1 matching FailJob rule at index 0/, await jobLog('unmet'));
  t.is(unmet.status?.failed, 1);
  const second = decodeReport((await fetchedReport()).raw);
  t.not(second.runId, report.runId);
  t.deepEqual(second.summary, { scenarios: 1, met: 0, unmet: 1, errors: 0 });
  t.regex(failedMessage(noImage), /failed with exit code 2 matching FailJob rule at index 1/);
  const noImageLog = await jobLog('no-image');
  t.regex(noImageLog, /in-cluster run: pass --image with the probe image the cluster can pull/);
  t.true(noStack(noImageLog));

  // Nothing of any run is live: no probe pod in the namespace, no run namespace.
  t.deepEqual(await labelledLeftovers(core, second.runId, { live: true }), []);
  const probes = await core.listNamespacedPod({ namespace: ns, labelSelector: 'escapekit.io/run-id' });
  t.deepEqual(probes.items.filter((p) => !p.metadata?.deletionTimestamp).map((p) => p.metadata?.name), []);
});
