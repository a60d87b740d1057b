/** Checks of the `seccomp` boundary, in report order. */
import type { Check } from '../model.js';
import seccompMode from './seccomp-mode.js';
import seccompFilterProbe from './seccomp-filter-probe.js';

export const seccompChecks: readonly Check[] = [seccompMode, seccompFilterProbe];
