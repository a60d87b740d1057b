/** Checks of the `kernel-interfaces` boundary, in report order. */
import type { Check } from '../model.js';

export const kernelInterfacesChecks: readonly Check[] = [];
