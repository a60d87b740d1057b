/** Is a sensitive host directory (/etc, /var/lib/kubelet, /proc, ...) mounted into the probe? */
import { describeMounts } from '../lib/host-mounts.js';
import { hostMountCheck, unlistedRoots } from './host-mount-check.js';

export default hostMountCheck({
  id: 'sensitive-host-path-mounted',
  title: 'Sensitive host path mounted',
  rationale: 'Host /etc, /root, /home, SSH keys, kubelet and runtime state, /var/log, a second procfs, /sys, /dev, /boot or /run hand out credentials, other pods\' secrets and kernel interfaces; read-only is already a leak, writable is an escape.',
  method: 'Classifies every non-container mount of /proc/self/mountinfo by its host path (mount root) and by its directory listing (for hosts with a separate /var or /home); files the runtime bind-mounts itself (/etc/hosts, /etc/hostname, /etc/resolv.conf, termination-log) do not count. Inside gVisor (detected by the environment probe) the sentry\'s own tmpfs, proc and sysfs are no host mounts, and single-file gofer mounts at /etc/hostname, /etc/hosts and /etc/resolv.conf are the engine\'s files when /etc/hostname is the UTS host name and /etc/hosts names it; gofer (9p) mounts of host folders stay host mounts. Binds of the standard character devices (null, zero, full, random, urandom, tty; a user-namespaced engine cannot mknod them) count as the runtime\'s only when their device numbers match.',
  remediation: 'Remove hostPath volumes and -v binds of host system directories; use emptyDir, configMaps, secrets or a CSI volume instead, and mark any unavoidable host mount read-only.',
  severity: 'high',
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
  const exposed = mounts.filter((m) => m.kind === 'host-root' || m.kind === 'sensitive');
  if (exposed.length > 0) {
    const rw = exposed.filter((m) => !m.readOnly);
    const ro = exposed.filter((m) => m.readOnly);
    const parts = [rw.length ? `writable: ${describeMounts(rw)}` : '', ro.length ? `read-only: ${describeMounts(ro)}` : ''];
    return { status: 'broken', summary: `sensitive host paths mounted; ${parts.filter(Boolean).join('; ')}` };
  }
  const unknown = unlistedRoots(mounts);
  if (unknown.length > 0) return { status: 'inconclusive', summary: `cannot list ${unknown.map((m) => m.mountPoint).join(', ')} (root of a ${unknown[0].fsType} file system): content unknown` };
  const runtime = mounts.filter((m) => m.kind === 'runtime-managed').length;
  const other = mounts.filter((m) => m.kind === 'other' || m.kind === 'volume');
  return {
    status: 'holds',
    summary: `no sensitive host path among ${scanned} mounts (${runtime} runtime-managed file(s)${other.length ? `; other host mounts: ${describeMounts(other)}` : ''})`,
  };
});
