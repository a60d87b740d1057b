/** Checks of the `root-user` boundary, in report order. */
import type { Check } from '../model.js';

export const rootUserChecks: readonly Check[] = [];
