/** Checks of the `lsm` boundary, in report order. */
import type { Check } from '../model.js';
import lsmConfinement from './lsm-confinement.js';

export const lsmChecks: readonly Check[] = [lsmConfinement];
