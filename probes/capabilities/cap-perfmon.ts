/** Is CAP_PERFMON usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('PERFMON', {
  id: 'cap-perfmon',
  title: 'CAP_PERFMON held',
  rationale: "PERFMON opens system-wide perf events and kernel tracing: kernel addresses (KASLR bypass), other processes' activity and, with BPF, tracing programs that read kernel memory.",
  remediation: 'Remove PERFMON from capabilities.add / --cap-add.',
  severity: 'medium',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
});
