/** Is the container's root file system writable? */
import { defineCheck, type Evidence } from '../model.js';
import { accessWritable } from '../lib/fs.js';
import { readMounts } from '../lib/mounts.js';

interface RootfsEvidence extends Evidence {
  /** The topmost mount at / in /proc/self/mountinfo, or null when unreadable. */
  rootMount: { fsType: string; source: string; options: string[]; superOptions: string[] } | null;
  /** access("/", W_OK) for the probe's uid: never a write. */
  access: { writable: boolean; error?: string };
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
  async collect() {
    const mounts = await readMounts();
    const roots = (mounts ?? []).filter((m) => m.mountPoint === '/');
    const top = roots.at(-1);
    return {
      rootMount: top ? { fsType: top.fsType, source: top.source, options: top.options, superOptions: top.superOptions.filter((o) => o === 'ro' || o === 'rw') } : null,
      access: await accessWritable('/'),
    };
  },
  evaluate(e) {
    const m = e.rootMount;
    if (!m || !Array.isArray(m.options) || !Array.isArray(m.superOptions)) return { status: 'inconclusive', summary: 'root mount not found in /proc/self/mountinfo' };
    const access = e.access && typeof e.access === 'object' ? e.access : null;
    const ro = m.options.includes('ro') || m.superOptions.includes('ro');
    if (ro) return { status: 'holds', summary: `root file system mounted read-only (${m.fsType}, ${m.options.includes('ro') ? 'mount' : 'superblock'} ro)` };
    if (!m.options.includes('rw')) return { status: 'inconclusive', summary: `root mount options show neither ro nor rw (${m.options.join(',').slice(0, 80)})` };
    if (access?.writable === true) return { status: 'broken', summary: `root file system mounted rw (${m.fsType}) and writable by the probe` };
    return { status: 'broken', summary: `root file system mounted rw (${m.fsType}); / itself refused to this uid (${access?.error ?? '?'}), other directories may not be` };
  },
});
