/** Second view on host PID: are host daemons or kernel threads among the visible processes? */
import { defineCheck, type Evidence, type Verdict } from '../model.js';
import { readMounts } from '../lib/mounts.js';
import { kernelThreads, readProcesses, type ProcessInfo } from '../lib/procs.js';

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

interface HostProcEvidence extends Evidence {
  processCount: number | null;
  kernelThreadCount: number | null;
  hostDaemons: Array<{ pid: number; comm: string | null }>;
  hostLike: Array<{ pid: number; comm: string | null }>;
  /** `hidepid=` option of the /proc mount, which would hide other users' processes. */
  procHidepid: string | null;
  /** Every procfs mounted elsewhere than /proc, with what it shows. */
  otherProcfs: OtherProcfs[];
}

const MAX_OTHER = 8;

const brief = (p: ProcessInfo) => ({ pid: p.pid, comm: p.comm });
const names = (list: Array<{ pid: number; comm: string | null }>) => list.slice(0, 5).map((p) => `${p.comm}(${p.pid})`).join(', ');

/** A procfs of another (the host's) PID namespace: it shows kernel threads, host daemons or more processes than ours. */
function foreignProcfs(e: HostProcEvidence): Verdict | null {
  for (const o of e.otherProcfs) {
    if (!o || typeof o.mountPoint !== 'string' || !Array.isArray(o.hostDaemons)) return { status: 'inconclusive', summary: 'procfs evidence malformed' };
    if ((o.kernelThreadCount ?? 0) > 0 || o.hostDaemons.length > 0) {
      return { status: 'broken', summary: `host procfs mounted at ${o.mountPoint}: ${o.processCount} processes${o.kernelThreadCount ? `, ${o.kernelThreadCount} kernel threads` : ''}${o.hostDaemons.length ? ` (${names(o.hostDaemons)})` : ''}` };
    }
  }
  const more = e.otherProcfs.find((o) => o.processCount === null || o.processCount > (e.processCount ?? 0));
  if (more) return { status: 'inconclusive', summary: `procfs at ${more.mountPoint} ${more.processCount === null ? 'could not be listed' : `shows ${more.processCount} processes, more than this container's ${e.processCount}`}: another PID namespace is visible` };
  return null;
}

function judge(e: HostProcEvidence): Verdict {
  if (!e || typeof e.processCount !== 'number' || !Array.isArray(e.hostDaemons) || !Array.isArray(e.hostLike) || !Array.isArray(e.otherProcfs)) return { status: 'inconclusive', summary: '/proc could not be listed' };
  const other = foreignProcfs(e);
  if (other?.status === 'broken') return other;
  if ((e.kernelThreadCount ?? 0) > 0) return { status: 'broken', summary: `${e.kernelThreadCount} kernel threads and ${e.processCount} processes visible: host PID namespace${e.hostDaemons.length ? ` (${names(e.hostDaemons)})` : ''}` };
  if (e.hostDaemons.length > 0) return { status: 'broken', summary: `host daemons visible: ${names(e.hostDaemons)} (${e.processCount} processes)` };
  if (other) return other;
  if (e.hostLike.length > 0) return { status: 'inconclusive', summary: `host-like processes visible (${names(e.hostLike)}) but no runtime daemon or kernel thread` };
  if (e.procHidepid && e.procHidepid !== '0' && e.procHidepid !== 'off') return { status: 'inconclusive', summary: `/proc is mounted with hidepid=${e.procHidepid}: other processes may be hidden` };
  return { status: 'holds', summary: `${e.processCount} processes visible, no host daemon and no kernel thread` };
}

export default defineCheck<HostProcEvidence>({
  id: 'host-processes-visible',
  boundary: 'host-pid',
  title: 'Host processes visible',
  rationale: 'Seeing dockerd, containerd, kubelet or kernel threads means the probe shares the host PID namespace: host processes\' environment, open files and /proc/<pid>/root are one step away (CE_NSENTER).',
  method: 'Lists /proc/<pid>/comm and cmdline for every visible process and looks for kernel threads (children of kthreadd) and host-only daemons; does the same for every other procfs in the mount table (a host /proc, or the one under a mounted host /).',
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
  async collect() {
    const [listing, mounts] = await Promise.all([readProcesses(4000), readMounts()]);
    const proc = mounts?.find((m) => m.mountPoint === '/proc');
    const hidepid = proc?.superOptions.find((o) => o.startsWith('hidepid='))?.slice(8) ?? null;
    const otherProcfs = await Promise.all((mounts ?? []).filter((m) => m.fsType === 'proc' && m.mountPoint !== '/proc' && !m.mountPoint.startsWith('/proc/')).slice(0, MAX_OTHER).map(async (m): Promise<OtherProcfs> => {
      const other = await readProcesses(4000, m.mountPoint);
      if (!other) return { mountPoint: m.mountPoint, processCount: null, kernelThreadCount: null, hostDaemons: [] };
      return { mountPoint: m.mountPoint, processCount: other.total, kernelThreadCount: kernelThreads(other.processes).length, hostDaemons: other.processes.filter((p) => HOST_DAEMONS.test(p.comm ?? '')).slice(0, 20).map(brief) };
    }));
    if (!listing) return { processCount: null, kernelThreadCount: null, hostDaemons: [], hostLike: [], procHidepid: hidepid, otherProcfs };
    const procs = listing.processes;
    return {
      otherProcfs,
      processCount: listing.total,
      kernelThreadCount: kernelThreads(procs).length,
      hostDaemons: procs.filter((p) => HOST_DAEMONS.test(p.comm ?? '')).slice(0, 20).map(brief),
      hostLike: procs.filter((p) => HOST_LIKE.test(p.comm ?? '')).slice(0, 20).map(brief),
      procHidepid: hidepid,
    };
  },
  evaluate: judge,
});
