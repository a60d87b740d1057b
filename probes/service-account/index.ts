/** Checks of the `service-account` boundary, in report order. */
import type { Check } from '../model.js';
import serviceAccountTokenMounted from './service-account-token-mounted.js';
import serviceAccountPermissions from './service-account-permissions.js';

export const serviceAccountChecks: readonly Check[] = [serviceAccountTokenMounted, serviceAccountPermissions];
