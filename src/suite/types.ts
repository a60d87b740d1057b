/** A suite: scenarios (posture + expectations) loaded from YAML. */
import type { BoundaryId } from '../../probes/model.js';
import type { Posture } from '../posture/types.js';

/** Which platform a suite is written for. */
export type SuiteTarget = 'docker' | 'kubernetes' | 'any';

/** Pod Security Standards level a Kubernetes namespace enforces. */
export type PodSecurityLevel = 'privileged' | 'baseline' | 'restricted';

/** What a scenario must show. */
export interface Expectation {
  broken: BoundaryId[];
  /** Boundaries that must hold; `'*'` = every applicable boundary not listed in broken. */
  holds: Array<BoundaryId | '*'>;
  admission: 'allowed' | 'denied';
}

/** One posture and what it must show. */
export interface Scenario {
  name: string;
  description?: string;
  posture: Posture;
  expect: Expectation;
  /** Where in the YAML file the scenario starts, for messages. */
  location: string;
}

/** A validated suite file. */
export interface Suite {
  name: string;
  description?: string;
  target: SuiteTarget;
  /** Kubernetes only: enforce this Pod Security level on the run's namespace. */
  podSecurity?: PodSecurityLevel;
  scenarios: Scenario[];
  file: string;
}
