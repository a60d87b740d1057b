/** The kind command line, driven through execa; errors become clear usage errors. */
import { execa } from 'execa';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { paths } from '../paths.js';

/** Default kind cluster name used by escapekit. */
export const DEFAULT_KIND_CLUSTER = 'escapekit';

/** Resolves `--config NAME|FILE` to a kind config file (shipped names: default, pss-baseline, pss-restricted, multi-node). */
export function resolveKindConfig(arg: string | undefined): string {
  const value = arg ?? 'default';
  if (/[/\\]|\.ya?ml$/.test(value)) {
    if (!existsSync(value)) throw new UsageError(`kind config not found: ${value}`);
    return path.resolve(value);
  }
  const file = path.join(paths.root, 'kind-config', `${value}.yaml`);
  if (!existsSync(file)) throw new UsageError(`unknown kind config '${value}' (shipped: default, pss-baseline, pss-restricted, multi-node)`);
  return file;
}

/** Runs `kind ...args` from the package root (so relative extraMounts resolve). */
export async function kind(args: string[], timeoutMs = 600_000): Promise<string> {
  try {
    const r = await execa('kind', args, { cwd: paths.root, timeout: timeoutMs, stdin: 'ignore' });
    return String(r.stdout);
  } catch (error) {
    const e = error as { code?: string; stderr?: string; shortMessage?: string };
    if (e.code === 'ENOENT') throw new UsageError('the kind command is not installed or not on PATH', 'see https://kind.sigs.k8s.io/ for installation');
    const detail = (e.stderr ?? '').trim().split('\n').slice(-3).join(' | ') || e.shortMessage || String(error);
    throw new UsageError(`kind ${args.slice(0, 2).join(' ')} failed: ${detail}`);
  }
}
