/** Checks of the `user-namespace` boundary, in report order. */
import type { Check } from '../model.js';

export const userNamespaceChecks: readonly Check[] = [];
