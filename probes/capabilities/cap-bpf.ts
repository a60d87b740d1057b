/** Is CAP_BPF usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('BPF', {
  id: 'cap-bpf',
  title: 'CAP_BPF held',
  rationale: "BPF loads eBPF programs and maps; with PERFMON (or SYS_ADMIN) they attach kprobes and read kernel and other processes' memory, and the verifier is a recurring privilege-escalation surface.",
  remediation: 'Remove BPF from capabilities.add / --cap-add; observability agents that need it belong in dedicated, trusted pods.',
  severity: 'high',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
});
