/** Checks of the `api-server` boundary, in report order. */
import type { Check } from '../model.js';
import apiServerAnonymous from './api-server-anonymous.js';

export const apiServerChecks: readonly Check[] = [apiServerAnonymous];
