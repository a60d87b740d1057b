/** Is sysfs writable: /sys (or a host sysfs) mounted read-write for a host-root process? */
import { kernelFileCheck } from './kernel-file-check.js';

/** Host-global sysfs attributes (not per network namespace) whose open(O_WRONLY) proves write access. */
const GLOBAL_ATTRIBUTES = ['/kernel/rcu_expedited', '/kernel/mm/transparent_hugepage/enabled', '/kernel/mm/ksm/run', '/kernel/profiling'];

export default kernelFileCheck(
  {
    fsType: 'sysfs',
    targets: GLOBAL_ATTRIBUTES,
    canonical: GLOBAL_ATTRIBUTES.map((p) => `/sys${p}`),
    absentStatus: 'inconclusive',
    label: 'sysfs attributes',
  },
  {
    id: 'sysfs-writable',
    title: 'sysfs writable (/sys read-write)',
    rationale: 'A read-write sysfs exposes host device, power, memory-management and driver controls (uevent_helper, device rebinding, firmware paths): host tampering and escape paths.',
    method: 'Opens a few host-global sysfs attributes under /sys and every other sysfs mount (e.g. a host /sys at /host/sys) with O_WRONLY and closes them without writing; records the mount flags serving each.',
    remediation: 'Keep /sys read-only (the runtime default): no privileged containers and no host /sys mounts.',
    severity: 'high',
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
