/** `escapekit cleanup [--run-id ID] [--target docker|kubernetes ...]`: removes what any run (or one run) left behind. */
import { parse } from '../cli/args.js';
import { connectDocker } from '../docker/client.js';
import { UsageError } from '../errors.js';
import { terminalSafe } from '../io/terminal-safe.js';
import { runSelector } from '../targets/labels.js';
import { removeLabelled } from '../targets/docker.js';
import { probeImageTag } from '../image/build.js';
import type Docker from 'dockerode';

/** Removes probe images of earlier escapekit builds: every probe tag but the current one, and untagged probe images. */
async function removeOldProbeImages(docker: Docker): Promise<number> {
  const current = (await probeImageTag()).tag;
  const images = await docker.listImages({ filters: { label: ['escapekit.io/component=probe'] } });
  const refs = images.flatMap((i) => {
    const tags = (i.RepoTags ?? []).filter((t) => t !== '<none>:<none>');
    return tags.length === 0 ? [i.Id] : tags.filter((t) => t !== current);
  });
  // Removing by tag only untags an image that still carries the current tag.
  const removed = await Promise.all(refs.map((ref) => docker.getImage(ref).remove({ force: false }).then(() => 1, () => 0)));
  return removed.reduce<number>((a, b) => a + b, 0);
}

/** Removes Kubernetes leftovers: the run namespaces, and labelled pods anywhere else. */
async function cleanupKubernetes(options: { kubeconfig?: string; context?: string }, runId?: string): Promise<string> {
  // The Kubernetes client loads only when a cluster is cleaned (it takes seconds to load).
  const [{ loadCluster, serverVersion }, { deleteRunNamespaces }] = await Promise.all([import('../kubernetes/client.js'), import('../kubernetes/namespaces.js')]);
  const cluster = loadCluster(options);
  await serverVersion(cluster);
  const namespaces = await deleteRunNamespaces(cluster.core, runId);
  const labelSelector = runSelector(runId);
  const pods = await cluster.core.listPodForAllNamespaces({ labelSelector });
  await Promise.all(pods.items.map((p) => cluster.core.deleteNamespacedPod({ name: p.metadata!.name!, namespace: p.metadata!.namespace!, gracePeriodSeconds: 0 }).catch(() => undefined)));
  return `removed ${namespaces.length} namespace(s) and ${pods.items.length} pod(s)`;
}

/** Removes leftovers; returns the exit code. */
export async function cleanupCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'run-id': { type: 'string' }, images: { type: 'boolean' }, target: { type: 'string' }, kubeconfig: { type: 'string' }, context: { type: 'string' } }, 'cleanup');
  if (positionals.length) throw new UsageError(`cleanup: unexpected argument '${terminalSafe(positionals[0].slice(0, 80))}'`);
  const runId = values['run-id'];
  if (runId !== undefined && !/^[a-z0-9-]{1,63}$/.test(runId)) throw new UsageError(`--run-id '${terminalSafe(runId.slice(0, 80))}' is not a run id`);
  const target = values.target ?? 'docker';
  // Flags another target would use are refused, never silently ignored.
  if (target === 'docker') for (const k of ['kubeconfig', 'context'] as const) if (values[k] !== undefined) throw new UsageError(`cleanup: --${k} applies to --target kubernetes or kind, not docker`);
  if (target !== 'docker' && values.images) throw new UsageError('cleanup: --images applies to --target docker (probe images of a cluster live in its nodes)');
  const of = runId ? ` of run ${runId}` : '';
  if (target === 'docker') {
    const docker = await connectDocker();
    const removed = await removeLabelled(docker, runId);
    process.stderr.write(`removed ${removed} container(s)${of}\n`);
    if (values.images) process.stderr.write(`removed ${await removeOldProbeImages(docker)} old probe image(s)\n`);
  } else if (target === 'kubernetes' || target === 'kind') {
    process.stderr.write(`${await cleanupKubernetes({ kubeconfig: values.kubeconfig, context: values.context }, runId)}${of}\n`);
  } else {
    throw new UsageError(`cleanup: --target must be docker, kubernetes or kind, got '${terminalSafe(target.slice(0, 40))}'`);
  }
  return 0;
}
