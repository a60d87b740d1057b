/** Is the host's root file system mounted anywhere in the probe? */
import { describeMounts } from '../lib/host-mounts.js';
import { hostMountCheck, unlistedRoots } from './host-mount-check.js';

export default hostMountCheck({
  id: 'host-root-mounted',
  title: 'Host root file system mounted',
  rationale: 'With the host\'s / mounted, every host secret (/etc/shadow, kubelet and SSH keys, other containers\' files) is readable, and a writable mount is a host takeover: cron jobs, authorized_keys, chroot into the host (EXPLOIT_HOST_READ/WRITE).',
  method: 'Reads /proc/self/mountinfo and lists the top directory of every mount that is not the container\'s own: a host file system whose root holds etc, usr/bin, proc, sys, var... is the host\'s /. Never writes.',
  remediation: 'Do not mount / from the host (hostPath path: / or -v /:/host); mount only the specific directory a workload needs, read-only.',
  severity: 'critical',
  safety: 'passive',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.001' },
    { framework: 'cis-docker-1.6', id: '5.6' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_READ' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_WRITE' },
  ],
}, (mounts, scanned) => {
  const roots = mounts.filter((m) => m.kind === 'host-root');
  if (roots.length > 0) return { status: 'broken', summary: `host root file system mounted at ${describeMounts(roots)}` };
  const unknown = unlistedRoots(mounts);
  if (unknown.length > 0) return { status: 'inconclusive', summary: `cannot list ${unknown.map((m) => m.mountPoint).join(', ')}: the root of a ${unknown[0].fsType} file system that may be the host's /` };
  return { status: 'holds', summary: `no host root file system among ${scanned} mounts (${mounts.length} host mount(s))` };
});
