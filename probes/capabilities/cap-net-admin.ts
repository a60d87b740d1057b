/** Is CAP_NET_ADMIN usable by the probe? */
import { capabilityCheck } from './capability-check.js';

export default capabilityCheck('NET_ADMIN', {
  id: 'cap-net-admin',
  title: 'CAP_NET_ADMIN held',
  rationale: "NET_ADMIN reconfigures interfaces, routes and netfilter rules (bypassing network policies, spoofing, intercepting pod traffic; the host's own network with host networking) and exposes a large kernel attack surface (netfilter, tc).",
  remediation: 'Remove NET_ADMIN from capabilities.add / --cap-add; CNI plugins and service meshes needing it belong in dedicated, trusted pods.',
  severity: 'high',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1557' },
    { framework: 'cis-docker-1.6', id: '5.4' },
    { framework: 'cis-kubernetes', id: '5.2.9' },
    { framework: 'pod-security-standards', id: 'baseline/Capabilities' },
  ],
});
