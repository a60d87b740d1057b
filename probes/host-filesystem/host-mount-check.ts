/** Shared shape of the host-filesystem checks: one classified list of host mounts, judged differently. */
import { defineCheck, type Check, type CheckMeta, type Evidence, type Verdict } from '../model.js';
import { collectHostMounts, hostMountsOf, type HostMount, type HostMountsEvidence } from '../lib/host-mounts.js';

/** Evidence of every host-filesystem check. */
export type HostMountCheckEvidence = HostMountsEvidence & Evidence;

/** Mounts whose content could not be listed although they are the root of some file system: could be the host's. */
export function unlistedRoots(mounts: HostMount[]): HostMount[] {
  return mounts.filter((m) => m.kind === 'other' && m.root === '/' && m.listed === false);
}

/** Builds a host-filesystem check from its metadata and a judge over well-formed mounts. */
export function hostMountCheck(
  meta: Omit<CheckMeta, 'boundary' | 'targets'> & Partial<Pick<CheckMeta, 'targets'>>,
  judge: (mounts: HostMount[], mountsScanned: number, evidence: HostMountCheckEvidence) => Verdict,
): Check {
  return defineCheck<HostMountCheckEvidence>({
    boundary: 'host-filesystem',
    targets: ['docker', 'kubernetes'],
    ...meta,
    async collect() {
      return { ...(await collectHostMounts()) };
    },
    evaluate(e) {
      const mounts = hostMountsOf(e);
      if (typeof e.mountsScanned !== 'number') return { status: 'inconclusive', summary: 'mount table (/proc/self/mountinfo) unreadable' };
      if (!mounts) return { status: 'inconclusive', summary: 'host mount evidence missing or malformed' };
      return judge(mounts, e.mountsScanned, e);
    },
  });
}
