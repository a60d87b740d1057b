/** Checks of the `host-pid` boundary, in report order. */
import type { Check } from '../model.js';
import hostPidNamespace from './host-pid-namespace.js';
import hostProcessesVisible from './host-processes-visible.js';
import sharedProcessNamespace from './shared-process-namespace.js';

export const hostPidChecks: readonly Check[] = [hostPidNamespace, hostProcessesVisible, sharedProcessNamespace];
