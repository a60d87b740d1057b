/** Is a cgroup hierarchy beyond the container's own cgroup mounted writable (e.g. the host's /sys/fs/cgroup)? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readLink, readText } from '../lib/fs.js';
import * as s from '../lib/shape.js';
import { readSandbox } from '../environment.js';
import { DENIED_ERRORS, probeWrite, untested, writeProbeShape, type WriteProbe } from '../lib/kernel-files.js';
import type { MountInfo } from '../lib/proc.js';
import { readMounts } from '../lib/mounts.js';
import { containerRootShape, mountBarrier, readContainerRoot, rootCouldOpen, sysAdminObtainable, type ContainerRoot } from '../lib/container-root.js';

/** A cgroup mount that shows more than the probe's own cgroup, and whether its cgroup.procs opens for writing. */
interface ExposedHierarchy {
  mountPoint: string;
  fsType: 'cgroup' | 'cgroup2';
  /** Cgroup path the mount shows (mountinfo root) and the probe's own path in that hierarchy. */
  root: string;
  own: string;
  probe: WriteProbe;
}

interface HostCgroupEvidence extends Evidence {
  mountsRead: boolean;
  /** Cgroup mounts seen in total. */
  cgroupMounts: number;
  exposed: ExposedHierarchy[];
  /** Who root in this container is: a refusal to a non-root probe is judged for root. */
  container: ContainerRoot;
  /** The sandbox runtime detected from inside (environment.ts): in gVisor a cgroup mount is the sentry's own cgroupfs. */
  sandbox: string | null;
  /** Link of /proc/self/ns/cgroup (null: unreadable, as inside gVisor's sentry; a Linux kernel since 4.6 always shows it). */
  cgroupNamespace: string | null;
}

const MAX_PROBED = 16;

/** The probe's own cgroup path per hierarchy, keyed by controller (v1) or '' (v2), from /proc/self/cgroup. */
export function ownCgroupPaths(text: string): Map<string, string> {
  const own = new Map<string, string>();
  for (const line of text.split('\n')) {
    const [id, controllers, ...rest] = line.split(':');
    if (id === undefined || controllers === undefined || !rest.length) continue;
    const path = rest.join(':');
    if (controllers === '') own.set('', path);
    else for (const c of controllers.split(',')) own.set(c, path);
  }
  return own;
}

/** The probe's own path in the hierarchy of mount `m`, or null when /proc/self/cgroup does not name it. */
export function ownPathFor(m: MountInfo, own: Map<string, string>): string | null {
  if (m.fsType === 'cgroup2') return own.get('') ?? null;
  for (const option of m.superOptions) if (own.has(option)) return own.get(option) ?? null;
  return null;
}

/** True when a mount showing cgroup `root` covers more than the subtree at `own`. */
export function showsBeyondOwn(root: string, own: string): boolean {
  // Seen from a private cgroup namespace, cgroups outside it are shown as /.. paths.
  if (/(^|\/)\.\.(\/|$)/.test(root)) return true;
  const base = own.replace(/\/$/, '');
  return !(root === own || root === base || root.startsWith(`${base}/`));
}

function judge(e: HostCgroupEvidence): Verdict {
  if (!e || e.mountsRead !== true || !Array.isArray(e.exposed)) return { status: 'inconclusive', summary: 'mount table or /proc/self/cgroup unreadable' };
  const writable = e.exposed.filter((x) => x?.probe?.open?.writable === true);
  if (writable.length > 0) {
    const w = writable[0];
    return { status: 'broken', summary: `${w.mountPoint}/cgroup.procs opens for writing: a ${w.fsType} hierarchy shown from ${w.root} (this container is ${w.own}) is writable, so the container can leave its cgroup's limits and change other containers' and host services' cgroups${writable.length > 1 ? ` (${writable.length} hierarchies)` : ''}` };
  }
  const unclear = e.exposed.find((x) => untested(x.probe));
  if (unclear) return { status: 'inconclusive', summary: `${unclear?.mountPoint}: cgroup.procs could not be tested` };
  // A refusal to a non-root probe says nothing about root in the same container.
  const container = e.container && typeof e.container === 'object' ? e.container : undefined;
  const tested = e.exposed.filter((x) => x?.probe?.open).map((x) => x.probe);
  const odd = tested.find((p) => !DENIED_ERRORS.includes(p.open?.error ?? ''));
  if (odd) return { status: 'inconclusive', summary: `${odd.path}: open(O_WRONLY) failed with ${odd.open?.error ?? 'no error code'}` };
  const forRoot = tested.map((p) => rootCouldOpen(p, container));
  const yes = forRoot.find((r) => r.could === 'yes');
  if (yes) return { status: 'broken', summary: `host cgroup hierarchy writable by root in this container: ${yes.why}` };
  const unknown = forRoot.find((r) => r.could === 'unknown');
  if (unknown) return { status: 'inconclusive', summary: `host cgroup hierarchy: ${unknown.why}` };
  const sysAdmin = sysAdminObtainable(container);
  // Inside gVisor (detected from evidence) a cgroup hierarchy root mounts is the sentry's own cgroupfs, never the host's.
  if (sysAdmin !== false && e.sandbox === 'gvisor' && e.cgroupNamespace === null && e.exposed.length === 0) return { status: 'holds', summary: `every cgroup mount (${e.cgroupMounts}) shows only this container's own cgroup; inside gVisor a cgroup hierarchy root mounts is the sentry's own cgroupfs, not the host's` };
  if (sysAdmin !== false) return { status: 'inconclusive', summary: sysAdmin ? 'root with CAP_SYS_ADMIN (no user namespace) can mount a cgroup hierarchy beyond its own cgroup (see cgroup-release-agent)' : 'whether root in the container could mount a cgroup hierarchy (CAP_SYS_ADMIN, user namespace) is unknown' };
  if (e.exposed.length > 0) return { status: 'holds', summary: `${e.exposed.length} cgroup mount(s) show more than this container's cgroup, none writable by root in the container (${e.exposed.slice(0, 3).map((x) => `${x.mountPoint}: ${x.probe.open?.error ?? x.probe.skipped ?? 'absent'}`).join(', ')})` };
  return { status: 'holds', summary: `every cgroup mount (${e.cgroupMounts}) shows only this container's own cgroup, and ${mountBarrier(container)} against mounting another` };
}

