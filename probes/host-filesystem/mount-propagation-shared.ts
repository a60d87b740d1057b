/** Does a host mount propagate mounts back to the host (shared propagation)? */
import { hostMountCheck } from './host-mount-check.js';

export default hostMountCheck({
  id: 'mount-propagation-shared',
  title: 'Host mount with shared propagation',
  rationale: 'With shared (rshared, Bidirectional) propagation a mount made inside the container appears on the host: with CAP_SYS_ADMIN a container can mount over host paths or plant mounts other workloads will see.',
  method: 'Reads the optional fields of /proc/self/mountinfo: a host mount carrying shared:N is in a peer group with the host\'s mount namespace.',
  remediation: 'Use private or rslave propagation (mountPropagation: None or HostToContainer); never Bidirectional / rshared for workloads.',
  severity: 'medium',
  safety: 'passive',
  advisory: true,
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.20' },
    { framework: 'nist-800-190', id: '4.4.3' },
  ],
}, (mounts, scanned) => {
  const shared = mounts.filter((m) => m.kind !== 'runtime-managed' && m.propagation.some((p) => /^shared:\d+$/.test(p)));
  if (shared.length > 0) {
    const unique = [...new Map(shared.map((m) => [m.mountPoint, m])).values()];
    const more = unique.length > 4 ? ` and ${unique.length - 4} more` : '';
    return { status: 'broken', summary: `shared propagation on host mount(s): ${unique.slice(0, 4).map((m) => `${m.mountPoint} (${m.propagation.join(' ')})`).join(', ')}${more}` };
  }
  return { status: 'holds', summary: `no host mount with shared propagation among ${scanned} mounts` };
});
