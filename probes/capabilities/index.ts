/** Checks of the `capabilities` boundary, in report order. */
import type { Check } from '../model.js';
import capSysAdmin from './cap-sys-admin.js';

export const capabilitiesChecks: readonly Check[] = [capSysAdmin];
