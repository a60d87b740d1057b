/** Are host-global sysctls writable: /proc/sys (or a host procfs) mounted read-write for a host-root process? */
import { kernelFileCheck } from './kernel-file-check.js';

/**
 * Global (not namespaced) sysctls whose open(O_WRONLY) proves the point: the sysctl permission
 * check needs uid 0 of the initial user namespace and a read-write mount. Namespaced ones
 * (net.*, kernel.hostname, kernel.shm*) are writable in a private namespace and prove nothing.
 */
const GLOBAL_SYSCTLS = ['/sys/kernel/panic', '/sys/kernel/randomize_va_space', '/sys/vm/overcommit_memory', '/sys/fs/file-max'];

export default kernelFileCheck(
  {
    fsType: 'proc',
    targets: GLOBAL_SYSCTLS,
    canonical: GLOBAL_SYSCTLS.map((p) => `/proc${p}`),
    absentStatus: 'inconclusive',
    label: 'global sysctls',
  },
  {
    id: 'proc-sys-writable',
    title: 'Host-global sysctls writable (/proc/sys read-write)',
    rationale: 'A read-write /proc/sys lets the container retune the whole host kernel (ASLR off, panic behaviour, memory overcommit) and reach the usermode-helper paths (core_pattern, modprobe) used for escapes.',
    method: 'Opens a few global sysctls (kernel.panic, kernel.randomize_va_space, vm.overcommit_memory, fs.file-max) under /proc/sys and every other procfs mount with O_WRONLY and closes them without writing; records the mount flags serving each.',
    remediation: 'Keep /proc/sys read-only: no privileged containers, no procMount: Unmasked, no host /proc mounts; set namespaced sysctls through the runtime (--sysctl, securityContext.sysctls) instead.',
    severity: 'high',
    mappings: [
      { framework: 'mitre-attack', id: 'T1611' },
      { framework: 'cis-docker-1.6', id: '5.5' },
      { framework: 'cis-kubernetes', id: '5.2.2' },
      { framework: 'pod-security-standards', id: 'baseline/Privileged Containers' },
      { framework: 'pod-security-standards', id: 'baseline/Sysctls' },
      { framework: 'pod-security-standards', id: 'baseline//proc Mount Type' },
      { framework: 'nist-800-190', id: '4.4.3' },
    ],
  },
);
