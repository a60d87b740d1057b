/** `escapekit cluster up|down [--config NAME|FILE] [--name N]`: kind cluster lifecycle. */
import { parse, positiveInt } from '../cli/args.js';
import { UsageError } from '../errors.js';
import { DEFAULT_KIND_CLUSTER, kind, resolveKindConfig } from '../kind/cli.js';

const NAME = /^[a-z0-9]([a-z0-9-]{0,40}[a-z0-9])?$/;

/** Creates or deletes a kind cluster; returns the exit code. */
export async function clusterCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { config: { type: 'string' }, name: { type: 'string' }, wait: { type: 'string' } }, 'cluster');
  const action = positionals[0];
  if (positionals.length !== 1 || (action !== 'up' && action !== 'down')) throw new UsageError("cluster: expected 'cluster up' or 'cluster down'");
  const waitSeconds = positiveInt(values.wait, 'wait', 180);
  if (action === 'down' && (values.wait !== undefined || values.config !== undefined)) throw new UsageError('cluster down: --wait and --config apply to cluster up only');
  const name = values.name ?? DEFAULT_KIND_CLUSTER;
  if (!NAME.test(name)) throw new UsageError(`--name '${name}' is not a valid cluster name`);
  if (action === 'up') {
    const config = resolveKindConfig(values.config);
    await kind(['create', 'cluster', '--name', name, '--config', config, '--wait', `${waitSeconds}s`]);
    process.stderr.write(`kind cluster '${name}' is up (config ${config}); context kind-${name}\n`);
  } else {
    await kind(['delete', 'cluster', '--name', name]);
    process.stderr.write(`kind cluster '${name}' deleted\n`);
  }
  return 0;
}
