/** Checks of the `cloud-metadata` boundary, in report order. */
import type { Check } from '../model.js';

export const cloudMetadataChecks: readonly Check[] = [];
