/**
 * The layering the probe sits in, reported beside the verdicts: kernel, sandbox runtime
 * between container and host (gVisor, Kata), and a hypervisor under the host.
 */
import { readText, readTrimmed, statType } from './lib/fs.js';
import type { Evidence } from './model.js';

/** Collects kernel, sandbox and hypervisor hints. Read-only. */
export async function collectEnvironment(): Promise<Evidence> {
  const [osrelease, version, cpuinfo, dmiVendor, dmiProduct, hypervisorType, dmesg, runsc] = await Promise.all([
    readTrimmed('/proc/sys/kernel/osrelease'),
    readTrimmed('/proc/version'),
    readText('/proc/cpuinfo', 64 * 1024),
    readTrimmed('/sys/class/dmi/id/sys_vendor'),
    readTrimmed('/sys/class/dmi/id/product_name'),
    readTrimmed('/sys/hypervisor/type'),
    statType('/proc/self/gvisor'),
    readTrimmed('/proc/self/cmdline'),
  ]);
  const cpuText = cpuinfo.ok ? cpuinfo.text : '';
  const hypervisorFlag = /^flags\s*:.*\bhypervisor\b/m.test(cpuText);
  const sandbox = detectSandbox(version ?? '', dmiProduct ?? '', cpuText, dmesg !== null);
  return {
    kernelRelease: osrelease,
    kernelVersion: version,
    hypervisor: { cpuFlag: hypervisorFlag, dmiVendor, dmiProduct, type: hypervisorType },
    sandbox,
    cmdline: runsc?.replace(/\0/g, ' ').trim() ?? null,
  };
}

/** Names a sandbox runtime from kernel signatures: gVisor's fake kernel, Kata's guest VM. */
export function detectSandbox(procVersion: string, dmiProduct: string, cpuinfo: string, gvisorMarker: boolean): string | null {
  if (gvisorMarker || /gVisor|runsc/i.test(procVersion)) return 'gvisor';
  if (/kata/i.test(procVersion) || /kata/i.test(dmiProduct)) return 'kata';
  if (/^model name\s*:.*QEMU Virtual CPU/m.test(cpuinfo) && /kata/i.test(procVersion)) return 'kata';
  return null;
}
