/** Checks of the `seccomp` boundary, in report order. */
import type { Check } from '../model.js';

export const seccompChecks: readonly Check[] = [];
