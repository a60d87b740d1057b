/** `escapekit cluster up|down [--config NAME|FILE] [--name N] [--image REF] [--wait SECONDS]`: kind cluster lifecycle. */
import { parse, positiveInt } from '../cli/args.js';
import { connectDocker } from '../docker/client.js';
import { UsageError } from '../errors.js';
import { DEFAULT_KIND_CLUSTER, kind, resolveKindConfig } from '../kind/cli.js';
import { kindConfigNodeCount } from '../kind/config.js';
import { kindNodeContainers, offlineNodeImage, removeIdleKindNetwork } from '../kind/docker-side.js';
import { waitForCluster } from '../kind/ready.js';

const NAME = /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/;

/** Creates or deletes a kind cluster; returns the exit code. */
export async function clusterCommand(argv: string[]): Promise<number> {
  const options = { config: { type: 'string' }, name: { type: 'string' }, wait: { type: 'string' }, image: { type: 'string' } } as const;
  const { values, positionals } = parse(argv, options, 'cluster');
  const action = positionals[0];
  if (positionals.length !== 1 || (action !== 'up' && action !== 'down')) throw new UsageError("cluster: expected 'cluster up' or 'cluster down'");
  const waitSeconds = positiveInt(values.wait, 'wait', 300);
  if (action === 'down' && (values.wait !== undefined || values.config !== undefined || values.image !== undefined)) throw new UsageError('cluster down: --wait, --config and --image apply to cluster up only');
  const name = values.name ?? DEFAULT_KIND_CLUSTER;
  if (!NAME.test(name)) throw new UsageError(`--name '${name}' is not a valid cluster name`);
  return action === 'up' ? up(name, values.config, values.image, waitSeconds) : down(name);
}

/** `kind create cluster`, then waits until every node is Ready; prints the context on stdout. */
async function up(name: string, configArg: string | undefined, imageArg: string | undefined, waitSeconds: number): Promise<number> {
  const config = resolveKindConfig(configArg);
  const nodes = kindConfigNodeCount(config);
  const docker = await connectDocker();
  if ((await kindNodeContainers(docker, name)).length > 0) throw new UsageError(`kind cluster '${name}' already exists`, `escapekit cluster down --name ${name}`);
  // A node image built offline by scripts/setup-kind.sh wins over kind's default (which is pulled).
  const image = imageArg ?? (await offlineNodeImage(docker));
  if (image && !imageArg) process.stderr.write(`using the locally built node image ${image} (pass --image to choose another)\n`);
  const started = Date.now();
  await kind(['create', 'cluster', '--name', name, '--config', config, ...(image ? ['--image', image] : []), '--wait', `${waitSeconds}s`], (waitSeconds + 300) * 1000);
  const context = `kind-${name}`;
  try {
    await waitForCluster(context, nodes, Math.max(30_000, waitSeconds * 1000 - (Date.now() - started)));
  } catch (error) {
    await kind(['delete', 'cluster', '--name', name]).catch(() => undefined);
    throw error;
  }
  process.stderr.write(`kind cluster '${name}' is up: ${nodes} node(s) Ready (config ${config}${image ? `, image ${image}` : ''}); context ${context}\n`);
  process.stdout.write(`${context}\n`);
  return 0;
}

/** `kind delete cluster` (containers and kubeconfig entry), then the `kind` network once no cluster uses it. */
async function down(name: string): Promise<number> {
  await kind(['delete', 'cluster', '--name', name]);
  const docker = await connectDocker();
  const left = await kindNodeContainers(docker, name);
  if (left.length > 0) throw new UsageError(`kind left node containers of '${name}' behind: ${left.join(', ')}`);
  const network = await removeIdleKindNetwork(docker);
  process.stderr.write(`kind cluster '${name}' deleted${network === 'removed' ? '; network kind removed' : network === 'in use' ? '; network kind kept (other kind clusters use it)' : ''}\n`);
  return 0;
}
