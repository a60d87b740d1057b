/** The explicit check registry: one entry per boundary folder; a unit test asserts it matches the files. */
import type { Check } from './model.js';
import { buildRegistry } from './registry.js';
import { runtimeSocketChecks } from './runtime-socket/index.js';
import { hostPidChecks } from './host-pid/index.js';
import { hostNetworkChecks } from './host-network/index.js';
import { hostIpcChecks } from './host-ipc/index.js';
import { capabilitiesChecks } from './capabilities/index.js';
import { seccompChecks } from './seccomp/index.js';
import { lsmChecks } from './lsm/index.js';
import { noNewPrivilegesChecks } from './no-new-privileges/index.js';
import { userNamespaceChecks } from './user-namespace/index.js';
import { hostFilesystemChecks } from './host-filesystem/index.js';
import { devicesChecks } from './devices/index.js';
import { kernelInterfacesChecks } from './kernel-interfaces/index.js';
import { rootUserChecks } from './root-user/index.js';
import { readonlyRootfsChecks } from './readonly-rootfs/index.js';
import { serviceAccountChecks } from './service-account/index.js';
import { kubeletApiChecks } from './kubelet-api/index.js';
import { apiServerChecks } from './api-server/index.js';
import { cloudMetadataChecks } from './cloud-metadata/index.js';

/** Every check the kit knows, in report order. Duplicate ids throw at load. */
export const CHECKS: readonly Check[] = buildRegistry([
  runtimeSocketChecks,
  hostPidChecks,
  hostNetworkChecks,
  hostIpcChecks,
  capabilitiesChecks,
  seccompChecks,
  lsmChecks,
  noNewPrivilegesChecks,
  userNamespaceChecks,
  hostFilesystemChecks,
  devicesChecks,
  kernelInterfacesChecks,
  rootUserChecks,
  readonlyRootfsChecks,
  serviceAccountChecks,
  kubeletApiChecks,
  apiServerChecks,
  cloudMetadataChecks,
]);

/** Looks a check up by id. */
export function findCheck(id: string): Check | undefined {
  return CHECKS.find((check) => check.id === id);
}
