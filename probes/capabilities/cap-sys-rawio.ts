/** Is CAP_SYS_RAWIO usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('SYS_RAWIO', {
  id: 'cap-sys-rawio',
  title: 'CAP_SYS_RAWIO held',
  rationale: 'SYS_RAWIO grants ioperm/iopl, /dev/mem and /dev/port access and raw SCSI commands: with any host device node it reads and writes host memory or disks below the file system.',
  remediation: 'Remove SYS_RAWIO from capabilities.add / --cap-add; drop ALL and add back only what the workload needs.',
  severity: 'high',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
});
