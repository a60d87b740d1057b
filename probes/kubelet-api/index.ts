/** Checks of the `kubelet-api` boundary, in report order. */
import type { Check } from '../model.js';
import kubeletAnonymous from './kubelet-anonymous.js';

export const kubeletApiChecks: readonly Check[] = [kubeletAnonymous];
