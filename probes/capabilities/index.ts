/** Checks of the `capabilities` boundary, in report order. */
import type { Check } from '../model.js';
import privilegedCapabilitySet from './privileged-capability-set.js';
import capSysAdmin from './cap-sys-admin.js';
import mountAttempt from './mount-attempt.js';
import capSysModule from './cap-sys-module.js';
import capSysPtrace from './cap-sys-ptrace.js';
import capDacReadSearch from './cap-dac-read-search.js';
import capSysRawio from './cap-sys-rawio.js';
import capNetAdmin from './cap-net-admin.js';
import capBpf from './cap-bpf.js';
import capPerfmon from './cap-perfmon.js';
import capSysBoot from './cap-sys-boot.js';
import capNetRaw from './cap-net-raw.js';
import capMknod from './cap-mknod.js';
import capSetfcap from './cap-setfcap.js';
import capBeyondDefault from './cap-beyond-default.js';

export const capabilitiesChecks: readonly Check[] = [
  privilegedCapabilitySet, capSysAdmin, mountAttempt, capSysModule, capSysPtrace, capDacReadSearch, capSysRawio,
  capNetAdmin, capBpf, capPerfmon, capSysBoot, capNetRaw, capMknod, capSetfcap, capBeyondDefault,
];
