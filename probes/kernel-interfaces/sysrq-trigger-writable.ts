/** Can the probe open /proc/sysrq-trigger for writing? */
import { kernelFileCheck } from './kernel-file-check.js';

export default kernelFileCheck(
  {
    fsType: 'proc',
    targets: ['/sysrq-trigger'],
    canonical: ['/proc/sysrq-trigger'],
    label: 'sysrq-trigger',
  },
  {
    id: 'sysrq-trigger-writable',
    title: '/proc/sysrq-trigger writable',
    rationale: 'One byte written to sysrq-trigger reboots, crashes or freezes the host kernel (b, c, i): a host-wide denial of service from inside the container. Runtimes mount it read-only for this reason.',
    method: 'Finds sysrq-trigger in the probe\'s /proc and under every other procfs mount, skips /dev/null masks, then opens each with O_WRONLY and closes it without writing.',
    remediation: 'Do not run privileged containers; keep the runtime\'s read-only paths (Docker/containerd mark /proc/sysrq-trigger read-only); never mount the host /proc.',
    severity: 'high',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'mitre-attack', id: 'T1529' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline//proc Mount Type' },
      { framework: 'nist-800-190', id: '4.4.3' },
    ],
  },
);
