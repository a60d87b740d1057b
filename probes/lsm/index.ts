/** Checks of the `lsm` boundary, in report order. */
import type { Check } from '../model.js';

export const lsmChecks: readonly Check[] = [];
