/** Is CAP_SYS_BOOT usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('SYS_BOOT', {
  id: 'cap-sys-boot',
  title: 'CAP_SYS_BOOT held',
  rationale: "SYS_BOOT allows kexec_load (booting a kernel of the attacker's choice) and reboot(2): a host takeover or at least a host-wide denial of service.",
  remediation: 'Remove SYS_BOOT from capabilities.add / --cap-add.',
  severity: 'high',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1529' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
});
