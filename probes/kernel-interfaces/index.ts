/** Checks of the `kernel-interfaces` boundary, in report order. */
import type { Check } from '../model.js';
import corePatternWritable from './core-pattern-writable.js';
import sysrqTriggerWritable from './sysrq-trigger-writable.js';
import ueventHelperWritable from './uevent-helper-writable.js';
import modprobePathWritable from './modprobe-path-writable.js';
import binfmtMiscWritable from './binfmt-misc-writable.js';
import procSysWritable from './proc-sys-writable.js';
import sysfsWritable from './sysfs-writable.js';
import cgroupReleaseAgent from './cgroup-release-agent.js';
import hostCgroupWritable from './host-cgroup-writable.js';
import maskedProcPaths from './masked-proc-paths.js';
import kernelVersionHints from './kernel-version-hints.js';
import cgroupNamespaceHost from './cgroup-namespace-host.js';

export const kernelInterfacesChecks: readonly Check[] = [
  corePatternWritable,
  sysrqTriggerWritable,
  ueventHelperWritable,
  modprobePathWritable,
  binfmtMiscWritable,
  procSysWritable,
  sysfsWritable,
  cgroupReleaseAgent,
  hostCgroupWritable,
  maskedProcPaths,
  kernelVersionHints,
  cgroupNamespaceHost,
];
