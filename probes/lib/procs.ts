/** The processes visible in the probe's PID namespace, read from /proc (bounded, never throws). */
import { listDir, readText } from './fs.js';
import { parseStatus } from './proc.js';

/** One visible process. */
export interface ProcessInfo {
  pid: number;
  ppid: number | null;
  /** /proc/<pid>/comm (the kernel's 15-character task name). */
  comm: string | null;
  /** First 160 characters of the command line, NULs as spaces; empty for kernel threads. */
  cmdline: string | null;
}

/** One listing per procfs root and limit per agent run (several host-pid checks list /proc). */
const cachedListings = new Map<string, Promise<{ processes: ProcessInfo[]; total: number } | null>>();

/** Lists up to `limit` processes with their name, parent and command line, from the procfs at `root`. */
export function readProcesses(limit = 2000, root = '/proc'): Promise<{ processes: ProcessInfo[]; total: number } | null> {
  const key = `${root}\0${limit}`;
  if (!cachedListings.has(key)) cachedListings.set(key, listProcesses(limit, root));
  return cachedListings.get(key)!;
}

async function listProcesses(limit: number, root: string): Promise<{ processes: ProcessInfo[]; total: number } | null> {
  const entries = await listDir(root);
  if (!entries) return null;
  const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number).sort((a, b) => a - b);
  const processes = await Promise.all(pids.slice(0, limit).map((pid) => readProcess(pid, root)));
  return { processes, total: pids.length };
}

async function readProcess(pid: number, root: string): Promise<ProcessInfo> {
  const [comm, cmdline, status] = await Promise.all([
    readText(`${root}/${pid}/comm`, 256),
    readText(`${root}/${pid}/cmdline`, 512),
    readText(`${root}/${pid}/status`, 4096),
  ]);
  const ppid = status.ok ? Number(parseStatus(status.text).PPid ?? NaN) : NaN;
  return {
    pid,
    ppid: Number.isFinite(ppid) ? ppid : null,
    comm: comm.ok ? comm.text.trim() : null,
    cmdline: cmdline.ok ? cmdline.text.replace(/\0/g, ' ').trim().slice(0, 160) : null,
  };
}

/** Kernel threads (children of kthreadd, PID 2) exist only in the initial PID namespace. */
export function kernelThreads(processes: readonly ProcessInfo[]): ProcessInfo[] {
  return processes.filter((p) => p.pid === 2 ? p.comm === 'kthreadd' && p.ppid === 0 : p.ppid === 2);
}

/** PIDs of `self` and its ancestors and descendants: the probe's own process tree. */
export function ownTree(processes: readonly ProcessInfo[], self: number): Set<number> {
  const byPid = new Map(processes.map((p) => [p.pid, p]));
  const own = new Set<number>([self]);
  for (let p = byPid.get(self); p && p.ppid && !own.has(p.ppid); p = byPid.get(p.ppid)) own.add(p.ppid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const p of processes) if (p.ppid !== null && own.has(p.ppid) && !own.has(p.pid)) { own.add(p.pid); grew = true; }
  }
  return own;
}
