/** Can the probe open /proc/sys/kernel/modprobe for writing? */
import { kernelFileCheck } from './kernel-file-check.js';

export default kernelFileCheck(
  {
    fsType: 'proc',
    targets: ['/sys/kernel/modprobe'],
    canonical: ['/proc/sys/kernel/modprobe'],
    label: 'kernel.modprobe',
  },
  {
    id: 'modprobe-path-writable',
    title: 'kernel.modprobe path writable',
    rationale: 'When a process asks for an unknown binary format, socket family or file system, the kernel runs the program named by kernel.modprobe as root on the host; a container that can set it executes on the host at will.',
    method: 'Finds kernel/modprobe under /proc/sys and every other procfs mount, skips masks, then opens each with O_WRONLY and closes it without writing. Kernels built without module support have no such file (not applicable).',
    remediation: 'Keep /proc/sys read-only (no privileged containers, no procMount: Unmasked) and never mount the host /proc into a workload.',
    severity: 'critical',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline/HostPath Volumes' },
      { framework: 'nist-800-190', id: '4.4.3' },
      { framework: 'kubehound', id: 'CE_MODULE_LOAD' },
    ],
  },
);
