/** Can the probe register a binfmt_misc interpreter (register file of a mounted binfmt_misc)? */
import { kernelFileCheck } from './kernel-file-check.js';

export default kernelFileCheck(
  {
    fsType: 'binfmt_misc',
    targets: ['/register'],
    // No canonical path: /proc/sys/fs/binfmt_misc is an autofs trigger on systemd hosts; only real binfmt_misc mounts are probed.
    canonical: [],
    label: 'binfmt_misc register',
    unmountedSummary: 'binfmt_misc register: no binfmt_misc file system mounted in the probe\'s view',
  },
  {
    id: 'binfmt-misc-writable',
    title: 'binfmt_misc register writable',
    rationale: 'binfmt_misc entries are host-wide (outside user namespaces): registering an interpreter for a magic or extension that host programs match (with the C flag for credentials) makes the host run container-chosen code as root.',
    method: 'Finds every binfmt_misc mount in mountinfo (autofs trigger points are never touched), then opens each register file with O_WRONLY and closes it without writing.',
    remediation: 'Do not mount binfmt_misc or the host /proc/sys/fs/binfmt_misc into workloads; avoid privileged containers that can mount it.',
    severity: 'critical',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'mitre-attack', id: 'T1546' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
      { framework: 'nist-800-190', id: '4.4.3' },
    ],
  },
);
