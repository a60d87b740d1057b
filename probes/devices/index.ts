/** Checks of the `devices` boundary, in report order. */
import type { Check } from '../model.js';

export const devicesChecks: readonly Check[] = [];
