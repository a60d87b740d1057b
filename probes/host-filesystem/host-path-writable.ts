/** Is any host bind mount writable by the probe? */
import { describeMounts, rootCouldWrite, type HostMount } from '../lib/host-mounts.js';
import { hostMountCheck } from './host-mount-check.js';

/** Host mounts that are the host's, not the runtime's own files or the container's own volumes. */
const isHostPath = (m: HostMount) => m.kind !== 'runtime-managed' && m.kind !== 'volume';

export default hostMountCheck({
  id: 'host-path-writable',
  title: 'Host path mounted writable',
  rationale: 'A writable host mount lets the container plant files the host will execute or trust (cron, systemd units, authorized_keys, binaries, kubelet manifests): a write to the host is the last step of most escapes (EXPLOIT_HOST_WRITE).',
  method: 'For every host mount of /proc/self/mountinfo (runtime-managed files and the container\'s own volumes excluded), reads the ro/rw mount and superblock options and asks access(2) for W_OK; a mount refused to the probe\'s uid is judged for root in the same container from its owner, mode, the uid map and CAP_DAC_OVERRIDE in the bounding set (broken or inconclusive, never holds). Nothing is ever written. Inside gVisor (detected by the environment probe) the sentry\'s own tmpfs, proc and sysfs are no host mounts, and single-file gofer mounts at /etc/hostname, /etc/hosts and /etc/resolv.conf are the engine\'s files when /etc/hostname is the UTS host name and /etc/hosts names it; gofer (9p) mounts of host folders stay host mounts. Binds of the standard character devices (null, zero, full, random, urandom, tty; a user-namespaced engine cannot mknod them) count as the runtime\'s only when their device numbers match.',
  remediation: 'Mount host paths read-only (readOnly: true / :ro), or replace them with emptyDir or a volume; never give a workload write access to the host.',
  severity: 'critical',
  safety: 'passive',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'cis-docker-1.6', id: '5.6' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'nist-800-190', id: '4.4.3' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_WRITE' },
  ],
}, (mounts, scanned, e) => {
  const host = mounts.filter(isHostPath);
  const writable = host.filter((m) => m.writable);
  if (writable.length > 0) return { status: 'broken', summary: `host path writable: ${describeMounts(writable)}` };
  // Mounted rw but refused to this uid: root in the same container (exec, a setuid binary) is judged from mount flags and ownership.
  const rootWrites = host.filter((m) => rootCouldWrite(m, e.containerRoot) === 'yes');
  if (rootWrites.length > 0) {
    return { status: 'broken', summary: `host path mounted rw, refused to the probe's uid but writable for root in this container: ${rootWrites.slice(0, 4).map((m) => `${m.mountPoint} (owner uid ${m.owner?.uid}, mode ${m.owner?.mode.toString(8)})`).join(', ')}` };
  }
  const rwMounted = host.filter((m) => !m.readOnly && m.writeError !== 'EROFS');
  if (rwMounted.length > 0) {
    return { status: 'inconclusive', summary: `host path mounted rw but not writable by the probe's uid (${rwMounted.map((m) => `${m.mountPoint}: ${m.writeError ?? '?'}`).join(', ')}); root in the container could write` };
  }
  const ro = host.length ? `; read-only host mounts: ${host.map((m) => m.mountPoint).join(', ')}` : '';
  return { status: 'holds', summary: `no writable host path among ${scanned} mounts${ro}` };
});
