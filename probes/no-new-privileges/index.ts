/** Checks of the `no-new-privileges` boundary, in report order. */
import type { Check } from '../model.js';
import noNewPrivileges from './no-new-privileges.js';

export const noNewPrivilegesChecks: readonly Check[] = [noNewPrivileges];
