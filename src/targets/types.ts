/** One interface for every platform probes are deployed to. */
import type { TargetKind } from '../../probes/model.js';
import type { Scenario, Suite } from '../suite/types.js';
import type { TargetReport } from '../model/report.js';
import type { NodeReference } from '../../probes/lib/node-reference.js';

/** A scenario scheduled in a run. */
export interface PlannedScenario {
  suite: Suite;
  scenario: Scenario;
}

/** What deploying one probe produced, before evidence is evaluated. */
export interface ProbeOutcome {
  node?: string;
  admission: 'allowed' | 'denied';
  admissionMessage?: string;
  /** Raw stdout of the probe (untrusted). */
  stdout?: string;
  /** The random value the probe was asked to echo; its document is refused without it. */
  challenge?: string;
  /** The host reference the probe was sent; the checks' echo of it must be the same. */
  nodeReference?: NodeReference;
  /** The probe did not finish within its timeout and was killed. */
  timedOut?: boolean;
  /** The platform failed to deploy or observe the probe. */
  error?: string;
  ignoredPostureKeys?: string[];
}

/** Settings every target receives. */
export interface TargetOptions {
  runId: string;
  /** Per-scenario budget in milliseconds. */
  timeoutMs: number;
  /** Enable checks whose traffic leaves the machine. */
  network: boolean;
}

/** A platform: prepare, deploy+collect, cleanup, describe. */
export interface Target {
  readonly kind: TargetKind;
  /** Probe outcomes each scenario yields, known after prepare (one per node with --nodes all); 1 when absent. */
  readonly probesPerScenario?: number;
  /** Connects, checks reachability, makes the probe image available. */
  prepare(planned: PlannedScenario[]): Promise<void>;
  /** Fingerprint for the report. */
  describe(): Promise<TargetReport>;
  /** Deploys one scenario's probe(s) and collects their output. */
  run(planned: PlannedScenario): Promise<ProbeOutcome[]>;
  /** Removes everything this run created (by run-id label); safe to call more than once. */
  cleanup(): Promise<void>;
}
