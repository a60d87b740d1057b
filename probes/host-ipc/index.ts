/** Checks of the `host-ipc` boundary, in report order. */
import type { Check } from '../model.js';
import hostIpcNamespace from './host-ipc-namespace.js';

export const hostIpcChecks: readonly Check[] = [hostIpcNamespace];
