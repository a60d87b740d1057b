/** Checks of the `kubelet-api` boundary, in report order. */
import type { Check } from '../model.js';

export const kubeletApiChecks: readonly Check[] = [];
