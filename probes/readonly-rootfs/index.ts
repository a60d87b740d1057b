/** Checks of the `readonly-rootfs` boundary, in report order. */
import type { Check } from '../model.js';

export const readonlyRootfsChecks: readonly Check[] = [];
