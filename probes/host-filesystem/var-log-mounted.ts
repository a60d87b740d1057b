/** Is the host's /var/log mounted (kubelet log symlink escape)? */
import { describeMounts } from '../lib/host-mounts.js';
import { hostMountCheck } from './host-mount-check.js';

export default hostMountCheck({
  id: 'var-log-mounted',
  title: 'Host /var/log mounted',
  rationale: 'The kubelet serves /var/log over its API and follows symlinks: a pod that can write to /var/log/pods plants a symlink to /etc/shadow or /root and reads any host file through `kubectl logs` (CE_VAR_LOG_SYMLINK); read-only, it still reads every pod\'s logs.',
  method: 'Finds a host mount of /var/log (or of /var or /) in /proc/self/mountinfo by mount root and by directory listing (journal, pods, containers, wtmp...), and reports whether it is writable (access W_OK, never a write).',
  remediation: 'Do not mount /var/log from the host; ship logs with a node-level agent whose pod is isolated from workloads, or mount only a dedicated subdirectory read-only.',
  severity: 'high',
  safety: 'passive',
  targets: ['kubernetes', 'docker'],
  mappings: [
    { framework: 'mitre-attack', id: 'T1611' },
    { framework: 'mitre-attack', id: 'T1552.001' },
    { framework: 'cis-docker-1.6', id: '5.6' },
    { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
    { framework: 'kubehound', id: 'CE_VAR_LOG_SYMLINK' },
  ],
}, (mounts, scanned) => {
  const logs = mounts.filter((m) => m.categories.includes('var-log'));
  const viaRoot = mounts.filter((m) => m.kind === 'host-root');
  const hit = [...logs, ...viaRoot];
  if (hit.length > 0) {
    const rw = hit.some((m) => m.writable);
    const how = rw ? 'writable: a symlink planted there lets the kubelet read any host file' : 'read-only: every pod\'s logs are readable';
    return { status: 'broken', summary: `host /var/log reachable at ${describeMounts(hit)}${logs.length ? '' : ' (through the host root)'}; ${how}` };
  }
  return { status: 'holds', summary: `no host /var/log among ${scanned} mounts` };
});
