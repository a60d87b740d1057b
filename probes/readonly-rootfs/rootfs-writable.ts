/** Is the container's root file system writable? */
import * as s from '../lib/shape.js';
import { defineCheck, type Evidence } from '../model.js';
import { accessWritable } from '../lib/fs.js';
import { readMounts } from '../lib/mounts.js';
import { containerRootShape, mountBarrier, readContainerRoot, sysAdminObtainable, type ContainerRoot } from '../lib/container-root.js';

interface RootfsEvidence extends Evidence {
  /** The topmost mount at / in /proc/self/mountinfo, or null when unreadable. */
  rootMount: { fsType: string; source: string; options: string[]; superOptions: string[] } | null;
  /** access("/", W_OK) for the probe's uid: never a write. */
  access: { writable: boolean; error?: string };
  /** Who root in this container is: CAP_SYS_ADMIN without a user namespace can remount / read-write. */
  container: ContainerRoot;
}

export default defineCheck<RootfsEvidence>({
  id: 'rootfs-writable',
  boundary: 'readonly-rootfs',
  title: 'Root file system writable',
  rationale: 'A writable root file system lets an intruder drop tools, replace binaries the container runs and persist across processes; a read-only root confines writes to declared tmpfs and volumes.',
  method: 'Reads the options of the topmost mount at / in /proc/self/mountinfo (ro/rw at mount and superblock level) and asks access("/", W_OK). Never creates a file.',
  remediation: 'Run with a read-only root file system (readOnlyRootFilesystem: true / --read-only) and give the workload tmpfs or emptyDir mounts where it must write.',
  severity: 'low',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1105' },
    { framework: 'mitre-attack', id: 'T1554' },
    { framework: 'cis-docker-1.6', id: '5.13' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  evidence: s.object({
    rootMount: s.nullable(s.object({
      fsType: s.string({ max: 100 }),
      source: s.string({ max: 4096 }),
      options: s.array(s.string({ max: 400 }), { max: 64 }),
      superOptions: s.array(s.oneOf('ro', 'rw'), { max: 2 }),
    })),
    access: s.object({ writable: s.boolean(), error: s.optional(s.string({ max: 200 })) }),
    container: containerRootShape,
  }),
  async collect() {
    const [mounts, container] = await Promise.all([readMounts(), readContainerRoot()]);
    const roots = (mounts ?? []).filter((m) => m.mountPoint === '/');
    const top = roots.at(-1);
    return {
      rootMount: top ? { fsType: top.fsType, source: top.source, options: top.options, superOptions: top.superOptions.filter((o) => o === 'ro' || o === 'rw') } : null,
      access: await accessWritable('/'),
      container,
    };
  },
  evaluate(e) {
    const m = e?.rootMount;
    const strings = (v: unknown): v is string[] => Array.isArray(v) && v.every((o) => typeof o === 'string');
    if (!m || typeof m !== 'object' || !strings(m.options) || !strings(m.superOptions)) return { status: 'inconclusive', summary: 'root mount not found in /proc/self/mountinfo' };
    const access = e.access && typeof e.access === 'object' && typeof e.access.writable === 'boolean' ? e.access : null;
    const ro = m.options.includes('ro') || m.superOptions.includes('ro');
    const fsType = typeof m.fsType === 'string' ? m.fsType : 'unknown fs';
    if (ro) {
      if (access?.writable === true) return { status: 'inconclusive', summary: `root mount flagged ro (${fsType}) yet access("/", W_OK) succeeds` };
      const sysAdmin = sysAdminObtainable(e.container);
      // Root with CAP_SYS_ADMIN over the host's user namespace undoes a read-only root with one remount.
      if (sysAdmin !== false) return { status: 'inconclusive', summary: `root file system mounted read-only (${fsType}), but ${sysAdmin ? 'root with CAP_SYS_ADMIN (no user namespace) can remount it read-write' : 'whether root in the container could remount it (CAP_SYS_ADMIN, user namespace) is unknown'}` };
      return { status: 'holds', summary: `root file system mounted read-only (${fsType}, ${m.options.includes('ro') ? 'mount' : 'superblock'} ro), ${mountBarrier(e.container)} against remounting it` };
    }
    if (!m.options.includes('rw')) return { status: 'inconclusive', summary: `root mount options show neither ro nor rw (${m.options.join(',').slice(0, 80)})` };
    if (access?.writable === true) return { status: 'broken', summary: `root file system mounted rw (${fsType}) and writable by the probe` };
    return { status: 'broken', summary: `root file system mounted rw (${fsType}); / itself refused to this uid (${access?.error ?? 'no access result'}), other directories may not be` };
  },
});
