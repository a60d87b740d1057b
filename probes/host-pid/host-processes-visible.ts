/** Second view on host PID: are host daemons or kernel threads among the visible processes? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readMounts } from '../lib/mounts.js';
import { kernelThreads, readProcesses, type ProcessInfo } from '../lib/procs.js';
import { ancestryShape, pidNamespaceOwner, readAncestry, type AncestorLink } from '../lib/pid-ancestry.js';
import * as s from '../lib/shape.js';

/** Daemons that run only on a host or node, never inside a workload container. */
const HOST_DAEMONS = /^(dockerd|containerd|containerd-shim.*|kubelet|crio|conmon|runc|kube-proxy|k3s.*|cri-dockerd|etcd)$/;
/** Daemons typical of a host but possible in an odd container: evidence, not proof. */
const HOST_LIKE = /^(systemd|systemd-.+|init|sshd|journald|cron|crond|rsyslogd|dbus-daemon|udevd|agetty|polkitd|snapd|chronyd|ntpd)$/;

/** Another procfs in the probe's view (a host /proc bind-mounted somewhere, or inside a mounted host /). */
interface OtherProcfs {
  mountPoint: string;
  processCount: number | null;
  kernelThreadCount: number | null;
  hostDaemons: Array<{ pid: number; comm: string | null }>;
}

/** What the mount table says about /proc: its super options, or why they are unknown. */
type ProcMount = { outcome: 'found'; superOptions: string[] } | { outcome: 'not-mounted' } | { outcome: 'mounts-unreadable' };

interface HostProcEvidence extends Evidence {
  processCount: number | null;
  kernelThreadCount: number | null;
  hostDaemons: Array<{ pid: number; comm: string | null }>;
  hostLike: Array<{ pid: number; comm: string | null }>;
  /** The /proc mount's super options (hidepid= would hide other users' processes), or why they are unknown. */
  procMount: ProcMount;
  /** Every procfs mounted elsewhere than /proc, with what it shows. */
  otherProcfs: OtherProcfs[];
  /** Visible processes whose name or parent could not be read (exited meanwhile, or hidden). */
  unreadable: number | null;
  /** The probe's chain of parents (itself first): proves whose PID namespace /proc shows. */
  ancestry: AncestorLink[];
}

const MAX_OTHER = 8;

const processShape = s.object({ pid: s.int(1, 4194304), comm: s.nullable(s.string({ max: 64 })) });

/** The `hidepid=` value of the /proc mount, '' when absent, null when the options are unknown. */
function hidepidOf(m: ProcMount): string | null {
  if (m?.outcome !== 'found' || !Array.isArray(m.superOptions)) return null;
  return m.superOptions.find((o) => o.startsWith('hidepid='))?.slice(8) ?? '';
}

const brief = (p: ProcessInfo) => ({ pid: p.pid, comm: p.comm });
const names = (list: Array<{ pid: number; comm: string | null }>) => list.slice(0, 5).map((p) => `${p.comm}(${p.pid})`).join(', ');

