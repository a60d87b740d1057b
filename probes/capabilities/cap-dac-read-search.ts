/** Is CAP_DAC_READ_SEARCH usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('DAC_READ_SEARCH', {
  id: 'cap-dac-read-search',
  title: 'CAP_DAC_READ_SEARCH held',
  rationale: 'DAC_READ_SEARCH allows open_by_handle_at(2): by brute-forcing file handles a container opens any file of the host file system its mounts live on (the "shocker" escape), e.g. /etc/shadow of the host.',
  remediation: 'Remove DAC_READ_SEARCH from capabilities.add / --cap-add; drop ALL and add back only what the workload needs.',
  severity: 'critical',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_READ' },
  ],
});
