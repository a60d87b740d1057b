/** Checks of the `api-server` boundary, in report order. */
import type { Check } from '../model.js';

export const apiServerChecks: readonly Check[] = [];
