/** Can the probe open the kernel's core_pattern for writing (own /proc/sys or a host procfs mount)? */
import { kernelFileCheck } from './kernel-file-check.js';

export default kernelFileCheck(
  {
    fsType: 'proc',
    targets: ['/sys/kernel/core_pattern'],
    canonical: ['/proc/sys/kernel/core_pattern'],
    label: 'core_pattern',
  },
  {
    id: 'core-pattern-writable',
    title: 'kernel.core_pattern writable',
    rationale: 'core_pattern is global: a "|/path" value makes the kernel run that program as root in the host namespaces at the next crash of any process (CE_UMH_CORE_PATTERN). Writable through a read-write /proc/sys or a host procfs mounted into the container.',
    method: 'Finds core_pattern at /proc/sys/kernel and under every other procfs mount in mountinfo (e.g. a host /proc at /host/proc), skips /dev/null masks, then opens each with O_WRONLY and closes it without writing.',
    remediation: 'Keep /proc/sys read-only (no privileged containers, no procMount: Unmasked) and never mount the host /proc or /proc/sys into a workload.',
    severity: 'critical',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-docker-1.6', id: '5.6' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
      { framework: 'nist-800-190', id: '4.4.3' },
      { framework: 'kubehound', id: 'CE_UMH_CORE_PATTERN' },
    ],
  },
);
