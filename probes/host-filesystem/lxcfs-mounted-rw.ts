/** Is LXCFS's cgroup tree mounted read-write (a container can grant itself host devices through it)? */
import { defineCheck, type Evidence } from '../model.js';
import { openableForWrite, statType } from '../lib/fs.js';
import { readMounts } from '../lib/mounts.js';
import * as s from '../lib/shape.js';

/** One fuse.lxcfs mount of the probe. */
interface LxcfsMount {
  mountPoint: string;
  root: string;
  readOnly: boolean;
  /** The directory where LXCFS shows cgroup controllers (<mount>/cgroup for its root), null when this mount holds none. */
  cgroupDir: string | null;
  /** devices.allow under that directory opened O_WRONLY and closed without writing; null when absent. */
  allowWritable: { writable: boolean; error?: string } | null;
}

interface LxcfsEvidence extends Evidence {
  mountsRead: boolean;
  lxcfs: LxcfsMount[];
}

export default defineCheck<LxcfsEvidence>({
  id: 'lxcfs-mounted-rw',
  boundary: 'host-filesystem',
  title: 'LXCFS cgroup tree mounted read-write',
  rationale: 'LXCFS runs on the host as root and serves a cgroup view under /var/lib/lxcfs/cgroup; mounted read-write into a container, its devices.allow is written by the host daemon on the container\'s behalf: the container grants itself `a *:* rwm`, then creates and mounts the host disk.',
  method: 'Reads /proc/self/mountinfo for fuse.lxcfs mounts; for one that exposes the cgroup tree (its root, or a cgroup subtree) read-write, opens devices.allow below it with O_WRONLY and closes it without writing. Virtualised /proc files alone (cpuinfo, meminfo...) are not a break.',
  remediation: 'Mount only the virtualised /proc files LXCFS provides (cpuinfo, meminfo, stat, uptime...), read-only; never /var/lib/lxcfs or its cgroup directory.',
  severity: 'critical',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.6' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_WRITE' },
  ],
  evidence: s.object({
    mountsRead: s.boolean(),
    lxcfs: s.array(s.object({
      mountPoint: s.string({ max: 4096 }),
      root: s.string({ max: 4096 }),
      readOnly: s.boolean(),
      cgroupDir: s.nullable(s.string({ max: 4096 })),
      allowWritable: s.nullable(s.object({ writable: s.boolean(), error: s.optional(s.string({ max: 200 })) })),
    }), { max: 16 }),
  }),
  async collect() {
    const mounts = await readMounts();
    const lxcfs: LxcfsMount[] = [];
    for (const m of (mounts ?? []).filter((x) => x.fsType === 'fuse.lxcfs').slice(0, 16)) {
      const readOnly = m.options.includes('ro') || m.superOptions.includes('ro');
      const base = m.mountPoint.replace(/\/$/, '');
      const cgroupDir = m.root === '/' ? ((await statType(`${base}/cgroup`)) === 'dir' ? `${base}/cgroup` : null) : /^\/cgroup(\/|$)/.test(m.root) ? base : null;
      // LXCFS shows each controller from the caller's own cgroup: <cgroup>/devices/devices.allow is ours.
      const allow = cgroupDir ? [`${cgroupDir}/devices/devices.allow`, `${cgroupDir}/devices.allow`] : [];
      let allowWritable: LxcfsMount['allowWritable'] = null;
      for (const p of allow) if (!allowWritable && (await statType(p)) === 'file') allowWritable = await openableForWrite(p);
      lxcfs.push({ mountPoint: m.mountPoint, root: m.root, readOnly, cgroupDir, allowWritable });
    }
    return { mountsRead: mounts !== null, lxcfs };
  },
  evaluate(e) {
    if (!Array.isArray(e.lxcfs)) return { status: 'inconclusive', summary: 'evidence missing or malformed' };
    if (e.mountsRead !== true) return { status: 'inconclusive', summary: 'mount table (/proc/self/mountinfo) unreadable' };
    if (e.lxcfs.length === 0) return { status: 'holds', summary: 'no LXCFS mount' };
    // A devices.allow found at all means a cgroup tree is there, whatever cgroupDir says.
    const exposed = e.lxcfs.filter((m) => !m.readOnly && (m.cgroupDir !== null || m.allowWritable !== null));
    const writable = exposed.filter((m) => m.allowWritable?.writable === true);
    if (writable.length > 0) return { status: 'broken', summary: `LXCFS cgroup tree mounted read-write at ${writable[0].mountPoint}: devices.allow under ${writable[0].cgroupDir ?? writable[0].mountPoint} opens for writing` };
    // Root in this container may open what the probe's uid cannot: a read-write cgroup tree never holds.
    if (exposed.length > 0) return { status: 'inconclusive', summary: `LXCFS cgroup tree mounted read-write at ${exposed.map((m) => m.mountPoint).join(', ')}; devices.allow ${exposed[0].allowWritable ? `refused (${exposed[0].allowWritable.error ?? '?'})` : 'not found'}` };
    return { status: 'holds', summary: `LXCFS mounted without a writable cgroup tree: ${e.lxcfs.map((m) => `${m.mountPoint} (${m.readOnly ? 'ro' : 'rw'}${m.cgroupDir ? ', cgroup tree' : ''})`).slice(0, 4).join(', ')}` };
  },
});
