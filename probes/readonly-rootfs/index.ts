/** Checks of the `readonly-rootfs` boundary, in report order. */
import type { Check } from '../model.js';
import rootfsWritable from './rootfs-writable.js';

export const readonlyRootfsChecks: readonly Check[] = [rootfsWritable];
