/** Checks of the `no-new-privileges` boundary, in report order. */
import type { Check } from '../model.js';

export const noNewPrivilegesChecks: readonly Check[] = [];
