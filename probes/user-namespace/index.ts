/** Checks of the `user-namespace` boundary, in report order. */
import type { Check } from '../model.js';
import userNamespaceIdentity from './user-namespace-identity.js';
import usernsCreation from './userns-creation.js';

export const userNamespaceChecks: readonly Check[] = [userNamespaceIdentity, usernsCreation];
