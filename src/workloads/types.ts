/** A scenario derived from a real workload (manifest, live cluster object, container, compose service). */
import type { Posture } from '../posture/types.js';

/** Where a posture key came from in the workload, e.g. `hostNetwork` <- `spec.hostNetwork: true`. */
export interface FieldSource {
  key: keyof Posture;
  field: string;
}

/** One container of one workload, as a probe posture plus what could not be reproduced. */
export interface DerivedScenario {
  /** `Kind/namespace/name:container`, `container/NAME`, `compose/PROJECT/SERVICE`. */
  name: string;
  posture: Posture;
  /** The workload fields each posture key was taken from. */
  sources: FieldSource[];
  /** `field: reason` for every isolation-relevant field not reproduced as is. */
  notReproduced: string[];
  /** Kubernetes: the workload's service account, applied only if it exists where the probe runs. */
  serviceAccountName?: string;
}

/** A problem in a workload's fields: a path into the object and a message. */
export interface FieldProblem {
  path: Array<string | number>;
  message: string;
}

/** Collects field problems; readers return undefined for a bad field after recording it. */
export class FieldProblems {
  readonly list: FieldProblem[] = [];
  add(path: Array<string | number>, message: string): void {
    this.list.push({ path, message });
  }
}

/** `a.b[0].c` for messages. */
export function fieldPath(path: Array<string | number>): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}
