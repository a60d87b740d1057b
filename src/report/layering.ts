/** One line on the layers around the probes: kernel, sandbox runtime, hypervisor (from the probe's own view). */
import type { Report } from '../model/report.js';

/** Describes the layering seen by the first probe that reported its environment, or null. */
export function describeLayering(report: Report): string | null {
  const env = report.scenarios.find((s) => s.environment)?.environment as
    | { kernelRelease?: unknown; hypervisor?: { cpuFlag?: unknown; dmiVendor?: unknown; type?: unknown } }
    | undefined;
  if (!env) return null;
  const parts: string[] = [];
  if (typeof env.kernelRelease === 'string') parts.push(`kernel ${env.kernelRelease}`);
  parts.push(describeSandboxes(report));
  const hv = env.hypervisor;
  if (hv?.cpuFlag === true) {
    const who = [hv.dmiVendor, hv.type].filter((x) => typeof x === 'string' && x).join(', ');
    parts.push(`the host itself runs under a hypervisor${who ? ` (${who})` : ''}: an escape reaches that VM, not the hardware`);
  } else if (hv?.cpuFlag === false) {
    parts.push('no hypervisor flag: the host looks like bare metal');
  }
  return `layering: ${parts.join('; ')}`;
}

/** The sandbox each scenario's probe detected, with the signal that named it: the whole run, or which scenarios. */
function describeSandboxes(report: Report): string {
  const seen = report.scenarios.filter((s) => s.environment).map((s) => {
    const env = s.environment as { sandbox?: unknown; sandboxSignal?: unknown };
    return { name: s.name, sandbox: typeof env.sandbox === 'string' && env.sandbox ? env.sandbox : null, signal: typeof env.sandboxSignal === 'string' ? env.sandboxSignal : null };
  });
  const sandboxes = [...new Set(seen.map((s) => s.sandbox).filter((x): x is string => x !== null))];
  if (sandboxes.length === 0) return 'no sandbox runtime detected';
  return sandboxes.map((name) => {
    const inside = seen.filter((s) => s.sandbox === name);
    const signal = inside.find((s) => s.signal)?.signal;
    const where = inside.length === seen.length ? '' : ` in ${inside.length} of ${seen.length} scenarios (${inside.slice(0, 4).map((s) => s.name).join(', ')}${inside.length > 4 ? ', ...' : ''})`;
    return `sandbox runtime ${name} between probe and host${where}${signal ? ` (seen by ${signal})` : ''}`;
  }).join('; ');
}
