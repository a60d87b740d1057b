/** CAP_SYS_ADMIN: mount, cgroup release_agent, and most of the kernel's admin surface. */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('SYS_ADMIN', {
  id: 'cap-sys-admin',
  title: 'CAP_SYS_ADMIN held',
  rationale: 'SYS_ADMIN allows mount(2), which with a host device or cgroup v1 release_agent is a classic escape (CE_PRIV_MOUNT, CVE-2022-0492).',
  method: 'Decodes CapEff and CapBnd from /proc/self/status against the kernel\'s capability list.',
  remediation: 'Remove SYS_ADMIN from capabilities.add / --cap-add; drop ALL and add back only what the workload needs.',
  severity: 'critical',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'kubehound', id: 'CE_PRIV_MOUNT' },
  ],
});
