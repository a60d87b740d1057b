/** Advisory: is CAP_MKNOD usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('MKNOD', {
  id: 'cap-mknod',
  title: 'CAP_MKNOD held (restricted-profile gap)',
  rationale: 'MKNOD creates device nodes; the device cgroup is then the only thing between the container and host block devices. It is in the runtime default set; the restricted profile drops it.',
  remediation: 'Drop MKNOD (capabilities.drop: [ALL] / --cap-drop MKNOD).',
  severity: 'low',
  advisory: true,
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'pod-security-standards', id: 'restricted/Capabilities' },
  ],
});
