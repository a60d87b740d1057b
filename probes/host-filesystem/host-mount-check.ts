/** Shared shape of the host-filesystem checks: one classified list of host mounts, judged differently. */
import { defineCheck, type Check, type CheckMeta, type Evidence, type Verdict } from '../model.js';
import { collectHostMounts, hostMountsOf, type HostMount, type HostMountsEvidence } from '../lib/host-mounts.js';
import * as s from '../lib/shape.js';

/** Evidence of every host-filesystem check. */
export type HostMountCheckEvidence = HostMountsEvidence & Evidence;

const path = s.string({ max: 4096 });

/** Contract of one classified host mount (probes/lib/host-mounts.ts HostMount). */
const hostMountShape = s.object({
  mountPoint: path,
  root: path,
  fsType: s.string({ max: 100 }),
  source: path,
  device: s.string({ max: 24, pattern: /^\d+:\d+$/ }),
  readOnly: s.boolean(),
  writable: s.boolean(),
  writeError: s.optional(s.string({ max: 200 })),
  propagation: s.array(s.string({ max: 100 }), { max: 16 }),
  kind: s.oneOf('host-root', 'sensitive', 'runtime-managed', 'volume', 'other'),
  categories: s.array(s.string({ max: 100 }), { max: 32 }),
  matchedBy: s.array(s.oneOf('path', 'content', 'fstype'), { max: 3 }),
  listed: s.boolean(),
  nosuid: s.boolean(),
  owner: s.nullable(s.object({ uid: s.int(0, 4294967295), mode: s.int(0, 0o7777) })),
});

/** Contract of the evidence every host-mount check shares. */
export const hostMountsEvidenceShape = s.object({
  hostMounts: s.array(hostMountShape, { max: 5000 }),
  mountsScanned: s.nullable(s.int(0, 1_000_000)),
  containerRoot: s.object({ hostRoot: s.nullable(s.boolean()), dacOverride: s.nullable(s.boolean()) }),
  sandbox: s.optional(s.nullable(s.string({ max: 40 }))),
  goferEngineFiles: s.optional(s.nullable(s.boolean())),
  standardDevices: s.optional(s.array(path, { max: 64 })),
});

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
    evidence: hostMountsEvidenceShape as s.Shape<HostMountCheckEvidence>,
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
