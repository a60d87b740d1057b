/** Checks of the `host-ipc` boundary, in report order. */
import type { Check } from '../model.js';

export const hostIpcChecks: readonly Check[] = [];
