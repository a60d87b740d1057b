/** Checks of the `service-account` boundary, in report order. */
import type { Check } from '../model.js';

export const serviceAccountChecks: readonly Check[] = [];
