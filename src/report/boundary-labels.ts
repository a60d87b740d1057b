/** Short column labels for boundaries in tables. */
import type { BoundaryId } from '../../probes/model.js';

/** A short label per boundary id, for matrix headers. */
export const BOUNDARY_SHORT: Record<BoundaryId, string> = {
  'runtime-socket': 'SOCK',
  'host-pid': 'PID',
  'host-network': 'NET',
  'host-ipc': 'IPC',
  capabilities: 'CAPS',
  seccomp: 'SCMP',
  lsm: 'LSM',
  'no-new-privileges': 'NNP',
  'user-namespace': 'USER',
  'host-filesystem': 'FS',
  devices: 'DEV',
  'kernel-interfaces': 'KERN',
  'root-user': 'ROOT',
  'readonly-rootfs': 'RO',
  'service-account': 'SA',
  'kubelet-api': 'KLET',
  'api-server': 'API',
  'cloud-metadata': 'META',
};
