/** Rules for paths in a posture: normalized absolute paths, and none over the probe's own files. */
import path from 'node:path';

/** Paths the probe itself lives in (its scratch tmpfs, tools, binary and /proc it reads itself through): never mounted over, nor below. */
export const PROBE_OWN_TREES = ['/tmp', '/bin', '/proc'] as const;
/** Single paths of the probe that no mount may replace. */
export const PROBE_OWN_FILES = ['/', '/node', '/agent.mjs'] as const;

/** Why `p` is not a normalized absolute path, or undefined when it is. */
export function pathProblem(p: string): string | undefined {
  if (!p.startsWith('/')) return 'must be an absolute path';
  if (p.includes('\0')) return 'must not contain a NUL byte';
  if (p.split('/').some((seg) => seg === '..')) return "must not contain '..' segments";
  if (path.posix.normalize(p) !== p || (p !== '/' && p.endsWith('/'))) return `must be a normalized path (e.g. '${path.posix.normalize(p).replace(/(.)\/$/, '$1')}'), without '.', '//' or a trailing '/'`;
  return undefined;
}

/** Why a mount at container path `p` would cover the probe's own files, or undefined. */
export function probePathProblem(p: string): string | undefined {
  if ((PROBE_OWN_FILES as readonly string[]).includes(p)) return `would cover the probe's own ${p === '/' ? 'root file system' : `file ${p}`}`;
  const tree = PROBE_OWN_TREES.find((t) => p === t || p.startsWith(`${t}/`));
  if (tree) return `would cover the probe's own ${tree}${tree === '/tmp' ? ' (its scratch space, where active checks mount and write)' : ''}`;
  return undefined;
}
