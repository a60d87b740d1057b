/** `escapekit cleanup [--run-id ID]`: removes probes left behind by any run (or one run). */
import { parse } from '../cli/args.js';
import { connectDocker } from '../docker/client.js';
import { UsageError } from '../errors.js';
import { removeLabelled } from '../targets/docker.js';

/** Removes leftovers; returns the exit code. */
export async function cleanupCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse(argv, { 'run-id': { type: 'string' }, target: { type: 'string' } }, 'cleanup');
  if (positionals.length) throw new UsageError(`cleanup: unexpected argument '${positionals[0]}'`);
  if (values['run-id'] !== undefined && !/^[a-z0-9-]{1,63}$/.test(values['run-id'])) throw new UsageError(`--run-id '${values['run-id']}' is not a run id`);
  const removed = await removeLabelled(await connectDocker(), values['run-id']);
  process.stderr.write(`removed ${removed} container(s)${values['run-id'] ? ` of run ${values['run-id']}` : ''}\n`);
  return 0;
}
