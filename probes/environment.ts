/**
 * The layering the probe sits in, reported beside the verdicts: kernel, sandbox runtime
 * between container and host (gVisor, Kata), and a hypervisor under the host.
 */
import { readText, readTrimmed, statType } from './lib/fs.js';
import type { Evidence } from './model.js';

/** The raw signals a sandbox runtime leaves in the probe's view of the kernel. */
export interface SandboxSignals {
  procVersion: string;
  dmiProduct: string;
  cpuinfo: string;
  gvisorMarker: boolean;
  /** /proc/cmdline: the guest kernel's command line under Kata carries the agent's parameters. */
  kernelCmdline?: string;
  /** /proc/self/mountinfo: gVisor's gofer mounts are 9p with trans=fd, or carry directfs. */
  mountinfo?: string;
}

/** Reads the signals detectSandbox judges. Read-only, never throws. */
let cachedSignals: Promise<SandboxSignals> | undefined;

/** The sandbox signals, read once per agent run (the environment and three checks ask). */
export function readSandboxSignals(): Promise<SandboxSignals> {
  cachedSignals ??= readSandboxSignalsNow();
  return cachedSignals;
}

async function readSandboxSignalsNow(): Promise<SandboxSignals> {
  const [version, dmiProduct, cpuinfo, marker, cmdline, mountinfo] = await Promise.all([
    readTrimmed('/proc/version'),
    readTrimmed('/sys/class/dmi/id/product_name'),
    readText('/proc/cpuinfo', 256 * 1024),
    statType('/proc/self/gvisor'),
    readTrimmed('/proc/cmdline'),
    readText('/proc/self/mountinfo', 1024 * 1024),
  ]);
  return {
    procVersion: version ?? '',
    dmiProduct: dmiProduct ?? '',
    cpuinfo: cpuinfo.ok ? cpuinfo.text : '',
    gvisorMarker: marker !== null,
    kernelCmdline: cmdline ?? '',
    mountinfo: mountinfo.ok ? mountinfo.text : '',
  };
}

/** The sandbox runtime the probe sits in ('gvisor', 'kata') or null: what checks that gVisor fakes consult. */
export async function readSandbox(): Promise<string | null> {
  const s = await readSandboxSignals();
  return detectSandbox(s.procVersion, s.dmiProduct, s.cpuinfo, s.gvisorMarker, s.kernelCmdline, s.mountinfo);
}

/** Collects kernel, sandbox and hypervisor hints. Read-only. */
export async function collectEnvironment(): Promise<Evidence> {
  const [osrelease, dmiVendor, hypervisorType, signals, self] = await Promise.all([
    readTrimmed('/proc/sys/kernel/osrelease'),
    readTrimmed('/sys/class/dmi/id/sys_vendor'),
    readTrimmed('/sys/hypervisor/type'),
    readSandboxSignals(),
    readTrimmed('/proc/self/cmdline'),
  ]);
  const hypervisorFlag = /^flags\s*:.*\bhypervisor\b/m.test(signals.cpuinfo);
  const s = signals;
  return {
    kernelRelease: osrelease,
    kernelVersion: s.procVersion || null,
    hypervisor: { cpuFlag: hypervisorFlag, dmiVendor, dmiProduct: s.dmiProduct || null, type: hypervisorType },
    sandbox: detectSandbox(s.procVersion, s.dmiProduct, s.cpuinfo, s.gvisorMarker, s.kernelCmdline, s.mountinfo),
    sandboxSignal: sandboxSignal(s),
    cmdline: self?.replace(/\0/g, ' ').trim() ?? null,
  };
}

/** Which signal named the sandbox, for the report's layering line (null when none did). */
export function sandboxSignal(s: SandboxSignals): string | null {
  if (s.gvisorMarker) return '/proc/self/gvisor present';
  if (/gVisor|runsc/i.test(s.procVersion) || GVISOR_VERSION.test(s.procVersion)) return "gVisor's fixed kernel build in /proc/version";
  if (/ - 9p \S+ [^\n]*trans=fd/.test(s.mountinfo ?? '') || /[ ,]directfs(,|\s|$)/m.test(s.mountinfo ?? '')) return "gVisor gofer mounts (9p trans=fd or directfs) in mountinfo";
  const kata = detectSandbox(s.procVersion, s.dmiProduct, s.cpuinfo, false, s.kernelCmdline, '');
  return kata === 'kata' ? 'Kata guest kernel (kernel version, DMI product or agent parameters on the kernel command line)' : null;
}

/** gVisor's fixed, fake kernel build string (its uname version since 2018, whatever release it reports). */
const GVISOR_VERSION = /#1 SMP Sun Jan 10 15:06:54 PST 2016/;

/**
 * Names a sandbox runtime from kernel signatures: gVisor's fake kernel and gofer mounts,
 * Kata's guest VM (its kernel command line carries the kata agent's `agent.*` parameters).
 */
export function detectSandbox(
  procVersion: string,
  dmiProduct: string,
  cpuinfo: string,
  gvisorMarker: boolean,
  kernelCmdline = '',
  mountinfo = '',
): string | null {
  if (gvisorMarker || /gVisor|runsc/i.test(procVersion) || GVISOR_VERSION.test(procVersion)) return 'gvisor';
  // gVisor's root and bind mounts are served by its gofer: 9p over file descriptors, or directfs.
  if (/ - 9p \S+ [^\n]*trans=fd/.test(mountinfo) || /[ ,]directfs(,|\s|$)/m.test(mountinfo)) return 'gvisor';
  if (/kata/i.test(procVersion) || /kata/i.test(dmiProduct) || /kata/i.test(kernelCmdline)) return 'kata';
  if (/(^|\s)agent\.(log|debug_console|log_vport|debug_console_vport|container_pipe_size|trace|devmode)[=\s]/.test(kernelCmdline)) return 'kata';
  if (/^model name\s*:.*QEMU Virtual CPU/m.test(cpuinfo) && /kata/i.test(procVersion)) return 'kata';
  return null;
}
