/**
 * Kernel release parsing and a deliberately small table of container-escape kernel CVEs.
 * Version numbers only hint: distribution kernels backport fixes without changing the
 * upstream version (5.15.0-91-generic, 4.18.0-513.el8), so a match means "possible".
 */

/** One container-relevant kernel CVE with the upstream releases that carry its fix. */
export interface KernelCveHint {
  cve: string;
  name: string;
  /** First affected upstream version (major.minor[.patch]). */
  introduced: string;
  /** First mainline release with the fix. */
  fixedMainline: string;
  /** First fixed stable release of each maintained branch (major.minor.patch). */
  fixedStable: readonly string[];
  /** What it opens from inside a container. */
  impact: string;
}

/**
 * Fixed versions are taken from the stable-release announcements of each fix; entries whose
 * backports could not be checked are left out rather than guessed.
 */
export const KERNEL_CVE_HINTS: readonly KernelCveHint[] = [
  {
    cve: 'CVE-2022-0847', name: 'Dirty Pipe', introduced: '5.8', fixedMainline: '5.17',
    fixedStable: ['5.16.11', '5.15.25', '5.10.102'],
    impact: 'overwrite read-only files (host binaries shared through image layers, runc)',
  },
  {
    cve: 'CVE-2022-0492', name: 'cgroup v1 release_agent', introduced: '2.6.24', fixedMainline: '5.17',
    fixedStable: ['5.16.6', '5.15.20', '5.10.97', '5.4.177', '4.19.229', '4.14.266', '4.9.301'],
    impact: 'set release_agent from a user namespace without CAP_SYS_ADMIN: host command as root',
  },
  {
    cve: 'CVE-2022-0185', name: 'fs_context legacy_parse_param overflow', introduced: '5.1', fixedMainline: '5.17',
    fixedStable: ['5.16.2', '5.15.16', '5.10.93', '5.4.173'],
    impact: 'heap overflow reachable with CAP_SYS_ADMIN in a user namespace: kernel code execution',
  },
  {
    cve: 'CVE-2016-5195', name: 'Dirty COW', introduced: '2.6.22', fixedMainline: '4.9',
    fixedStable: ['4.8.3', '4.7.9', '4.4.26'],
    impact: 'write to read-only memory mappings (vDSO, setuid binaries)',
  },
];

/** Parses the numeric head of a kernel release (`5.15.0-91-generic` -> [5, 15, 0]); null when unparsable. */
export function parseKernelRelease(release: unknown): [number, number, number] | null {
  if (typeof release !== 'string') return null;
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(release.trim());
  return m ? [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)] : null;
}

/** Compares two parsed versions: negative, zero or positive. */
export function compareVersions(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
}

/** Whether a kernel release predates the fix of `hint`: 'vulnerable', 'fixed', or 'unknown' (unparsable release). */
export function fixStatus(hint: KernelCveHint, release: unknown): 'vulnerable' | 'fixed' | 'unknown' {
  const v = parseKernelRelease(release);
  if (!v) return 'unknown';
  const parse = (s: string) => parseKernelRelease(s)!;
  if (compareVersions(v, parse(hint.introduced)) < 0) return 'fixed';
  if (compareVersions(v, parse(hint.fixedMainline)) >= 0) return 'fixed';
  const branchFix = hint.fixedStable.map(parse).find((f) => f[0] === v[0] && f[1] === v[1]);
  return branchFix && compareVersions(v, branchFix) >= 0 ? 'fixed' : 'vulnerable';
}

/** The hints whose affected range contains `release` (empty for an unparsable release: check fixStatus). */
export function matchingHints(release: unknown): KernelCveHint[] {
  return KERNEL_CVE_HINTS.filter((h) => fixStatus(h, release) === 'vulnerable');
}

/** Looks a hint up by CVE id. */
export function hintFor(cve: string): KernelCveHint | undefined {
  return KERNEL_CVE_HINTS.find((h) => h.cve === cve);
}
