/** Checks of the `root-user` boundary, in report order. */
import type { Check } from '../model.js';
import rootUser from './root-user.js';

export const rootUserChecks: readonly Check[] = [rootUser];
