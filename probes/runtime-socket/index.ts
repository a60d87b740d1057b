/** Checks of the `runtime-socket` boundary, in report order. */
import type { Check } from '../model.js';
import runtimeSocketReachable from './runtime-socket-reachable.js';

export const runtimeSocketChecks: readonly Check[] = [runtimeSocketReachable];
