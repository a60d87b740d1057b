/** Advisory: is CAP_SETFCAP usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('SETFCAP', {
  id: 'cap-setfcap',
  title: 'CAP_SETFCAP held (restricted-profile gap)',
  rationale: 'SETFCAP writes file capabilities: with no_new_privs off a binary can be given any capability of the bounding set and regain it on execve, and user-namespace tricks that map root lean on it. It is in the runtime default set; the restricted profile drops it.',
  remediation: 'Drop SETFCAP (capabilities.drop: [ALL] / --cap-drop SETFCAP) and set no-new-privileges.',
  severity: 'low',
  advisory: true,
  mappings: [
    { framework: 'mitre-attack', id: 'T1548' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'pod-security-standards', id: 'restricted/Capabilities' },
  ],
});
