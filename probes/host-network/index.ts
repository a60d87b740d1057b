/** Checks of the `host-network` boundary, in report order. */
import type { Check } from '../model.js';

export const hostNetworkChecks: readonly Check[] = [];
