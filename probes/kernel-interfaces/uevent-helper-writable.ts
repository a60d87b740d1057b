/** Can the probe open /sys/kernel/uevent_helper for writing? */
import { kernelFileCheck } from './kernel-file-check.js';

export default kernelFileCheck(
  {
    fsType: 'sysfs',
    targets: ['/kernel/uevent_helper'],
    canonical: ['/sys/kernel/uevent_helper'],
    label: 'uevent_helper',
  },
  {
    id: 'uevent-helper-writable',
    title: '/sys/kernel/uevent_helper writable',
    rationale: 'The kernel runs the program named in uevent_helper as root in the host namespaces on every device event; a container that can set it (read-write sysfs) can trigger an event and execute on the host.',
    method: 'Finds uevent_helper under /sys and every other sysfs mount in mountinfo (e.g. a host /sys at /host/sys), then opens each with O_WRONLY and closes it without writing. Kernels built without CONFIG_UEVENT_HELPER have no such file (not applicable).',
    remediation: 'Keep /sys read-only (no privileged containers) and never mount the host /sys into a workload.',
    severity: 'critical',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-docker-1.6', id: '5.6' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
      { framework: 'nist-800-190', id: '4.4.3' },
    ],
  },
);
