/** `--expect baseline|restricted|holds-all|none`: what a derived scenario must show. */
import type { BoundaryId } from '../../probes/model.js';
import { UsageError } from '../errors.js';
import type { Expectation } from '../suite/types.js';

/** Levels accepted by `--expect`. */
export const EXPECT_LEVELS = ['baseline', 'restricted', 'holds-all', 'none'] as const;
/** One of EXPECT_LEVELS. */
export type ExpectLevel = (typeof EXPECT_LEVELS)[number];

/**
 * Boundaries the Pod Security Standards baseline level protects: it forbids privileged
 * containers, host namespaces, hostPath volumes, added capabilities beyond its list,
 * unmasked /proc and unsafe sysctls. It does not require seccomp, an LSM, non-root or
 * no-new-privileges (it only forbids turning seccomp and AppArmor off explicitly).
 */
export const BASELINE_BOUNDARIES: readonly BoundaryId[] = ['runtime-socket', 'host-pid', 'host-network', 'host-ipc', 'capabilities', 'host-filesystem', 'devices', 'kernel-interfaces'];

/** Restricted adds: seccomp RuntimeDefault or Localhost, allowPrivilegeEscalation false, runAsNonRoot. */
export const RESTRICTED_BOUNDARIES: readonly BoundaryId[] = [...BASELINE_BOUNDARIES, 'seccomp', 'no-new-privileges', 'root-user'];

/** Parses `--expect` (default baseline). */
export function parseExpectLevel(value: string | undefined): ExpectLevel {
  if (value === undefined) return 'baseline';
  if ((EXPECT_LEVELS as readonly string[]).includes(value)) return value as ExpectLevel;
  throw new UsageError(`--expect must be one of ${EXPECT_LEVELS.join(', ')}, got '${value.slice(0, 40)}'`);
}

/** The expectation of every scenario derived under `level`. */
export function expectationFor(level: ExpectLevel): Expectation {
  const holds: Expectation['holds'] = level === 'baseline' ? [...BASELINE_BOUNDARIES] : level === 'restricted' ? [...RESTRICTED_BOUNDARIES] : level === 'holds-all' ? ['*'] : [];
  return { broken: [], holds, admission: 'allowed' };
}