export default defineCheck<HostCgroupEvidence>({
  id: 'host-cgroup-writable',
  boundary: 'kernel-interfaces',
  title: 'Host cgroup hierarchy writable',
  rationale: 'A writable cgroup hierarchy that reaches beyond the container\'s own cgroup (a host /sys/fs/cgroup bind mount) lets it move itself out of its resource limits and change the memory, CPU, pids and freezer settings of other containers and host services (device rules and release_agent still need CAP_SYS_ADMIN: see cgroup-devices-allow and cgroup-release-agent).',
  method: 'For every cgroup and cgroup2 mount whose root (mountinfo) is not the probe\'s own cgroup path or below it (from /proc/self/cgroup), opens <mount>/cgroup.procs with O_WRONLY and closes it without writing; root with CAP_SYS_ADMIN could mount another hierarchy (inconclusive), except inside gVisor (detected from evidence), where that mount is the sentry\'s own cgroupfs.',
  remediation: 'Never mount the host\'s /sys/fs/cgroup into a workload; keep the runtime\'s read-only, container-scoped cgroup mount and a private cgroup namespace.',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1499' },
    { framework: 'cis-docker-1.6', id: '5.5' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
  async collect() {
    const [mounts, self, container] = await Promise.all([readMounts(), readText('/proc/self/cgroup', 16 * 1024), readContainerRoot()]);
    const [sandbox, cgroupNamespace] = await Promise.all([readSandbox(), readLink('/proc/self/ns/cgroup')]);
    if (!mounts || !self.ok) return { mountsRead: false, cgroupMounts: 0, exposed: [], container, sandbox, cgroupNamespace };
    const own = ownCgroupPaths(self.text);
    const cgroups = mounts.filter((m) => m.fsType === 'cgroup' || m.fsType === 'cgroup2');
    const beyond = cgroups.flatMap((m) => {
      const mine = ownPathFor(m, own);
      return mine !== null && showsBeyondOwn(m.root, mine) ? [{ m, mine }] : [];
    });
    const exposed = await Promise.all(beyond.slice(0, MAX_PROBED).map(async ({ m, mine }): Promise<ExposedHierarchy> => ({
      mountPoint: m.mountPoint, fsType: m.fsType as 'cgroup' | 'cgroup2', root: m.root, own: mine,
      probe: await probeWrite(`${m.mountPoint.replace(/\/$/, '')}/cgroup.procs`, mounts, m.fsType),
    })));
    return { mountsRead: true, cgroupMounts: cgroups.length, exposed, container, sandbox, cgroupNamespace };
  },
  evidence: s.object({
    mountsRead: s.boolean(),
    cgroupMounts: s.int(0, 100_000),
    exposed: s.array(s.object({
      mountPoint: s.string({ max: 4096 }),
      fsType: s.oneOf('cgroup', 'cgroup2'),
      root: s.string({ max: 4096 }),
      own: s.string({ max: 4096 }),
      probe: writeProbeShape,
    }), { max: MAX_PROBED }),
    container: containerRootShape,
    sandbox: s.nullable(s.string({ max: 40 })),
    cgroupNamespace: s.nullable(s.string({ max: 100 })),
  }),
  evaluate: judge,
});
