/** Keeps a workload's mounts off the paths the probe itself needs (its node binary, agent, busybox, libraries, scratch tmpfs). */
import type { DerivedScenario } from './types.js';

/** Paths of the probe image and its scratch tmpfs that a mount must not cover. */
export const PROBE_OWN_PATHS = ['/tmp', '/node', '/agent.mjs', '/bin', '/lib', '/lib64'] as const;

/** Where a relocated mount goes: the exposure stays (a host path is a host path wherever it appears). */
export const RELOCATED_ROOT = '/escapekit-workload';

function covers(target: string, own: string): boolean {
  const t = target.replace(/\/+$/, '') || '/';
  return t === '/' || own === t || own.startsWith(`${t}/`);
}

/** Moves mounts and volumes that would cover a probe path under RELOCATED_ROOT, and says so. */
export function relocateProbePaths(s: DerivedScenario): void {
  const move = (path: string, what: string): string => {
    if (!PROBE_OWN_PATHS.some((own) => covers(path, own))) return path;
    const moved = `${RELOCATED_ROOT}${path === '/' ? '/root' : path}`;
    s.notReproduced.push(`${what} at ${path} mounted at ${moved} instead (it would cover the probe's own files; the exposure is the same)`);
    return moved;
  };
  for (const m of s.posture.mounts ?? []) m.path = move(m.path, `host path ${m.hostPath}`);
  // The probe's /tmp is already an empty tmpfs: an emptyDir there is the same thing.
  for (const v of s.posture.volumes ?? []) if (v.path !== '/tmp') v.path = move(v.path, `${v.kind} volume`);
}
