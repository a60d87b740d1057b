/** Is a host path mounted read-write without nosuid, so root in the container can plant a set-uid-root file on the host? */
import { describeMounts, type HostMount } from '../lib/host-mounts.js';
import { hostMountCheck } from './host-mount-check.js';

/** Host paths proper: not the runtime's own per-container files, not the container's own volumes. */
const isHostPath = (m: HostMount) => m.kind !== 'runtime-managed' && m.kind !== 'volume';

export default hostMountCheck({
  id: 'host-mount-suid-plant',
  title: 'Host path mounted read-write without nosuid',
  rationale: 'Root in a container without a user namespace is root on the host\'s files: on a read-write host mount without nosuid it can copy a shell there and set its set-uid bit; any host user or service that runs it becomes root on the host (a SUID plant).',
  method: 'For every host mount of /proc/self/mountinfo (runtime-managed files and the container\'s own volumes excluded) reads the ro/rw and nosuid mount options, and whether container uid 0 is host uid 0 (/proc/self/uid_map). Nothing is written.',
  remediation: 'Mount host paths read-only, or with nosuid (and noexec) when a workload must write there; or run the container in a user namespace (userns-remap, hostUsers: false) so its root is not the host\'s.',
  severity: 'high',
  safety: 'passive',
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1548.001' },
    { framework: 'cis-docker-1.6', id: '5.6' },
    { framework: 'cis-docker-1.6', id: '5.31' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'kubehound', id: 'EXPLOIT_HOST_WRITE' },
  ],
}, (mounts, scanned, e) => {
  const rw = mounts.filter((m) => isHostPath(m) && !m.readOnly && m.writeError !== 'EROFS');
  if (rw.length === 0) return { status: 'holds', summary: `no host path mounted read-write among ${scanned} mounts` };
  const unknown = rw.filter((m) => typeof m.nosuid !== 'boolean');
  if (unknown.length > 0) return { status: 'inconclusive', summary: `mount options of ${describeMounts(unknown)} not recorded` };
  const suid = rw.filter((m) => !m.nosuid);
  if (suid.length === 0) return { status: 'holds', summary: `every read-write host mount is nosuid: ${describeMounts(rw)}` };
  const root = e.containerRoot;
  if (!root || typeof root !== 'object' || typeof root.hostRoot !== 'boolean') return { status: 'inconclusive', summary: `read-write host mount without nosuid (${describeMounts(suid)}); whether container root is host root could not be read` };
  if (!root.hostRoot) return { status: 'holds', summary: `read-write host mount without nosuid (${describeMounts(suid)}), but container root is not host root (user namespace): a planted set-uid file would not run as host root` };
  return { status: 'broken', summary: `read-write host mount without nosuid and container root is host root: a set-uid-root file can be planted at ${describeMounts(suid)}` };
});
