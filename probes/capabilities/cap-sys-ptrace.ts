/** Is CAP_SYS_PTRACE usable by the probe, and does it meet host processes (host PID namespace)? */
import type { Evidence } from '../model.js';
import { readLink } from '../lib/fs.js';
import { isInitialNamespace, nsInode } from '../lib/ns.js';
import { capabilityCheck } from './capability-check.js';
import * as s from '../lib/shape.js';

interface PtraceExtra extends Evidence {
  pidNamespace: string | null;
}

export default capabilityCheck<PtraceExtra>('SYS_PTRACE', {
  id: 'cap-sys-ptrace',
  title: 'CAP_SYS_PTRACE held',
  rationale: 'SYS_PTRACE attaches to and injects code into any process the container can see, bypassing the same-uid rule; with the host PID namespace that is every host process, a direct escape (CE_SYS_PTRACE).',
  method: 'Decodes CapEff and CapBnd from /proc/self/status (with NoNewPrivs) and reads /proc/self/ns/pid: with the initial PID namespace the summary says host processes are traceable.',
  remediation: 'Remove SYS_PTRACE from capabilities.add / --cap-add, and never combine it with hostPID / --pid=host.',
  severity: 'high',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1055.008' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'kubehound', id: 'CE_SYS_PTRACE' },
  ],
}, {
  extraShape: { pidNamespace: s.nullable(s.string({ max: 100 })) },
  extra: async () => ({ pidNamespace: await readLink('/proc/self/ns/pid') }),
  refine(e, v) {
    if (v.status !== 'broken') return v;
    const hostPid = isInitialNamespace('pid', nsInode(e.pidNamespace)) === true;
    return hostPid ? { status: 'broken', summary: `${v.summary}; the PID namespace is the host's (${e.pidNamespace}): every host process can be traced` } : v;
  },
});
