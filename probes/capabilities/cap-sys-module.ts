/** Is CAP_SYS_MODULE usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('SYS_MODULE', {
  id: 'cap-sys-module',
  title: 'CAP_SYS_MODULE held',
  rationale: 'SYS_MODULE lets the container load a kernel module (init_module/finit_module): arbitrary code in the host kernel, the most direct escape there is (CE_MODULE_LOAD).',
  remediation: 'Remove SYS_MODULE from capabilities.add / --cap-add and never run privileged; drop ALL and add back only what the workload needs.',
  severity: 'critical',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1547.006' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'kubehound', id: 'CE_MODULE_LOAD' },
  ],
});
