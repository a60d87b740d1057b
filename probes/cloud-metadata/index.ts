/** Checks of the `cloud-metadata` boundary, in report order. */
import type { Check } from '../model.js';
import cloudMetadataReachable from './cloud-metadata-reachable.js';

export const cloudMetadataChecks: readonly Check[] = [cloudMetadataReachable];
