/**
 * Host kernel state a container escape would change: the kernel interfaces the probes test
 * for writing (core_pattern, modprobe, uevent_helper, sysrq, binfmt_misc, cgroup v1
 * release_agent), the host's mount table, and processes that belong to a container.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const read = (p: string) => {
  try {
    return readFileSync(p, 'utf8').trim();
  } catch (error) {
    return `<${(error as NodeJS.ErrnoException).code ?? 'unreadable'}>`;
  }
};

/** Current values of the kernel interfaces (a missing one is recorded as such). */
export function kernelInterfaces(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of ['/proc/sys/kernel/core_pattern', '/proc/sys/kernel/modprobe', '/sys/kernel/uevent_helper', '/proc/sys/kernel/sysrq', '/proc/sys/kernel/hotplug']) {
    if (existsSync(p)) out[p] = read(p);
  }
  const binfmt = '/proc/sys/fs/binfmt_misc';
  out[`${binfmt}/*`] = existsSync(binfmt) ? readdirSync(binfmt).sort().join(' ') : '<absent>';
  const cgroups = '/sys/fs/cgroup';
  for (const h of existsSync(cgroups) ? readdirSync(cgroups) : []) {
    for (const f of ['release_agent', 'notify_on_release']) {
      const p = `${cgroups}/${h}/${f}`;
      if (existsSync(p)) out[p] = read(p);
    }
  }
  return out;
}

/**
 * The host mount table without mount ids (they change), one `mountpoint fstype source options`
 * line per mount, leaving out mounts under `enginePaths` (container root file systems, network
 * namespaces and pod volumes that engines create and remove while other tests run).
 */
export function hostMounts(enginePaths: string[]): string[] {
  const lines = readFileSync('/proc/1/mountinfo', 'utf8').split('\n').filter(Boolean);
  return lines
    .map((l) => {
      const [pre, post] = l.split(' - ');
      const f = pre.split(' ');
      const [fstype, source, superOptions] = post.split(' ');
      return { point: f[4], line: `${f[4]} ${f[3]} ${f[5]} ${fstype} ${source} ${superOptions}` };
    })
    .filter((m) => !enginePaths.some((e) => m.point === e || m.point.startsWith(`${e}/`)))
    .map((m) => m.line)
    .sort();
}

/** Entries of `after` not in `before` (+) and the reverse (-), as multisets. */
export function diffLines(before: string[], after: string[]): string[] {
  const count = new Map<string, number>();
  for (const l of before) count.set(l, (count.get(l) ?? 0) + 1);
  const added: string[] = [];
  for (const l of after) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else added.push(`+ ${l}`);
  }
  const removed = [...count].flatMap(([l, n]) => Array.from({ length: n }, () => `- ${l}`));
  return [...added, ...removed];
}

/** One host process. */
export interface HostProcess {
  pid: number;
  ppid: number;
  comm: string;
  cmdline: string;
  cgroup: string;
  /** Start time in clock ticks since boot. */
  startTicks: number;
}

/** Every process visible in /proc (those that exit while being read are skipped). */
export function hostProcesses(): HostProcess[] {
  const out: HostProcess[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.push({
        pid: Number(name),
        ppid: Number(afterComm[1]),
        comm: stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')')),
        cmdline: readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim(),
        cgroup: readFileSync(`/proc/${name}/cgroup`, 'utf8'),
        startTicks: Number(afterComm[19]),
      });
    } catch {
      continue;
    }
  }
  return out;
}

/** Processes that belong to one of `containerIds`: in its cgroup, its shim, or a child of either. */
export function containerProcesses(containerIds: string[], procs = hostProcesses()): string[] {
  const belongs = new Set<number>();
  for (const p of procs) if (containerIds.some((id) => p.cgroup.includes(id) || p.cmdline.includes(id))) belongs.add(p.pid);
  return procs.filter((p) => belongs.has(p.pid) || belongs.has(p.ppid)).map((p) => `${p.pid} ${p.comm} ${p.cmdline.slice(0, 120)}`);
}

/** When a process started, in ms since the epoch (USER_HZ is 100 on Linux). */
export function startedAtMs(p: HostProcess, hz = 100): number {
  const uptime = Number(readFileSync('/proc/uptime', 'utf8').split(' ')[0]);
  return Date.now() - (uptime - p.startTicks / hz) * 1000;
}
