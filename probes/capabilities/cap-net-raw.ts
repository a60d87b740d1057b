/** Advisory: is CAP_NET_RAW usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('NET_RAW', {
  id: 'cap-net-raw',
  title: 'CAP_NET_RAW held (restricted-profile gap)',
  rationale: 'NET_RAW opens raw and packet sockets: ARP/DNS spoofing of neighbours on the same bridge and a kernel attack surface (several packet-socket CVEs). It is in the runtime default set; the restricted profile drops it.',
  remediation: 'Drop NET_RAW (capabilities.drop: [ALL] / --cap-drop NET_RAW); ping works without it through ICMP datagram sockets.',
  severity: 'low',
  advisory: true,
  mappings: [
    { framework: 'mitre-attack', id: 'T1557' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.8' },
    { framework: 'pod-security-standards', id: 'restricted/Capabilities' },
  ],
});