/** A procfs of another (the host's) PID namespace: it shows kernel threads, host daemons or more processes than ours. */
function foreignProcfs(e: HostProcEvidence): Verdict | null {
  for (const o of e.otherProcfs) {
    if (!o || typeof o.mountPoint !== 'string' || !Array.isArray(o.hostDaemons)) return { status: 'inconclusive', summary: 'procfs evidence malformed' };
    if ((o.kernelThreadCount ?? 0) > 0 || o.hostDaemons.length > 0) {
      return { status: 'broken', summary: `host procfs mounted at ${o.mountPoint}: ${o.processCount ?? '?'} processes${o.kernelThreadCount ? `, ${o.kernelThreadCount} kernel threads` : ''}${o.hostDaemons.length ? ` (${names(o.hostDaemons)})` : ''}` };
    }
  }
  const more = e.otherProcfs.find((o) => typeof o.processCount !== 'number' || typeof o.kernelThreadCount !== 'number' || o.processCount > (e.processCount ?? 0));
  if (more) return { status: 'inconclusive', summary: `procfs at ${more.mountPoint} ${typeof more.processCount !== 'number' || typeof more.kernelThreadCount !== 'number' ? 'could not be listed' : `shows ${more.processCount} processes, more than this container's ${e.processCount ?? '?'}`}: another PID namespace is visible` };
  return null;
}

function judge(e: HostProcEvidence): Verdict {
  if (!e || !Array.isArray(e.hostDaemons) || !Array.isArray(e.hostLike) || !Array.isArray(e.otherProcfs)) return { status: 'inconclusive', summary: '/proc could not be listed' };
  const other = foreignProcfs(e);
  if (other?.status === 'broken') return other;
  if ((e.kernelThreadCount ?? 0) > 0) return { status: 'broken', summary: `${e.kernelThreadCount} kernel threads and ${e.processCount ?? '?'} processes visible: host PID namespace${e.hostDaemons.length ? ` (${names(e.hostDaemons)})` : ''}` };
  if (e.hostDaemons.length > 0) return { status: 'broken', summary: `host daemons visible: ${names(e.hostDaemons)} (${e.processCount ?? '?'} processes)` };
  const owner = pidNamespaceOwner(e.ancestry);
  if (owner.owner === 'runtime') return { status: 'broken', summary: `${owner.reason}: the runtime's processes are visible (${e.processCount ?? '?'} processes)` };
  if (other) return other;
  // Holds needs a positive listing (the count of processes and of kernel threads among them) and proof that /proc shows the container's own namespace.
  if (typeof e.processCount !== 'number' || typeof e.kernelThreadCount !== 'number') return { status: 'inconclusive', summary: '/proc could not be listed' };
  if (owner.owner !== 'own') return { status: 'inconclusive', summary: `${e.processCount} processes visible, no host daemon or kernel thread recognised, but ${owner.reason}${e.unreadable ? ` (${e.unreadable} processes unreadable)` : ''}: host processes are not ruled out` };
  if (e.hostLike.length > 0) return { status: 'inconclusive', summary: `host-like processes visible (${names(e.hostLike)}) but no runtime daemon or kernel thread` };
  const hidepid = hidepidOf(e.procMount);
  if (hidepid === null) return { status: 'inconclusive', summary: `${e.processCount} processes visible, but the /proc mount's options are unknown (${e.procMount?.outcome ?? 'not reported'}): hidepid may hide other processes` };
  if (hidepid !== '' && hidepid !== '0' && hidepid !== 'off') return { status: 'inconclusive', summary: `/proc is mounted with hidepid=${hidepid}: other processes may be hidden` };
  return { status: 'holds', summary: `${e.processCount} processes visible, no host daemon and no kernel thread; ${owner.reason}` };
}

export default defineCheck<HostProcEvidence>({
  id: 'host-processes-visible',
  boundary: 'host-pid',
  title: 'Host processes visible',
  rationale: 'Seeing dockerd, containerd, kubelet or kernel threads means the probe shares the host PID namespace: host processes\' environment, open files and /proc/<pid>/root are one step away (CE_NSENTER).',
  method: 'Lists /proc/<pid>/comm and cmdline for every visible process and looks for kernel threads (children of kthreadd) and host-only daemons; does the same for every other procfs in the mount table (a host /proc, or the one under a mounted host /). Holds needs proof that /proc shows the container\'s own PID namespace: the probe\'s chain of parents ends at PPid 0 with every link in the container\'s mount namespace (an ancestor in another mount namespace is the runtime, visible: broken).',
  remediation: 'Do not set hostPID: true / --pid=host, and do not mount the host\'s /proc (or its / without excluding /proc) into a container.',
  severity: 'high',
  safety: 'passive',
  targets: ['docker', 'kubernetes'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1613' },
    { framework: 'cis-docker-1.6', id: '5.16' },
    { framework: 'cis-kubernetes', id: '5.2.3' },
    { framework: 'pod-security-standards', id: 'baseline/Host Namespaces' },
    { framework: 'kubehound', id: 'CE_NSENTER' },
  ],
  evidence: s.object({
    processCount: s.nullable(s.int(0, 4194304)),
    kernelThreadCount: s.nullable(s.int(0, 4194304)),
    hostDaemons: s.array(processShape, { max: 20 }),
    hostLike: s.array(processShape, { max: 20 }),
    procMount: s.union(
      s.object({ outcome: s.oneOf('found'), superOptions: s.array(s.string({ max: 4096 }), { max: 200 }) }),
      s.object({ outcome: s.oneOf('not-mounted', 'mounts-unreadable') }),
    ),
    otherProcfs: s.array(s.object({
      mountPoint: s.string({ max: 4096 }),
      processCount: s.nullable(s.int(0, 4194304)),
      kernelThreadCount: s.nullable(s.int(0, 4194304)),
      hostDaemons: s.array(processShape, { max: 20 }),
    }), { max: MAX_OTHER }),
    unreadable: s.nullable(s.int(0, 4194304)),
    ancestry: ancestryShape,
  }),
  async collect() {
    const [listing, mounts, ancestry] = await Promise.all([readProcesses(4000), readMounts(), readAncestry()]);
    // The last mount at /proc is the one in effect.
    const proc = mounts?.filter((m) => m.mountPoint === '/proc').at(-1);
    const procMount: ProcMount = !mounts ? { outcome: 'mounts-unreadable' } : proc ? { outcome: 'found', superOptions: proc.superOptions.slice(0, 200).map((o) => o.slice(0, 4096)) } : { outcome: 'not-mounted' };
    const otherProcfs = await Promise.all((mounts ?? []).filter((m) => m.fsType === 'proc' && m.mountPoint !== '/proc' && !m.mountPoint.startsWith('/proc/')).slice(0, MAX_OTHER).map(async (m): Promise<OtherProcfs> => {
      const other = await readProcesses(4000, m.mountPoint);
      if (!other) return { mountPoint: m.mountPoint, processCount: null, kernelThreadCount: null, hostDaemons: [] };
      return { mountPoint: m.mountPoint, processCount: other.total, kernelThreadCount: kernelThreads(other.processes).length, hostDaemons: other.processes.filter((p) => HOST_DAEMONS.test(p.comm ?? '')).slice(0, 20).map(brief) };
    }));
    if (!listing) return { processCount: null, kernelThreadCount: null, hostDaemons: [], hostLike: [], procMount, otherProcfs, unreadable: null, ancestry };
    const procs = listing.processes;
    return {
      otherProcfs,
      processCount: listing.total,
      kernelThreadCount: kernelThreads(procs).length,
      hostDaemons: procs.filter((p) => HOST_DAEMONS.test(p.comm ?? '')).slice(0, 20).map(brief),
      hostLike: procs.filter((p) => HOST_LIKE.test(p.comm ?? '')).slice(0, 20).map(brief),
      procMount,
      unreadable: procs.filter((p) => p.comm === null || p.ppid === null).length,
      ancestry,
    };
  },
  evaluate: judge,
});
