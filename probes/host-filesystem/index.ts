/** Checks of the `host-filesystem` boundary, in report order. */
import type { Check } from '../model.js';

export const hostFilesystemChecks: readonly Check[] = [];
