/** Human descriptions of the boundary ids, for `list boundaries`, docs and reports. */
import type { BoundaryId, TargetKind } from '../probes/model.js';

/** What each boundary protects, and where it applies. */
export const BOUNDARY_DESCRIPTIONS: Record<BoundaryId, { description: string; targets: TargetKind[] }> = {
  'runtime-socket': { description: 'No container runtime API (Docker, containerd, CRI-O, podman) is reachable from the workload.', targets: ['docker', 'kubernetes'] },
  'host-pid': { description: 'The workload has its own PID namespace and cannot see or signal host processes.', targets: ['docker', 'kubernetes'] },
  'host-network': { description: 'The workload has its own network (and UTS) namespace, not the host\'s.', targets: ['docker', 'kubernetes'] },
  'host-ipc': { description: 'The workload has its own IPC namespace: no host shared memory or SysV IPC.', targets: ['docker', 'kubernetes'] },
  capabilities: { description: 'No capability beyond the runtime default set that opens an escape path.', targets: ['docker', 'kubernetes'] },
  seccomp: { description: 'A seccomp filter restricts the syscalls the workload can make.', targets: ['docker', 'kubernetes'] },
  lsm: { description: 'An LSM (AppArmor or SELinux) confines the workload.', targets: ['docker', 'kubernetes'] },
  'no-new-privileges': { description: 'no_new_privs is set: setuid binaries and file capabilities cannot raise privileges.', targets: ['docker', 'kubernetes'] },
  'user-namespace': { description: 'A user namespace maps container root to an unprivileged host uid.', targets: ['docker', 'kubernetes'] },
  'host-filesystem': { description: 'No sensitive host path is visible, read-only or writable.', targets: ['docker', 'kubernetes'] },
  devices: { description: 'No host device (disks, memory, kmsg) is reachable.', targets: ['docker', 'kubernetes'] },
  'kernel-interfaces': { description: 'Host kernel interfaces (core_pattern, sysrq, uevent_helper, /proc/sys, /sys, release_agent) are not writable.', targets: ['docker', 'kubernetes'] },
  'root-user': { description: 'The workload does not run as uid 0.', targets: ['docker', 'kubernetes'] },
  'readonly-rootfs': { description: 'The container root file system is read-only.', targets: ['docker', 'kubernetes'] },
  'service-account': { description: 'No usable service-account token grants dangerous API rights.', targets: ['kubernetes'] },
  'kubelet-api': { description: 'The node\'s kubelet API does not answer anonymous requests.', targets: ['kubernetes'] },
  'api-server': { description: 'The API server does not serve resources to anonymous requests.', targets: ['kubernetes'] },
  'cloud-metadata': { description: 'The cloud instance metadata service is not reachable (opt-in network check).', targets: ['docker', 'kubernetes'] },
};
