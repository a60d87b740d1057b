/** Checks of the `devices` boundary, in report order. */
import type { Check } from '../model.js';
import hostDevicesVisible from './host-devices-visible.js';
import blockDeviceOpenable from './block-device-openable.js';
import cgroupDevicesAllow from './cgroup-devices-allow.js';
import mknodAttempt from './mknod-attempt.js';

export const devicesChecks: readonly Check[] = [hostDevicesVisible, blockDeviceOpenable, cgroupDevicesAllow, mknodAttempt];
