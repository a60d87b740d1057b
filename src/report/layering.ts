/** One line on the layers around the probes: kernel, sandbox runtime, hypervisor (from the probe's own view). */
import type { Report } from '../model/report.js';

/** Describes the layering seen by the first probe that reported its environment, or null. */
export function describeLayering(report: Report): string | null {
  const env = report.scenarios.find((s) => s.environment)?.environment as
    | { kernelRelease?: unknown; sandbox?: unknown; hypervisor?: { cpuFlag?: unknown; dmiVendor?: unknown; type?: unknown } }
    | undefined;
  if (!env) return null;
  const parts: string[] = [];
  if (typeof env.kernelRelease === 'string') parts.push(`kernel ${env.kernelRelease}`);
  parts.push(typeof env.sandbox === 'string' && env.sandbox ? `sandbox runtime ${env.sandbox} between probe and host` : 'no sandbox runtime detected');
  const hv = env.hypervisor;
  if (hv?.cpuFlag === true) {
    const who = [hv.dmiVendor, hv.type].filter((x) => typeof x === 'string' && x).join(', ');
    parts.push(`the host itself runs under a hypervisor${who ? ` (${who})` : ''}: an escape reaches that VM, not the hardware`);
  } else if (hv?.cpuFlag === false) {
    parts.push('no hypervisor flag: the host looks like bare metal');
  }
  return `layering: ${parts.join('; ')}`;
}
